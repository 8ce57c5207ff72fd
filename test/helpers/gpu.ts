// Node WebGPU for tests: Dawn (npm `webgpu`) on a CPU Vulkan driver (SwiftShader from Debian's
// chromium package). VK_ICD_FILENAMES must be set before Dawn loads (see vitest setup).
let cached: GPU | undefined;

export async function getNodeGpu(): Promise<GPU> {
  if (cached) return cached;
  const webgpu = await import('webgpu');
  Object.assign(globalThis, webgpu.globals);
  cached = webgpu.create([]) as GPU;
  return cached;
}
