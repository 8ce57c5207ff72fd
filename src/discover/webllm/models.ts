// Model management in the browser: one explicit download with progress into the browser cache,
// import from a folder (air-gapped machines), list and delete cached models.
import { appConfig, modelRecords, placementFor } from './catalog.ts';
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

export async function listCachedModels(): Promise<string[]> {
  const cfg = appConfig();
  const worker = spawnLlmWorker();
  try {
    return await worker.call<string[]>({ op: 'cached', modelIds: cfg.model_list.map((r) => r.model_id), appConfig: cfg });
  } finally {
    worker.terminate();
  }
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
