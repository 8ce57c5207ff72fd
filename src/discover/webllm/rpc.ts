// The caller's side of the LLM worker protocol: one worker, requests answered in any order.
import type { DownloadProgress } from './models.ts';
import type { LlmReply, LlmRequest } from './protocol.ts';

export interface LlmWorker {
  call<T = undefined>(req: LlmRequest, onProgress?: (p: DownloadProgress) => void): Promise<T>;
  terminate(): void;
}

/** wraps a Worker (or anything with postMessage/onmessage, e.g. a fake in tests) */
export function llmWorker(worker: Pick<Worker, 'postMessage' | 'terminate'> & { onmessage: ((e: MessageEvent) => void) | null }): LlmWorker {
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void; onProgress?: (p: DownloadProgress) => void }>();
  worker.onmessage = (e: MessageEvent<LlmReply>) => {
    const m = e.data;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.kind === 'progress') { p.onProgress?.({ fraction: m.fraction, text: m.text }); return; }
    pending.delete(m.id);
    if (m.kind === 'result') p.resolve(m.value);
    // errors cross the boundary as "Name: message" strings, as toLlmError expects
    else p.reject(`${m.name}: ${m.message}`);
  };
  return {
    call<T>(req: LlmRequest, onProgress?: (p: DownloadProgress) => void): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
        worker.postMessage({ id, req });
      });
    },
    terminate(): void {
      for (const p of pending.values()) p.reject('Error: the LLM worker was stopped (interrupted)');
      pending.clear();
      worker.terminate();
    },
  };
}

/** a new LLM worker (its script, with WebLLM, is fetched on first use) */
export function spawnLlmWorker(): LlmWorker {
  return llmWorker(new Worker(new URL('./llm.worker.ts', import.meta.url), { type: 'module', name: 'webllm' }));
}
