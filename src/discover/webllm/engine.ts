// The narrow engine interface the WebLLM proposer is written against. The real engine is
// WebLLM's worker client (client.ts); tests use a scripted engine. Nothing else of WebLLM leaks in.

export interface ChatMessage { role: 'system' | 'user' | 'assistant'; content: string }

export interface ChatRequest {
  messages: ChatMessage[];
  /** constrained decoding: WebLLM takes the JSON Schema as a STRING */
  response_format: { type: 'json_object'; schema: string };
  temperature: number;
  seed: number;
  max_tokens: number;
}

export interface ChatResult {
  content: string;
  /** 'stop' | 'length' (truncated) | 'abort' | … */
  finishReason: string;
}

export interface LlmEngine {
  chatCompletion(req: ChatRequest): Promise<ChatResult>;
  /** stop the generation in progress */
  interrupt(): void;
}
