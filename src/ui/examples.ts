// The bundled examples: the model gallery (public/examples/models) and the synthetic example
// dataset loaded on first start (public/examples/data). Fetched from this origin (precached by
// the service worker), listed at build time.
import type { ModelSpec } from '../model/spec.ts';

const modelFiles = Object.keys(import.meta.glob('../../public/examples/models/*.json', { query: '?url', import: 'default' }));
const dataFiles = Object.keys(import.meta.glob('../../public/examples/data/*.csv', { query: '?url', import: 'default' }));

const toUrl = (path: string) => import.meta.env.BASE_URL + path.replace(/^.*\/public\//, '');
const baseName = (path: string) => path.replace(/^.*\//, '');

/** `dosing`: the example's separate dosing table, '' when it has none */
export interface ExampleData { name: string; text: string; context: string; dosing: string }
interface Manifest { default?: string; datasets?: { file: string; title?: string; context?: string; dosingFile?: string }[] }

let manifest: Promise<Manifest> | null = null;
/** examples/data/index.json: the first-start default, titles and a context sentence per dataset */
function exampleManifest(): Promise<Manifest> {
  manifest ??= fetch(`${import.meta.env.BASE_URL}examples/data/index.json`)
    .then((r) => (r.ok ? (r.json() as Promise<Manifest>) : {}))
    .catch(() => ({}));
  return manifest;
}

/** the context sentences the bundled examples come with: words that describe an example, not the user's study */
export async function exampleContexts(): Promise<string[]> {
  const m = await exampleManifest();
  return (m.datasets ?? []).map((d) => d.context ?? '').filter((c) => c.trim() !== '');
}

export async function exampleDataList(): Promise<{ file: string; title: string }[]> {
  const m = await exampleManifest();
  return dataFiles.map(baseName).map((file) => ({ file, title: m.datasets?.find((d) => d.file === file)?.title ?? file }));
}

export async function loadExampleData(name?: string): Promise<ExampleData | null> {
  const names = dataFiles.map(baseName);
  const m = await exampleManifest();
  const pick = name ?? (m.default && names.includes(m.default) ? m.default : names[0]);
  const path = dataFiles.find((f) => baseName(f) === pick);
  if (!path || !pick) return null;
  const res = await fetch(toUrl(path));
  if (!res.ok) return null;
  const entry = m.datasets?.find((d) => d.file === pick);
  const dosing = entry?.dosingFile ? await fetch(`${import.meta.env.BASE_URL}examples/data/${entry.dosingFile}`).then((r) => (r.ok ? r.text() : '')) : '';
  return { name: pick, text: await res.text(), context: entry?.context ?? '', dosing };
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
