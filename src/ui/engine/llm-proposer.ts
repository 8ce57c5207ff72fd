// The WebLLM proposer for a run (loaded lazily: the LLM code is large and optional).
import type { Proposer } from '../../discover/api.ts';
import { checkSpec } from '../../model/index.ts';
import type { ModelSpec } from '../../model/spec.ts';

export async function createLlmProposer(modelId: string | undefined, onStatus: (text: string) => void): Promise<{ proposer: Proposer; dispose: () => Promise<void> }> {
  const llm = await import('../../discover/webllm/index.ts');
  const id = modelId || llm.defaultModelId(await llm.detectShaderF16());
  // never download implicitly: the only network access is the explicit "Download model"
  if (!(await llm.listCachedModels()).includes(id))
    throw new Error(`the local LLM ${id} is not in this browser yet: download or import it in LLM settings (Run step) first, or use the library proposer`);
  const engine = await llm.createWorkerEngine(id, (p) => onStatus(`Loading ${id}: ${p.text}`));
  const check = (spec: ModelSpec) => {
    const r = checkSpec(spec);
    return r.model ? ({ ok: true } as const) : ({ ok: false, errors: r.issues.map((i) => `${i.path || '/'}: ${i.message}`) } as const);
  };
  return { proposer: llm.createWebLlmProposer({ engine, check }), dispose: () => engine.dispose() };
}
