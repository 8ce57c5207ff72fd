// The LLM worker boundary: the catalogue copied into records.ts matches the installed WebLLM, and
// the page-side protocol (rpc.ts, client.ts) routes results, progress and errors by request id.
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_RECORDS, WEBLLM_VERSION } from '../../src/discover/webllm/records.ts';
import { llmWorker } from '../../src/discover/webllm/rpc.ts';
import type { LlmReply, LlmRequest } from '../../src/discover/webllm/protocol.ts';
import { toLlmError } from '../../src/discover/webllm/index.ts';

describe('WebLLM catalogue copy', () => {
  it('matches the installed package, record for record', () => {
    const installed = JSON.parse(readFileSync('node_modules/@mlc-ai/web-llm/package.json', 'utf8')).version;
    expect(installed).toBe(WEBLLM_VERSION);
    for (const r of MODEL_RECORDS) expect(r).toEqual(prebuiltAppConfig.model_list.find((m) => m.model_id === r.model_id));
  });

  it('only the LLM worker imports WebLLM code (type imports elsewhere)', () => {
    const files = ['catalog.ts', 'client.ts', 'models.ts', 'rpc.ts', 'protocol.ts', 'records.ts', 'index.ts', 'proposer.ts'];
    for (const f of files) expect([f, /^import (?!type)[^;]*'@mlc-ai\/web-llm'/m.test(readFileSync(`src/discover/webllm/${f}`, 'utf8'))]).toEqual([f, false]);
    expect(readFileSync('src/discover/webllm/llm.worker.ts', 'utf8')).toMatch(/^import \{ CreateMLCEngine/m);
  });
});

/** a scripted stand-in for the LLM worker */
function fakeWorker(answer: (id: number, req: LlmRequest, post: (m: LlmReply) => void) => void) {
  const w = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    terminated: false,
    postMessage(msg: { id: number; req: LlmRequest }) {
      queueMicrotask(() => answer(msg.id, msg.req, (m) => w.onmessage?.({ data: m } as MessageEvent)));
    },
    terminate() { w.terminated = true; },
  };
  return w;
}

describe('LLM worker protocol', () => {
  it('routes replies and progress to the right request, errors as clear LlmErrors', async () => {
    const fake = fakeWorker((id, req, post) => {
      if (req.op === 'load') {
        post({ id, kind: 'progress', fraction: 0.5, text: 'half' });
        post({ id, kind: 'result' });
      } else if (req.op === 'delete' && req.modelId === 'slow') setTimeout(() => post({ id, kind: 'error', name: 'Error', message: 'slow one failed' }), 20);
      else if (req.op === 'chat') post({ id, kind: 'error', name: 'DeviceLostError', message: 'the device was lost' });
      else post({ id, kind: 'result' });
    });
    const w = llmWorker(fake);
    const progress: number[] = [];
    await w.call({ op: 'load', modelId: 'm', appConfig: { model_list: [] } }, (p) => progress.push(p.fraction));
    expect(progress).toEqual([0.5]);
    // two requests in flight, answered out of order, each settles its own promise
    const slow = w.call({ op: 'delete', modelId: 'slow', appConfig: { model_list: [] } });
    const fast = w.call({ op: 'delete', modelId: 'fast', appConfig: { model_list: [] } });
    await expect(fast).resolves.toBeUndefined();
    await expect(slow).rejects.toBe('Error: slow one failed');
    const err = await w.call({ op: 'chat', request: { messages: [] } as never }).catch((e: unknown) => toLlmError(e));
    expect((err as { kind: string }).kind).toBe('device-lost');
    // stopping the worker rejects what is still pending
    const never = llmWorker(fakeWorker(() => {}));
    const pending = never.call({ op: 'unload' });
    never.terminate();
    await expect(pending).rejects.toMatch(/stopped/);
  });
});

describe('cached models, read from the Cache API in the page', () => {
  it('lists a model only when its tensor-cache.json and every file it names are cached', async () => {
    const { listCachedModels, modelChoices, modelBaseUrl, LLM_MODEL_IDS } = await import('../../src/discover/webllm/index.ts');
    const { MODEL_RECORDS } = await import('../../src/discover/webllm/records.ts');
    const stored = new Map<string, Response>();
    const storage = { open: async (name: string) => { expect(name).toBe('webllm/model'); return { match: async (url: string) => stored.get(url)?.clone() } as unknown as Cache; } };
    const rec = (id: string) => MODEL_RECORDS.find((r) => r.model_id === id)!;
    const put = (id: string, file: string, body: string) => stored.set(new URL(file, modelBaseUrl(rec(id))).href, new Response(body));
    expect(await listCachedModels(storage)).toEqual([]);
    // complete: the index and both shards
    put(LLM_MODEL_IDS.small32, 'tensor-cache.json', JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin' }, { dataPath: 'params_shard_1.bin' }] }));
    put(LLM_MODEL_IDS.small32, 'params_shard_0.bin', 'x');
    expect(await listCachedModels(storage)).toEqual([]); // a shard missing
    put(LLM_MODEL_IDS.small32, 'params_shard_1.bin', 'y');
    expect(await listCachedModels(storage)).toEqual([LLM_MODEL_IDS.small32]);
    expect(modelChoices().map((c) => c.id)).toContain(LLM_MODEL_IDS.small32);
  });
});
