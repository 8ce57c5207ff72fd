// The example datasets are reproducible: running the generator again (into a temp folder)
// gives byte-identical files, and nothing in public/examples/data is left unaccounted for.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExamples } from '../../scripts/examples/generate.ts';
import { csvFilesOnDisk, DATA_DIR, dosingFilesOnDisk, MODELS_DIR, readData, readManifest } from './manifest.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mechanist-examples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('example data regeneration', () => {
  it('writes byte-identical files to the committed ones', async () => {
    const written = await writeExamples(MODELS_DIR, tmp);
    expect(written.map((p) => relative(tmp, p)).sort()).toEqual([...csvFilesOnDisk(), ...dosingFilesOnDisk(), 'index.json'].sort());
    for (const path of written) {
      const name = relative(tmp, path);
      const fresh = readFileSync(path);
      const committed = readFileSync(join(DATA_DIR, name));
      expect(fresh.equals(committed), `${name} differs from a fresh run of npm run examples`).toBe(true);
    }
  });

  it('lists every CSV file in the manifest exactly once, with the default among them', () => {
    const manifest = readManifest();
    const listed = manifest.datasets.map((d) => d.file);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(csvFilesOnDisk());
    expect(manifest.datasets.flatMap((d) => (d.dosingFile ? [d.dosingFile] : [])).sort()).toEqual(dosingFilesOnDisk());
    expect(listed).toContain(manifest.default);
    expect(manifest.default).toBe('pk-oral-cohort.csv');
  });

  it('keeps the hand-written README next to the data', () => {
    expect(readData('README.md')).toMatch(/npm run examples/);
  });
});
