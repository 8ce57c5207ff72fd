// The bundled examples: the model gallery (public/examples/models) and the synthetic example
// dataset loaded on first start (public/examples/data). Fetched from this origin (precached by
// the service worker), listed at build time.
import type { ModelSpec } from '../model/spec.ts';

const modelFiles = Object.keys(import.meta.glob('../../public/examples/models/*.json', { query: '?url', import: 'default' }));
const dataFiles = Object.keys(import.meta.glob('../../public/examples/data/*.csv', { query: '?url', import: 'default' }));

const toUrl = (path: string) => import.meta.env.BASE_URL + path.replace(/^.*\/public\//, '');
const baseName = (path: string) => path.replace(/^.*\//, '');

/** preferred first-start dataset, when present */
const PREFERRED_DATA = ['pk-oral-cohort.csv', 'example.csv'];

export interface ExampleData { name: string; text: string; context: string }

export function exampleDataNames(): string[] {
  return dataFiles.map(baseName);
}

export async function loadExampleData(name?: string): Promise<ExampleData | null> {
  const names = dataFiles.map(baseName);
  const pick = name ?? PREFERRED_DATA.find((p) => names.includes(p)) ?? names[0];
  const path = dataFiles.find((f) => baseName(f) === pick);
  if (!path) return null;
  const res = await fetch(toUrl(path));
  if (!res.ok) return null;
  const text = await res.text();
  return {
    name: pick!,
    text,
    context: 'Example: synthetic cohort. Describe what is measured, the disease and the intervention here.',
  };
}

export async function loadGallery(): Promise<{ file: string; spec: ModelSpec }[]> {
  const out: { file: string; spec: ModelSpec }[] = [];
  await Promise.all(
    modelFiles.map(async (f) => {
      try {
        const res = await fetch(toUrl(f));
        if (res.ok) out.push({ file: baseName(f), spec: (await res.json()) as ModelSpec });
      } catch {
        // a missing example is skipped, the gallery shows the rest
      }
    }),
  );
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
