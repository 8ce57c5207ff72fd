// Reads the committed example data and its manifest (public/examples/data) for the tests.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Manifest } from '../../scripts/examples/generate.ts';

export const ROOT = resolve(__dirname, '../..');
export const DATA_DIR = resolve(ROOT, 'public/examples/data');
export const MODELS_DIR = resolve(ROOT, 'public/examples/models');

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(resolve(DATA_DIR, 'index.json'), 'utf8')) as Manifest;
}

export function readData(file: string): string {
  return readFileSync(resolve(DATA_DIR, file), 'utf8');
}

export function csvFilesOnDisk(): string[] {
  return readdirSync(DATA_DIR).filter((f) => f.endsWith('.csv')).sort();
}

/** the separate dosing tables (dosing/<data file>) */
export function dosingFilesOnDisk(): string[] {
  return readdirSync(resolve(DATA_DIR, 'dosing')).filter((f) => f.endsWith('.csv')).map((f) => `dosing/${f}`).sort();
}
