// The engine worker: discovery, validation and cohort simulation off the page's main thread.
// first: the workers this one starts (CPU pool, WebGPU, WebLLM) inherit its policy
import '../contain/workers.ts';
import * as Comlink from 'comlink';
import { runDiscovery } from '../../discover/index.ts';
import { discoveryWorkNote } from '../../discover/work-check.ts';
import type { Dataset } from '../../data/types.ts';
import type { DiscoveryOptions, DiscoveryProgress } from '../../discover/api.ts';
import type { ModelSpec } from '../../model/spec.ts';
import type { BackendChoice } from '../state/session.ts';
import { backendFor, infoOf } from './backend-cache.ts';
import { createLlmProposer } from './llm-proposer.ts';
import { simulateCohort } from './cohort.ts';
import { validateText, view } from './spec-check.ts';
import type { CohortRequest, EngineApi } from './protocol.ts';
import { exportModel } from '../../exchange/index.ts';
import type { ExportFormat, ExportInput } from '../../exchange/types.ts';

const runs = new Map<string, AbortController>();

const api: EngineApi = {
  async backendInfo(prefer: BackendChoice) {
    return infoOf(await backendFor(prefer));
  },
  async validate(text: string) {
    return validateText(text);
  },
  async describe(spec: ModelSpec) {
    return view(spec);
  },
  async exportModel(input: ExportInput, format: ExportFormat) {
    try {
      return { ok: true as const, text: exportModel(input, format) };
    } catch (err) {
      return { ok: false as const, message: err instanceof Error ? err.message : String(err) };
    }
  },
  async discover(runId: string, data: Dataset, options: DiscoveryOptions, prefer: BackendChoice, onProgress: (p: DiscoveryProgress) => void, llmModelId?: string) {
    const ctrl = new AbortController();
    runs.set(runId, ctrl);
    let llm: Awaited<ReturnType<typeof createLlmProposer>> | null = null;
    try {
      const held = await backendFor(prefer);
      // the work budget up front: refused (the run fails with the estimate) or said in the run log
      const note = discoveryWorkNote(data, options, held.backend.name);
      if (note) void onProgress({ stage: 'propose', round: 0, message: `Work estimate: ${note}.`, fraction: 0 });
      let opts = options;
      if (options.proposer === 'webllm') {
        llm = await createLlmProposer(llmModelId, (message) => void onProgress({ stage: 'propose', round: 0, message, fraction: 0 }));
        opts = { ...options, proposerInstance: llm.proposer };
      }
      const report = await runDiscovery(data, opts, held.backend, { onProgress: (p) => void onProgress(p), signal: ctrl.signal });
      return { report, backend: infoOf(held) };
    } finally {
      runs.delete(runId);
      if (llm) await llm.dispose().catch(() => undefined);
    }
  },
  cancel(runId: string) {
    runs.get(runId)?.abort(new DOMException('cancelled by the user', 'AbortError'));
  },
  async simulateCohort(req: CohortRequest) {
    return simulateCohort(req, (await backendFor(req.prefer)).backend);
  },
};

Comlink.expose(api);
