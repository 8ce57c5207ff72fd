// The WebLLM proposer: prompt → constrained JSON → schema + semantic validation → repair rounds
// with the validator's errors → proposals. Coded against LlmEngine, so it is tested with a
// scripted engine; the real engine (client.ts) runs WebLLM in a dedicated worker.
import { labelTable } from '../data-labels.ts';
import { dataScales } from '../library/scales.ts';
import { volumeScale } from '../library/priors.ts';
import { describeRegimen } from '../../data/regimen.ts';
import type { Dataset } from '../../data/types.ts';
import type { ModelSpec } from '../../model/spec.ts';
import type { DiscoveryContext, HistoryEntry, Proposal, Proposer } from '../api.ts';
import type { ChatMessage, ChatRequest, LlmEngine } from './engine.ts';
import { LlmError, toLlmError } from './errors.ts';
import { parseAnswer } from './parse.ts';
import { buildMessages, repairMessages } from './prompt.ts';
import { modelSpecValidator, responseSchemaString } from './schema.ts';

/** Semantic check of a schema-valid spec (the model stage's validateSpec); errors as sentences with paths. */
export type SpecCheck = (spec: ModelSpec) => { ok: true } | { ok: false; errors: string[] };

export interface WebLlmProposerOptions {
  engine: LlmEngine;
  check: SpecCheck;
  /** candidates per call (default 3) */
  k?: number;
  temperature?: number;
  seed?: number;
  /** repair rounds after the first answer (default 2) */
  repairRounds?: number;
  maxTokens?: number;
  /** a short data summary; default: one built from the dataset */
  summarize?: (data: Dataset) => string;
  /** every request sent and problem found, for the UI's log */
  onEvent?: (e: { kind: 'request'; request: ChatRequest } | { kind: 'problems'; round: number; problems: string[] } | { kind: 'accepted'; name: string }) => void;
}

function defaultSummary(data: Dataset): string {
  const lines = [`time unit: ${data.timeUnit ?? 'unspecified'}`];
  for (const o of data.observables) lines.push(`observable ${o.name}${o.unit ? ` (${o.unit})` : ''}`);
  if (data.doseUnit) lines.push(`dose unit: ${data.doseUnit}`);
  // volumes in litres, as the library's PK motifs report them (priors.ts volumeScale)
  const s = dataScales(data);
  const v = s.doseUnit !== undefined && s.unit !== undefined ? volumeScale(s) : null;
  if (v && v.factor !== 1) lines.push(`with doses in ${s.doseUnit} and concentrations in ${s.unit}, write a concentration as amount/V*${v.factor} so that V is in ${v.unit}`);
  for (const g of data.groups) lines.push(`group ${g.name}${Object.keys(g.covariates).length ? ` ${JSON.stringify(g.covariates)}` : ''}${g.regimen ? `: ${describeRegimen(g, data.doseUnit ?? '', data.timeUnit ?? '')}` : ''}`);
  if (s.mixedRoutes) lines.push('groups are dosed orally and intravenously: give one dose entry per route ("route": "oral" into the gut with amount F*dose, "route": "iv" into the central compartment with amount dose)');
  for (const s of data.series) {
    lines.push(`${s.observable} / ${s.group}: times ${s.times.join(', ')}; means ${s.mean.map((m) => Number(m.toPrecision(3))).join(', ')}; n ${Math.max(...s.n)}`);
  }
  return lines.join('\n');
}

function ajvProblems(i: number, errors: { instancePath: string; message?: string; params?: Record<string, unknown>; propertyName?: string }[]): string[] {
  return errors.slice(0, 8).map((e) => {
    const extra = e.params && 'additionalProperty' in e.params ? ` ("${String(e.params.additionalProperty)}")`
      : e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})`
      : e.propertyName !== undefined ? ` (property name ${JSON.stringify(e.propertyName.slice(0, 40))})` : '';
    return `candidate ${i + 1}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
  });
}

export function createWebLlmProposer(opts: WebLlmProposerOptions): Proposer {
  const k0 = opts.k ?? 3;
  const repairRounds = opts.repairRounds ?? 2;
  return {
    name: 'webllm',
    async propose(context: DiscoveryContext & { data: Dataset }, history: HistoryEntry[], budget: number, signal?: AbortSignal): Promise<Proposal[]> {
      const k = Math.max(1, Math.min(k0, budget));
      const table = labelTable(context.data);
      const observables = table.map((o) => o.name);
      const summary = context.dataSummary ?? (opts.summarize ?? defaultSummary)(context.data);
      let messages: ChatMessage[] = buildMessages({ k, context: context.text, dataSummary: summary, observables: table.map((o) => ({ name: o.name, label: o.label, unit: o.specUnit })), history });
      const accepted: Proposal[] = [];
      const seen = new Set(history.map((h) => JSON.stringify(h.spec.equations)));
      const onAbort = () => opts.engine.interrupt();
      signal?.addEventListener('abort', onAbort);
      try {
        for (let round = 0; round <= repairRounds; round++) {
          if (signal?.aborted) throw new LlmError('interrupted', 'Discovery was cancelled.', 'abort');
          const want = k - accepted.length;
          const request: ChatRequest = {
            messages,
            response_format: { type: 'json_object', schema: responseSchemaString(want) },
            temperature: opts.temperature ?? 0.7,
            seed: (opts.seed ?? 0) + round,
            max_tokens: opts.maxTokens ?? 900 * want,
          };
          opts.onEvent?.({ kind: 'request', request });
          let answer;
          try { answer = await opts.engine.chatCompletion(request); } catch (err) { throw toLlmError(err); }
          if (signal?.aborted) throw new LlmError('interrupted', 'Discovery was cancelled.', 'abort');
          const parsed = parseAnswer(answer.content, answer.finishReason);
          const problems = [...parsed.problems];
          const validate = modelSpecValidator();
          parsed.candidates.forEach((c, i) => {
            if (!validate(c)) { problems.push(...ajvProblems(i, validate.errors ?? [])); return; }
            const spec = c as ModelSpec;
            const missing = spec.observables.filter((o) => !observables.includes(o.name)).map((o) => o.name);
            if (missing.length > 0 && observables.length > 0) { problems.push(`candidate ${i + 1}: observable ${missing.map((m) => `"${m}"`).join(', ')} is not in the data; use ${observables.map((o) => `"${o}"`).join(', ')}`); return; }
            const res = opts.check(spec);
            if (!res.ok) { problems.push(...res.errors.slice(0, 6).map((e) => `candidate ${i + 1}: ${e}`)); return; }
            const key = JSON.stringify(spec.equations);
            if (seen.has(key)) { problems.push(`candidate ${i + 1} repeats a model already tried`); return; }
            seen.add(key);
            accepted.push({ spec, rationale: spec.rationale ?? spec.description ?? 'proposed by the local language model' });
            opts.onEvent?.({ kind: 'accepted', name: spec.name });
          });
          if (parsed.candidates.length < want && problems.length === 0) problems.push(`Only ${parsed.candidates.length} of ${want} candidates were given.`);
          if (problems.length > 0) opts.onEvent?.({ kind: 'problems', round, problems });
          if (accepted.length >= k || problems.length === 0) break;
          messages = repairMessages(messages, answer.content, problems, k - accepted.length);
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
      return accepted.slice(0, k);
    },
  };
}
