// The JSON Schemas handed to WebLLM's constrained decoder: the ModelSpec schema itself (the
// project's single source of truth) wrapped as {"candidates": [ModelSpec × K]}. An invalid
// schema crashes the grammar wasm, so the wrapper is compiled with Ajv before it is ever sent.
import Ajv, { type ValidateFunction } from 'ajv';
import modelSpecSchema from '../../model/modelspec.schema.json';

export const MODEL_SPEC_SCHEMA: Record<string, unknown> = modelSpecSchema as Record<string, unknown>;

/** {"candidates": [ModelSpec, …]} with exactly k items; definitions lifted to the top level. */
export function candidatesSchema(k: number): Record<string, unknown> {
  const { definitions, $schema: _s, $id: _i, title: _t, description: _d, ...spec } = MODEL_SPEC_SCHEMA as { definitions: unknown; $schema?: unknown; $id?: unknown; title?: unknown; description?: unknown };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'ModelSpecCandidates',
    type: 'object',
    additionalProperties: false,
    required: ['candidates'],
    properties: {
      candidates: { type: 'array', minItems: k, maxItems: k, items: { $ref: '#/definitions/modelSpec' } },
    },
    definitions: { ...(definitions as Record<string, unknown>), modelSpec: spec },
  };
}

let ajv: Ajv | null = null;
const compiled = new Map<number, ValidateFunction>();

function getAjv(): Ajv {
  ajv ??= new Ajv({ allErrors: true, strict: false });
  return ajv;
}

/** Validates the wrapper schema itself (Ajv compiles it or throws) and returns its validator. */
export function candidatesValidator(k: number): ValidateFunction {
  let v = compiled.get(k);
  if (!v) {
    v = getAjv().compile(candidatesSchema(k));
    compiled.set(k, v);
  }
  return v;
}

let specValidator: ValidateFunction | null = null;
export function modelSpecValidator(): ValidateFunction {
  specValidator ??= getAjv().compile({ ...MODEL_SPEC_SCHEMA, $id: undefined });
  return specValidator;
}

/** The schema string for `response_format` (validated first). */
export function responseSchemaString(k: number): string {
  candidatesValidator(k);
  return JSON.stringify(candidatesSchema(k));
}
