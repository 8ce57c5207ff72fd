// Which local models we offer, and the AppConfig that points WebLLM at them (absolute URLs only:
// a relative `model` URL throws "TypeError: Invalid URL" inside WebLLM).
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import { MODEL_RECORDS, WEBLLM_VERSION } from './records.ts';

export interface LlmModelChoice {
  id: string;
  label: string;
  /** GPU memory needed (MB), from WebLLM's catalogue */
  vramMB: number;
  needsShaderF16: boolean;
  size: '1.5B' | '0.5B';
}

export const LLM_MODEL_IDS = {
  default16: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
  default32: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
  small16: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
  small32: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
} as const;

function record(id: string): ModelRecord {
  const r = MODEL_RECORDS.find((m) => m.model_id === id);
  if (!r) throw new Error(`WebLLM ${WEBLLM_VERSION} has no model "${id}" in its catalogue`);
  return r;
}

export function modelRecords(): ModelRecord[] {
  return Object.values(LLM_MODEL_IDS).map(record);
}

export function modelChoices(): LlmModelChoice[] {
  return modelRecords().map((r) => ({
    id: r.model_id,
    label: `Qwen2.5 ${r.model_id.includes('1.5B') ? '1.5B' : '0.5B'} Instruct (${r.model_id.includes('q4f16') ? '16-bit shaders' : '32-bit shaders'})`,
    vramMB: Math.round(r.vram_required_MB ?? 0),
    needsShaderF16: r.model_id.includes('q4f16'),
    size: r.model_id.includes('1.5B') ? '1.5B' : '0.5B',
  }));
}

/** Default: Qwen2.5-1.5B q4f16_1 when the adapter has shader-f16, else q4f32_1; `small` picks the 0.5B. */
export function defaultModelId(hasShaderF16: boolean, small = false): string {
  if (small) return hasShaderF16 ? LLM_MODEL_IDS.small16 : LLM_MODEL_IDS.small32;
  return hasShaderF16 ? LLM_MODEL_IDS.default16 : LLM_MODEL_IDS.default32;
}

/** Checks `adapter.features.has('shader-f16')` ourselves (WebLLM would only fail later). */
export async function detectShaderF16(gpu: GPU | undefined = (globalThis.navigator as Navigator | undefined)?.gpu): Promise<boolean> {
  if (!gpu) return false;
  const adapter = await gpu.requestAdapter();
  return adapter?.features.has('shader-f16') ?? false;
}

function assertAbsolute(url: string, what: string): void {
  let u: URL;
  try { u = new URL(url); } catch { throw new Error(`${what} must be an absolute URL, got "${url}"`); }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`${what} must be an http(s) URL, got "${url}"`);
}

/** AppConfig with our models, Cache API storage; every URL checked to be absolute. */
export function appConfig(): AppConfig {
  const list = modelRecords();
  for (const r of list) { assertAbsolute(r.model, `model URL of ${r.model_id}`); assertAbsolute(r.model_lib, `model library of ${r.model_id}`); }
  return { model_list: list, cacheBackend: 'cache' };
}

/** The weights' base URL as WebLLM resolves it (".../resolve/main/"). */
export function modelBaseUrl(r: ModelRecord): string {
  let u = r.model;
  if (!u.endsWith('/')) u += '/';
  if (!/\/resolve\/[^/]+\/$/.test(u)) u += 'resolve/main/';
  return u;
}

export interface CachePlacement { cache: 'webllm/model' | 'webllm/config' | 'webllm/wasm'; url: string }

/**
 * Where WebLLM looks for a file of a model (Cache API backend): the chat config in
 * "webllm/config", the model library (.wasm) in "webllm/wasm" under model_lib, everything else
 * (tensor-cache.json, params_shard_*.bin, tokenizer files) in "webllm/model" under the base URL.
 */
export function placementFor(r: ModelRecord, fileName: string): CachePlacement | null {
  const name = fileName.split('/').pop() ?? '';
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) return null;
  if (name.endsWith('.wasm')) return { cache: 'webllm/wasm', url: r.model_lib };
  if (name === 'mlc-chat-config.json') return { cache: 'webllm/config', url: new URL(name, modelBaseUrl(r)).href };
  if (name.endsWith('.bin') || name.endsWith('.json') || name.endsWith('.model') || name.endsWith('.txt')) {
    return { cache: 'webllm/model', url: new URL(name, modelBaseUrl(r)).href };
  }
  return null;
}
