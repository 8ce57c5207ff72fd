// Model management in the browser: one explicit download with progress into the browser cache,
// import from a folder (air-gapped machines), list and delete cached models.
import { appConfig, modelBaseUrl, modelRecords, placementFor } from './catalog.ts';
import { toLlmError } from './errors.ts';
import { spawnLlmWorker } from './rpc.ts';

export interface DownloadProgress { fraction: number; text: string }

/** Downloads (and compiles) a model into the browser cache, reporting progress; the engine is unloaded after. */
export async function downloadModel(modelId: string, onProgress: (p: DownloadProgress) => void): Promise<void> {
  const worker = spawnLlmWorker();
  try {
    await worker.call({ op: 'load', modelId, appConfig: appConfig() }, onProgress);
    await worker.call({ op: 'unload' });
  } catch (err) {
    throw toLlmError(err);
  } finally {
    worker.terminate();
  }
}

/**
 * Which of our models are complete in the browser cache, read straight from the Cache API (no
 * WebLLM code, so showing the LLM settings does not load the 6 MB LLM worker). Same test as
 * WebLLM 0.2.86's hasModelInCache with the Cache API backend: the model's tensor-cache.json is in
 * the "webllm/model" cache under the model's base URL, and so is every file it lists.
 */
export async function listCachedModels(storage: Pick<CacheStorage, 'open'> = caches): Promise<string[]> {
  const cache = await storage.open('webllm/model');
  const out: string[] = [];
  for (const r of modelRecords()) {
    const base = modelBaseUrl(r);
    const index = await cache.match(new URL('tensor-cache.json', base).href);
    if (!index) continue;
    let records: { dataPath: string }[];
    try {
      records = ((await index.json()) as { records?: { dataPath: string }[] }).records ?? [];
    } catch {
      continue;
    }
    const present = await Promise.all(records.map((x) => cache.match(new URL(x.dataPath, base).href)));
    if (present.every((x) => x !== undefined)) out.push(r.model_id);
  }
  return out;
}

export async function deleteCachedModel(modelId: string): Promise<void> {
  const worker = spawnLlmWorker();
  try {
    await worker.call({ op: 'delete', modelId, appConfig: appConfig() });
  } finally {
    worker.terminate();
  }
}

/**
 * Imports a model from files the user picked (a folder with mlc-chat-config.json,
 * tensor-cache.json, params_shard_*.bin, tokenizer files, and the model library .wasm):
 * each file is put into the Cache API under the exact URL WebLLM will request.
 */
export async function importModelFromFiles(modelId: string, files: File[], onProgress?: (p: DownloadProgress) => void): Promise<{ placed: number; skipped: string[] }> {
  const r = modelRecords().find((m) => m.model_id === modelId);
  if (!r) throw new Error(`Unknown model "${modelId}"`);
  const names = files.map((f) => f.name);
  for (const must of ['mlc-chat-config.json', 'tensor-cache.json']) {
    if (!names.includes(must)) throw new Error(`The folder has no ${must}: pick the model's folder (the one with params_shard_*.bin).`);
  }
  const skipped: string[] = [];
  let placed = 0;
  for (const [i, f] of files.entries()) {
    const where = placementFor(r, f.name);
    if (!where) { skipped.push(f.name); continue; }
    const cache = await caches.open(where.cache);
    const type = f.name.endsWith('.json') ? 'application/json' : f.name.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
    await cache.put(where.url, new Response(f, { headers: { 'Content-Type': type, 'Content-Length': String(f.size) } }));
    placed++;
    onProgress?.({ fraction: (i + 1) / files.length, text: `imported ${f.name}` });
  }
  return { placed, skipped };
}
