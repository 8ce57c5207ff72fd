// Messages between the page (or the engine worker) and the LLM worker (llm.worker.ts), the only
// place WebLLM's code runs. Requests carry an id; the worker answers each with a result or an
// error (name and message, which toLlmError maps to a clear sentence), and sends progress while
// a model loads.
import type { AppConfig } from '@mlc-ai/web-llm';
import type { ChatRequest, ChatResult } from './engine.ts';

export type LlmRequest =
  | { op: 'load'; modelId: string; appConfig: AppConfig }
  | { op: 'chat'; request: ChatRequest }
  | { op: 'interrupt' }
  | { op: 'unload' }
  | { op: 'delete'; modelId: string; appConfig: AppConfig };

export type LlmReply =
  | { id: number; kind: 'result'; value?: ChatResult }
  | { id: number; kind: 'error'; name: string; message: string }
  | { id: number; kind: 'progress'; fraction: number; text: string };
