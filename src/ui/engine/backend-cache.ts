// One simulation backend per choice, kept between runs (creating a WebGPU device and compiling
// pipelines is expensive). A forced-WebGPU choice that fails is an error; 'auto' falls back to
// the CPU with the reason kept for a visible notice.
import { selectBackend } from '../../simulate/index.ts';
import type { EnsembleBackend } from '../../simulate/types.ts';
import type { BackendChoice } from '../state/session.ts';
import type { BackendInfo } from './protocol.ts';

interface Held { choice: BackendChoice; backend: EnsembleBackend; info: BackendInfo }
let held: Held | null = null;
let pending: Promise<Held> | null = null;

function noWebGpuReason(): string | undefined {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  return nav && !('gpu' in nav) ? 'This browser does not expose WebGPU (navigator.gpu is missing).' : undefined;
}

/**
 * 'auto' means the fastest backend here: a software WebGPU adapter (SwiftShader, lavapipe,
 * llvmpipe) runs WGSL on the CPU cores far slower than the f64 CPU backend, so it is skipped
 * (the user can still choose WebGPU explicitly).
 */
async function softwareAdapter(): Promise<string | null> {
  const gpu = (globalThis as { navigator?: Navigator }).navigator?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
    const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
    const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
    if (info.isFallbackAdapter || legacyFallback || /swiftshader|lavapipe|llvmpipe|software/i.test(name)) return name || 'software adapter';
  } catch {
    // no adapter information: let the simulation stage decide
  }
  return null;
}

async function create(choice: BackendChoice): Promise<Held> {
  if (choice === 'auto') {
    const soft = await softwareAdapter();
    if (soft) {
      const backend = await selectBackend({ prefer: 'cpu' });
      const fallbackReason = `The only WebGPU adapter is a software renderer (${soft}), slower here than the CPU backend; pick WebGPU in the Backend selector to use it anyway.`;
      return { choice, backend, info: { name: backend.name, description: backend.description, fallbackReason } };
    }
  }
  const backend = await selectBackend({ prefer: choice });
  const info: BackendInfo = { name: backend.name, description: backend.description };
  if (backend.name === 'cpu' && choice === 'auto') info.fallbackReason = backend.fallbackReason ?? noWebGpuReason() ?? 'No WebGPU adapter could be used.';
  return { choice, backend, info };
}

/** info with the backend's current description (the CPU pool knows its worker count after a first call) */
export function infoOf(h: Held): BackendInfo {
  return { ...h.info, description: h.backend.description };
}

export async function backendFor(choice: BackendChoice): Promise<Held> {
  if (held && held.choice === choice) return held;
  if (pending) await pending.catch(() => undefined);
  if (held && held.choice === choice) return held;
  const old = held;
  held = null;
  pending = create(choice);
  try {
    held = await pending;
  } finally {
    pending = null;
  }
  if (old) void old.backend.dispose().catch(() => undefined);
  return held;
}
