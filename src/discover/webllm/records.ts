// WebLLM 0.2.86's catalogue entries for the four models we offer, copied here so that the page
// and the engine worker need no WebLLM code (its 6 MB bundle is loaded once, in the LLM worker,
// only when the LLM is used). test/discover/webllm-records.test.ts checks them against the
// installed package's prebuiltAppConfig, so an upgrade that changes them fails the tests.
import type { ModelRecord } from '@mlc-ai/web-llm';

export const WEBLLM_VERSION = '0.2.86';

export const MODEL_RECORDS: ModelRecord[] = [
  {
    "model": "https://huggingface.co/mlc-ai/Qwen2.5-1.5B-Instruct-q4f16_1-MLC",
    "model_id": "Qwen2.5-1.5B-Instruct-q4f16_1-MLC",
    "model_lib": "https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Qwen2-1.5B-Instruct-q4f16_1_cs1k-webgpu.wasm",
    "low_resource_required": true,
    "vram_required_MB": 1629.75,
    "overrides": {
      "context_window_size": 4096
    }
  },
  {
    "model": "https://huggingface.co/mlc-ai/Qwen2.5-1.5B-Instruct-q4f32_1-MLC",
    "model_id": "Qwen2.5-1.5B-Instruct-q4f32_1-MLC",
    "model_lib": "https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Qwen2-1.5B-Instruct-q4f32_1_cs1k-webgpu.wasm",
    "low_resource_required": true,
    "vram_required_MB": 1888.97,
    "overrides": {
      "context_window_size": 4096
    }
  },
  {
    "model": "https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC",
    "model_id": "Qwen2.5-0.5B-Instruct-q4f16_1-MLC",
    "model_lib": "https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Qwen2-0.5B-Instruct-q4f16_1_cs1k-webgpu.wasm",
    "low_resource_required": true,
    "vram_required_MB": 944.62,
    "overrides": {
      "context_window_size": 4096
    }
  },
  {
    "model": "https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC",
    "model_id": "Qwen2.5-0.5B-Instruct-q4f32_1-MLC",
    "model_lib": "https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm",
    "low_resource_required": true,
    "vram_required_MB": 1060.2,
    "overrides": {
      "context_window_size": 4096
    }
  }
];
