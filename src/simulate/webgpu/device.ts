// A WebGPU device prepared for ensembles: the largest buffers the adapter allows (capped at 2 GiB,
// as the reference kernels do), the two bind-group layouts, and the pipeline cache. A context
// dies with its device; the backend opens a new one after a loss.
import type { DeviceCaps } from './chunking.ts';
import { PipelineCache } from './pipeline-cache.ts';

export interface GpuContext {
  readonly device: GPUDevice;
  readonly description: string;
  readonly caps: DeviceCaps;
  readonly cache: PipelineCache;
  /** uniform, params, covariates, stops (read) · outputs, info (read-write) */
  readonly simLayout: GPUBindGroupLayout;
  /** uniform, outputs, info (read) · means, group stats, cross moments (read-write) */
  readonly momentsLayout: GPUBindGroupLayout;
  /** resolves when the device is lost (or destroyed) */
  readonly lost: Promise<GPUDeviceLostInfo>;
  isLost: boolean;
}

/** No usable WebGPU: no `gpu` object or no adapter. */
export class WebGpuUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebGpuUnavailableError';
  }
}

const TWO_GIB = 2 ** 31;

export async function requestEnsembleDevice(gpu: GPU | undefined): Promise<{ device: GPUDevice; description: string }> {
  if (!gpu) throw new WebGpuUnavailableError('WebGPU is not available here (no navigator.gpu)');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new WebGpuUnavailableError('WebGPU is present but no adapter was found');
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: Math.min(adapter.limits.maxStorageBufferBindingSize, TWO_GIB),
        maxBufferSize: Math.min(adapter.limits.maxBufferSize, TWO_GIB),
      },
    });
  } catch {
    // the larger limits were refused: the defaults still work, with smaller chunks
    device = await adapter.requestDevice();
  }
  return { device, description: describeAdapter(adapter.info) };
}

function describeAdapter(info: GPUAdapterInfo | undefined): string {
  if (!info) return 'WebGPU device';
  return info.description || [info.vendor, info.architecture, info.device].filter(Boolean).join(' ') || 'WebGPU device';
}

function storageEntry(binding: number, readOnly: boolean): GPUBindGroupLayoutEntry {
  return { binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: readOnly ? 'read-only-storage' : 'storage' } };
}

/** Lower limits than the device's, for chunking (tests of chunked and 2-D dispatches, safety). */
export interface CapOverrides { maxBindingBytes?: number; maxWorkgroupsPerDimension?: number }

export function createContext(device: GPUDevice, description?: string, over: CapOverrides = {}): GpuContext {
  const cap = (v: number, limit?: number) => (limit && limit > 0 ? Math.min(v, limit) : v);
  const uniform: GPUBindGroupLayoutEntry = { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } };
  const simLayout = device.createBindGroupLayout({
    label: 'ensemble',
    entries: [uniform, storageEntry(1, true), storageEntry(2, true), storageEntry(3, true), storageEntry(4, false), storageEntry(5, false)],
  });
  const momentsLayout = device.createBindGroupLayout({
    label: 'moments',
    entries: [uniform, storageEntry(1, true), storageEntry(2, true), storageEntry(3, false), storageEntry(4, false), storageEntry(5, false)],
  });
  const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  const ctx: GpuContext = {
    device,
    description: description ?? describeAdapter(info),
    caps: {
      maxStorageBufferBindingSize: cap(device.limits.maxStorageBufferBindingSize, over.maxBindingBytes),
      maxBufferSize: cap(device.limits.maxBufferSize, over.maxBindingBytes),
      maxComputeWorkgroupsPerDimension: cap(device.limits.maxComputeWorkgroupsPerDimension, over.maxWorkgroupsPerDimension),
    },
    cache: new PipelineCache(device),
    simLayout,
    momentsLayout,
    lost: device.lost,
    isLost: false,
  };
  void device.lost.then(() => { ctx.isLost = true; });
  return ctx;
}
