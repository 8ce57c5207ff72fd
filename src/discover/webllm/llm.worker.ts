// The dedicated LLM worker: the only module that imports WebLLM, so its code is bundled once and
// loaded only when the local LLM is used (download, import check, or a run with the LLM
// proposer). It answers the small protocol in protocol.ts; the GPU work stays off the page.
import { CreateMLCEngine, deleteModelAllInfoInCache, type MLCEngine } from '@mlc-ai/web-llm';
import type { LlmReply, LlmRequest } from './protocol.ts';

let engine: MLCEngine | undefined;
const post = (m: LlmReply) => (self as unknown as Worker).postMessage(m);

async function handle(id: number, req: LlmRequest): Promise<LlmReply> {
  switch (req.op) {
    case 'load':
      await engine?.unload();
      engine = await CreateMLCEngine(req.modelId, {
        appConfig: req.appConfig,
        initProgressCallback: (r) => post({ id, kind: 'progress', fraction: r.progress, text: r.text }),
      });
      return { id, kind: 'result' };
    case 'chat': {
      if (!engine) throw new Error('no model loaded');
      const q = req.request;
      const res = await engine.chat.completions.create({
        messages: q.messages, response_format: q.response_format, temperature: q.temperature, seed: q.seed, max_tokens: q.max_tokens, stream: false,
      });
      const choice = res.choices[0];
      return { id, kind: 'result', value: { content: choice?.message.content ?? '', finishReason: choice?.finish_reason ?? 'stop' } };
    }
    case 'interrupt':
      engine?.interruptGenerate();
      return { id, kind: 'result' };
    case 'unload':
      await engine?.unload();
      engine = undefined;
      return { id, kind: 'result' };
    case 'delete':
      await deleteModelAllInfoInCache(req.modelId, req.appConfig);
      return { id, kind: 'result' };
  }
}

self.onmessage = (e: MessageEvent<{ id: number; req: LlmRequest }>) => {
  const { id, req } = e.data;
  handle(id, req).then(post, (err: unknown) => {
    const name = err instanceof Error ? err.name : 'Error';
    post({ id, kind: 'error', name, message: err instanceof Error ? err.message : String(err) });
  });
};
