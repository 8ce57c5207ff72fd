// The WebLLM proposer and model management (browser only for the real engine).
export type { ChatMessage, ChatRequest, ChatResult, LlmEngine } from './engine.ts';
export { LlmError, toLlmError, type LlmErrorKind } from './errors.ts';
export { createWebLlmProposer, type SpecCheck, type WebLlmProposerOptions } from './proposer.ts';
export { buildMessages, repairMessages, sanitize, SYSTEM_PROMPT } from './prompt.ts';
export { parseAnswer, salvageObjects } from './parse.ts';
export { candidatesSchema, candidatesValidator, responseSchemaString, MODEL_SPEC_SCHEMA } from './schema.ts';
export { appConfig, defaultModelId, detectShaderF16, LLM_MODEL_IDS, modelBaseUrl, modelChoices, placementFor, type LlmModelChoice } from './catalog.ts';
export { deleteCachedModel, downloadModel, importModelFromFiles, listCachedModels, type DownloadProgress } from './models.ts';
export { createWorkerEngine, type WorkerLlmEngine } from './client.ts';
