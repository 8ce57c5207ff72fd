// Compiled pipelines per device, keyed by the assembled kernel's key (model hash + method + what is
// saved) and entry point, so a sweep over many parameter sets compiles its kernel once.

export interface KernelSource { key: string; code: string }

/** WGSL that failed to compile; `messages` carry line:column for each error. */
export class KernelCompileError extends Error {
  readonly messages: string[];
  constructor(key: string, messages: string[]) {
    super(`WGSL for ${key} does not compile:\n${messages.join('\n')}`);
    this.name = 'KernelCompileError';
    this.messages = messages;
  }
}

export class PipelineCache {
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly modules = new Map<string, Promise<GPUShaderModule>>();
  constructor(private readonly device: GPUDevice) {}

  get size(): number { return this.pipelines.size; }

  /** The shader module for a kernel, checked for compile errors once. */
  module(src: KernelSource): Promise<GPUShaderModule> {
    let m = this.modules.get(src.key);
    if (!m) {
      m = compileModule(this.device, src);
      this.modules.set(src.key, m);
      m.catch(() => this.modules.delete(src.key));
    }
    return m;
  }

  pipeline(src: KernelSource, entryPoint: string, layout: GPUBindGroupLayout): Promise<GPUComputePipeline> {
    const key = `${src.key}#${entryPoint}`;
    let p = this.pipelines.get(key);
    if (!p) {
      p = this.module(src).then((module) =>
        this.device.createComputePipelineAsync({
          layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
          compute: { module, entryPoint },
        }));
      this.pipelines.set(key, p);
      p.catch(() => this.pipelines.delete(key));
    }
    return p;
  }
}

async function compileModule(device: GPUDevice, src: KernelSource): Promise<GPUShaderModule> {
  const module = device.createShaderModule({ code: src.code, label: src.key });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error').map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
  if (errors.length) throw new KernelCompileError(src.key, errors);
  return module;
}
