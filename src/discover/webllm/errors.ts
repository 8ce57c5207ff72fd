// WebLLM errors, mapped to clear messages. Errors that cross the worker boundary (the LLM
// worker, rpc.ts) arrive as "Name: message" strings, so we match on the error's name prefix.

export type LlmErrorKind = 'no-webgpu' | 'no-shader-f16' | 'device-lost' | 'out-of-memory' | 'download-failed' | 'interrupted' | 'unknown';

export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly detail: string;
  constructor(kind: LlmErrorKind, message: string, detail: string) {
    super(message);
    this.name = 'LlmError';
    this.kind = kind;
    this.detail = detail;
  }
}

const RULES: { test: RegExp; kind: LlmErrorKind; message: string }[] = [
  { test: /^\s*(Error:\s*)?(WebGPUNotAvailableError|WebGPUNotFoundError)|navigator\.gpu|webgpu is not (available|supported)/i, kind: 'no-webgpu', message: 'WebGPU is not available in this browser, so the local language model cannot run. Use a WebGPU-capable browser (recent Chrome or Edge) or the built-in library proposer.' },
  { test: /^\s*(Error:\s*)?ShaderF16SupportError|shader-f16/i, kind: 'no-shader-f16', message: 'This GPU does not support 16-bit shaders (shader-f16). Choose a q4f32 model variant.' },
  { test: /^\s*(Error:\s*)?DeviceLostError|device (was )?lost/i, kind: 'device-lost', message: 'The GPU device was lost (driver reset or out of GPU memory). Reload the page and try a smaller model (0.5B).' },
  { test: /out of memory|OOM|allocation failed|Failed to allocate|exceeds.*(memory|limit)|RangeError: Array buffer allocation/i, kind: 'out-of-memory', message: 'Not enough GPU memory for this model. Close other tabs or choose the smaller 0.5B model.' },
  { test: /fetch|network|download|NetworkError|Failed to load|HTTP \d{3}|status code|Cache|QuotaExceeded/i, kind: 'download-failed', message: 'Downloading the model failed (network, quota or cache). Check the connection and storage space, or import the model from a folder.' },
  { test: /interrupt|abort/i, kind: 'interrupted', message: 'The generation was interrupted.' },
];

/** Turns anything thrown by WebLLM (Error, string, object) into an LlmError with a clear message. */
export function toLlmError(err: unknown): LlmError {
  if (err instanceof LlmError) return err;
  const text = typeof err === 'string' ? err : err instanceof Error ? `${err.name}: ${err.message}` : (() => { try { return JSON.stringify(err); } catch { return String(err); } })();
  const detail = text.slice(0, 500);
  for (const r of RULES) if (r.test.test(text)) return new LlmError(r.kind, r.message, detail);
  return new LlmError('unknown', `The local language model failed: ${detail}`, detail);
}
