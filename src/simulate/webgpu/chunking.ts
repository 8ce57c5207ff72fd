// Splits an ensemble into chunks that fit the device: every per-trajectory buffer of a chunk must
// fit one storage binding and one buffer, and its workgroups one 2-D dispatch. Chunks hold whole
// groups so that per-group moments can be reduced chunk by chunk.

export interface DeviceCaps {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxComputeWorkgroupsPerDimension: number;
}

export interface Chunk { start: number; count: number }

export interface DispatchShape {
  /** workgroups in x and y */
  x: number;
  y: number;
  /** invocations per row: trajectory index = gid.x + gid.y · rowWidth */
  rowWidth: number;
}

/** Workgroups for `count` invocations: 1-D when it fits, else rows of the widest allowed size. */
export function dispatchShape(count: number, workgroupSize: number, maxPerDim: number): DispatchShape {
  const groups = Math.max(1, Math.ceil(count / workgroupSize));
  const x = Math.min(groups, maxPerDim);
  const y = Math.ceil(groups / x);
  if (y > maxPerDim) throw new Error(`${count} invocations need more than ${maxPerDim}² workgroups`);
  return { x, y, rowWidth: x * workgroupSize };
}

/**
 * Chunks of at most the largest trajectory count whose biggest per-trajectory buffer
 * (`bytesPerTrajectory` = the largest of params, covariates, outputs, …) fits the limits,
 * rounded down to whole groups of `groupSize`.
 */
export function planChunks(n: number, bytesPerTrajectory: number, caps: DeviceCaps, workgroupSize: number, groupSize = 1): Chunk[] {
  if (!(n >= 0) || !Number.isInteger(n)) throw new Error(`ensemble size must be a whole number ≥ 0 (got ${n})`);
  if (!(groupSize >= 1) || !Number.isInteger(groupSize)) throw new Error(`groupSize must be a whole number ≥ 1 (got ${groupSize})`);
  const bytes = Math.max(4, bytesPerTrajectory);
  const byMemory = Math.floor(Math.min(caps.maxStorageBufferBindingSize, caps.maxBufferSize) / bytes);
  const byDispatch = caps.maxComputeWorkgroupsPerDimension * caps.maxComputeWorkgroupsPerDimension * workgroupSize;
  const perChunk = Math.floor(Math.min(byMemory, byDispatch) / groupSize) * groupSize;
  if (perChunk < groupSize || perChunk < 1) {
    throw new Error(`one group of ${groupSize} trajectories (${bytes * groupSize} bytes) does not fit one storage binding of ${caps.maxStorageBufferBindingSize} bytes`);
  }
  const chunks: Chunk[] = [];
  for (let start = 0; start < n; start += perChunk) chunks.push({ start, count: Math.min(perChunk, n - start) });
  return chunks;
}
