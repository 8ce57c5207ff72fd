// One simulation backend per choice, kept between runs (creating a WebGPU device and compiling
// pipelines is expensive). A forced-WebGPU choice that fails is an error; 'auto' falls back to
// the CPU with the reason kept for a visible notice.
import * as simulate from '../../simulate/index.ts';
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

interface Selected { backend: EnsembleBackend; fallbackReason?: string }
type SelectBackend = (o: { prefer: BackendChoice }) => Promise<EnsembleBackend | Selected>;

/** the simulation stage's selection (WebGPU when an adapter is available, else CPU) */
async function select(choice: BackendChoice): Promise<Selected> {
  const sel = (simulate as unknown as { selectBackend?: SelectBackend }).selectBackend;
  if (!sel) {
    if (choice === 'webgpu') throw new Error('this build has no WebGPU backend');
    return { backend: simulate.createCpuBackend(), fallbackReason: 'This build has no WebGPU backend.' };
  }
  const r = await sel({ prefer: choice });
  if ('simulate' in r) {
    const reason = (r as { fallbackReason?: string }).fallbackReason;
    return reason === undefined ? { backend: r } : { backend: r, fallbackReason: reason };
  }
  return r;
}

async function create(choice: BackendChoice): Promise<Held> {
  const sel = await select(choice);
  const backend = sel.backend;
  const info: BackendInfo = { name: backend.name, description: backend.description };
  if (backend.name === 'cpu' && choice === 'auto') info.fallbackReason = sel.fallbackReason ?? noWebGpuReason() ?? 'No WebGPU adapter could be used.';
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
