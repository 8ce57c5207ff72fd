// The JSON Schema of a saved session (a session file's "session" and the record IndexedDB keeps):
// every field the app reads, with its type and a size bound, so a hostile or damaged session is
// refused before any of it reaches the screen. Extra fields are allowed (newer versions add
// some); what the app reads is checked. NaN is saved to JSON as null, so result numbers may be null.
import { RUN_LIMITS } from '../../discover/run-limits.ts';
import { MAX_TEXT_LENGTH } from '../../data/csv.ts';

export const SESSION_LIMITS = {
  /** characters in a session file: the largest table, its active copy, the report's copy and the results */
  fileLength: 4 * MAX_TEXT_LENGTH,
  /** nesting of arrays and objects (a report needs about 10) */
  depth: 40,
  /** arrays and objects in one session, all together */
  nodes: 2_000_000,
  models: 200,
  userSpecs: 200,
  /** one user-written spec's text */
  specText: 1_000_000,
  /** free text: context parts, names, log lines */
  shortText: 100_000,
  /** entries in one list of the report (times, residual rows, band points, log lines) */
  list: 100_000,
} as const;

const L = SESSION_LIMITS;
const str = (max: number = L.shortText) => ({ type: 'string', maxLength: max });
const num = { type: ['number', 'null'] };
const int = (min: number, max: number) => ({ type: 'integer', minimum: min, maximum: max });
const list = (items: object, max: number = L.list) => ({ type: 'array', items, maxItems: max });
const obj = (properties: Record<string, object>, required: string[] = Object.keys(properties)) => ({ type: 'object', properties, required });
/** a record keyed by names (parameters, hyperparameters) */
const record = (values: object) => ({ type: 'object', additionalProperties: values, maxProperties: 1000 });

const quantiles = obj({ median: num, q05: num, q95: num, q25: num, q75: num }, ['median', 'q05', 'q95']);
const band = obj({ times: list(num), median: list(num), q05: list(num), q95: list(num) });
const series = obj({ group: str(), observable: str(), mean: band, sd: band, individual: band, lowestModelMean: obj({ value: num, time: num }) }, ['group', 'observable', 'mean', 'sd', 'individual']);
const diagnostics = obj({
  residuals: list(obj({ group: str(), observable: str(), time: num, meanZ: num, sdZ: num })),
  patterns: list(str()),
  identifiability: obj({
    contraction: record(num),
    correlated: list(obj({ a: str(), b: str(), corr: num })),
    atPriorEdge: list(str()),
  }),
  failedFraction: num,
  warnings: list(str()),
});

const rankedModel = obj(
  {
    rank: int(0, 1_000_000),
    name: str(),
    // a ModelSpec: its own schema and checks apply when it is compiled; here only its shape
    spec: { type: 'object' },
    weight: num,
    weightSE: num,
    logEvidence: num,
    logEvidenceSE: num,
    parameters: record(quantiles),
    bsv: record(obj({ omega: quantiles, cvPercent: num })),
    diagnostics,
    rationale: str(),
    explanation: str(),
    predictive: obj({ mean: band, series: list(series, 1000) }),
    origin: obj({ proposer: { enum: ['library', 'webllm', 'user'] }, round: int(0, 1_000_000) }),
  },
  ['rank', 'name', 'spec', 'weight', 'logEvidence', 'logEvidenceSE', 'parameters', 'bsv', 'diagnostics', 'rationale', 'explanation', 'predictive', 'origin'],
);

const report = obj(
  {
    version: str(),
    seed: num,
    proposer: { enum: ['library', 'webllm'] },
    backend: { enum: ['cpu', 'webgpu'] },
    rounds: num,
    dataset: obj({ name: str(), observables: list(str()), groups: list(str()), times: list(num) }, ['observables', 'groups', 'times']),
    context: str(),
    models: list(rankedModel, L.models),
    timing: obj({ wallSeconds: num, candidatesFitted: num }),
    log: list(str()),
  },
  ['version', 'proposer', 'backend', 'dataset', 'models', 'timing', 'log'],
);

const bounded = (k: keyof typeof RUN_LIMITS) => int(RUN_LIMITS[k].min, RUN_LIMITS[k].max);

export const SESSION_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://mechanist.local/session.schema.json',
  title: 'Mechanist session',
  ...obj({
    version: { const: 1 },
    csvText: str(MAX_TEXT_LENGTH),
    csvName: str(1000),
    activeCsv: str(MAX_TEXT_LENGTH),
    activeName: str(1000),
    dosingCsv: str(MAX_TEXT_LENGTH),
    activeDosing: str(MAX_TEXT_LENGTH),
    context: str(),
    contextParts: obj({ measured: str(), disease: str(), intervention: str(), notes: str() }),
    userSpecs: list(obj({ id: str(200), text: str(L.specText), include: { type: 'boolean' } }), L.userSpecs),
    settings: obj({
      backend: { enum: ['auto', 'webgpu', 'cpu'] },
      proposer: { enum: ['library', 'webllm'] },
      seed: bounded('seed'),
      budgetSeconds: bounded('budgetSeconds'),
      rounds: bounded('rounds'),
      predictTimes: str(10_000),
      // 0 = the engine's default
      particles: { if: { const: 0 }, else: bounded('particles') },
      subjects: { if: { const: 0 }, else: bounded('subjects') },
      llmModel: str(200),
    }),
    // if/else rather than anyOf, so a broken report is described by its own first error
    report: { if: { type: 'null' }, else: report },
    reportCsv: str(MAX_TEXT_LENGTH),
    reportCsvName: str(1000),
    reportDosing: str(MAX_TEXT_LENGTH),
    compare: { type: 'array', items: int(0, L.models), minItems: 2, maxItems: 2 },
    step: { enum: ['data', 'context', 'models', 'run', 'results', 'explore'] },
  }),
} as const;
