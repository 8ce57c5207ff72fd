// Runs a WGSL compute kernel over a float input buffer on a real adapter (Dawn/SwiftShader in
// Node) and reads back a float output buffer. Shader compile errors fail with their messages.

export async function openDevice(gpu: GPU): Promise<GPUDevice> {
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  return adapter.requestDevice();
}

export async function compileModule(device: GPUDevice, code: string): Promise<GPUShaderModule> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code });
  const info = await module.getCompilationInfo();
  const error = await device.popErrorScope();
  const messages = info.messages.filter((m) => m.type === 'error');
  if (messages.length > 0 || error) {
    const lines = code.split('\n');
    const detail = messages.map((m) => `${m.lineNum}:${m.linePos} ${m.message}\n  ${lines[m.lineNum - 1] ?? ''}`).join('\n');
    throw new Error(`WGSL does not compile:\n${detail || error?.message}`);
  }
  return module;
}

/**
 * `code` must declare `@group(0) @binding(0) var<storage, read> inputs: array<f32>;`,
 * `@group(0) @binding(1) var<storage, read_write> outputs: array<f32>;` and entry point `main`
 * with @workgroup_size(64).
 */
export async function runKernel(device: GPUDevice, code: string, inputs: Float32Array<ArrayBuffer>, nOutputs: number, invocations: number): Promise<Float32Array> {
  const module = await compileModule(device, code);
  device.pushErrorScope('validation');
  // explicit layout: 'auto' would drop a binding the shader does not use
  const layout = device.createBindGroupLayout({
    entries: [
      { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
      { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
    ],
  });
  const pipeline = device.createComputePipeline({
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: 'main' },
  });
  const input = device.createBuffer({ size: Math.max(16, inputs.byteLength), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(input, 0, inputs);
  const size = Math.max(16, nOutputs * 4);
  const output = device.createBuffer({ size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const bind = device.createBindGroup({
    layout,
    entries: [{ binding: 0, resource: { buffer: input } }, { binding: 1, resource: { buffer: output } }],
  });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bind);
  pass.dispatchWorkgroups(Math.ceil(invocations / 64));
  pass.end();
  encoder.copyBufferToBuffer(output, 0, read, 0, size);
  device.queue.submit([encoder.finish()]);
  const error = await device.popErrorScope();
  if (error) throw new Error(`WebGPU validation: ${error.message}`);
  await read.mapAsync(GPUMapMode.READ);
  const result = new Float32Array(read.getMappedRange().slice(0, nOutputs * 4));
  read.unmap();
  input.destroy();
  output.destroy();
  read.destroy();
  return result;
}

export const KERNEL_BINDINGS = `@group(0) @binding(0) var<storage, read> inputs: array<f32>;
@group(0) @binding(1) var<storage, read_write> outputs: array<f32>;
`;
