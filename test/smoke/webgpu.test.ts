// Checks the test machine really runs WGSL (Node `webgpu`/Dawn on a CPU Vulkan driver).
import { describe, expect, it } from 'vitest';
import { getNodeGpu } from '../helpers/gpu.ts';

describe('WebGPU in Node', () => {
  it('runs a compute shader that doubles numbers', async () => {
    const gpu = await getNodeGpu();
    const adapter = await gpu.requestAdapter();
    expect(adapter).toBeTruthy();
    const device = await adapter!.requestDevice();
    const data = new Float32Array([1, 2, 3, 4]);
    const buf = device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(buf, 0, data);
    const read = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const module = device.createShaderModule({ code: `@group(0) @binding(0) var<storage, read_write> a: array<f32>;
      @compute @workgroup_size(4) fn main(@builtin(global_invocation_id) id: vec3u) { a[id.x] = a[id.x] * 2.0; }` });
    const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: buf } }] });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline); pass.setBindGroup(0, bind); pass.dispatchWorkgroups(1); pass.end();
    enc.copyBufferToBuffer(buf, 0, read, 0, 16);
    device.queue.submit([enc.finish()]);
    await read.mapAsync(GPUMapMode.READ);
    expect(Array.from(new Float32Array(read.getMappedRange()))).toEqual([2, 4, 6, 8]);
    read.unmap();
    device.destroy();
  });
});
