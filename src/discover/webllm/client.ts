// The page side: a WebLLM engine in a dedicated worker, adapted to the narrow LlmEngine interface.
import { CreateWebWorkerMLCEngine, type WebWorkerMLCEngine } from '@mlc-ai/web-llm';
import { appConfig } from './catalog.ts';
import type { ChatRequest, ChatResult, LlmEngine } from './engine.ts';
import { toLlmError } from './errors.ts';
import type { DownloadProgress } from './models.ts';

export interface WorkerLlmEngine extends LlmEngine {
  modelId: string;
  dispose(): Promise<void>;
}

export async function createWorkerEngine(modelId: string, onProgress?: (p: DownloadProgress) => void): Promise<WorkerLlmEngine> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  let engine: WebWorkerMLCEngine;
  try {
    engine = await CreateWebWorkerMLCEngine(worker, modelId, {
      appConfig: appConfig(),
      initProgressCallback: (r) => onProgress?.({ fraction: r.progress, text: r.text }),
    });
  } catch (err) {
    worker.terminate();
    throw toLlmError(err);
  }
  return {
    modelId,
    async chatCompletion(req: ChatRequest): Promise<ChatResult> {
      try {
        const res = await engine.chat.completions.create({
          messages: req.messages,
          response_format: req.response_format,
          temperature: req.temperature,
          seed: req.seed,
          max_tokens: req.max_tokens,
          stream: false,
        });
        const choice = res.choices[0];
        return { content: choice?.message.content ?? '', finishReason: choice?.finish_reason ?? 'stop' };
      } catch (err) {
        throw toLlmError(err);
      }
    },
    interrupt(): void {
      engine.interruptGenerate();
    },
    async dispose(): Promise<void> {
      try { await engine.unload(); } finally { worker.terminate(); }
    },
  };
}
