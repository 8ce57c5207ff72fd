// The page side (or the engine worker's): a WebLLM engine in the dedicated LLM worker, adapted to
// the narrow LlmEngine interface. No WebLLM code here: only messages (rpc.ts).
import { appConfig } from './catalog.ts';
import type { ChatRequest, ChatResult, LlmEngine } from './engine.ts';
import { toLlmError } from './errors.ts';
import type { DownloadProgress } from './models.ts';
import { spawnLlmWorker } from './rpc.ts';

export interface WorkerLlmEngine extends LlmEngine {
  modelId: string;
  dispose(): Promise<void>;
}

export async function createWorkerEngine(modelId: string, onProgress?: (p: DownloadProgress) => void): Promise<WorkerLlmEngine> {
  const worker = spawnLlmWorker();
  try {
    await worker.call({ op: 'load', modelId, appConfig: appConfig() }, onProgress);
  } catch (err) {
    worker.terminate();
    throw toLlmError(err);
  }
  return {
    modelId,
    async chatCompletion(req: ChatRequest): Promise<ChatResult> {
      try {
        return await worker.call<ChatResult>({ op: 'chat', request: req });
      } catch (err) {
        throw toLlmError(err);
      }
    },
    interrupt(): void {
      void worker.call({ op: 'interrupt' }).catch(() => {});
    },
    async dispose(): Promise<void> {
      try { await worker.call({ op: 'unload' }); } catch { /* stopping anyway */ } finally { worker.terminate(); }
    },
  };
}
