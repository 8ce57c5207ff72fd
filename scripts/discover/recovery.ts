// Recovery benchmark (npm run validate:recovery): synthetic aggregate cohorts from ground-truth
// structures — with parameter values, units, time scales and doses that differ from the
// library's defaults — are given to discovery (library proposer, no context text); a structure
// counts as recovered when the canonical AST key of a ranked model equals the truth's
// (structural equivalence, not the name).
//
//   node scripts/run-ts.mjs scripts/discover/recovery.ts [--cases 0,3,5] [--budget-s 240] [--rounds 3] [--out file.json]
import { writeFileSync } from 'node:fs';
import { compileSpec } from '../../src/model/index.ts';
import { priorCentre } from '../../src/model/prior-centre.ts';
import { createRng, simulateCohort } from '../../src/infer/index.ts';
import { MOTIFS, runDiscovery, structureKey, type DataScales } from '../../src/discover/index.ts';
import type { EnsembleBackend } from '../../src/simulate/types.ts';
import { inThreadBackend } from './backend.ts';

interface Case {
  truth: string;
  observable: string;
  unit: string;
  timeUnit: string;
  times: number[];
  n: number;
  dose?: number;
  doseUnit?: string;
  /** magnitude scales the truth's parameters are drawn around (not the data's: those come out of the simulation) */
  scale: { yMax: number; yFirst: number; yLast: number; yMin?: number; direction: 'up' | 'down' };
}

const range = (a: number, b: number, k: number) => Array.from({ length: k }, (_, i) => +(a + ((b - a) * i) / (k - 1)).toPrecision(4));

export const CASES: Case[] = [
  { truth: 'pk-1cmt-oral', observable: 'Cp', unit: 'ug/mL', timeUnit: 'h', times: [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 18, 24], n: 12, dose: 250, scale: { yMax: 6, yFirst: 1, yLast: 0.3, direction: 'up' } },
  { truth: 'pk-2cmt-oral', observable: 'conc', unit: 'ng/mL', timeUnit: 'h', times: [0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 24, 36, 48], n: 20, dose: 400, scale: { yMax: 40, yFirst: 10, yLast: 1, direction: 'up' } },
  { truth: 'pk-1cmt-iv', observable: 'plasma', unit: 'mg/L', timeUnit: 'h', times: [0.1, 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12], n: 10, dose: 50, scale: { yMax: 4, yFirst: 4, yLast: 0.2, direction: 'down' } },
  { truth: 'pk-2cmt-iv', observable: 'C', unit: 'mg/L', timeUnit: 'h', times: [0.1, 0.25, 0.5, 1, 2, 4, 6, 8, 12, 16, 24], n: 24, dose: 1000, scale: { yMax: 30, yFirst: 30, yLast: 0.5, direction: 'down' } },
  { truth: 'pd-idr-1', observable: 'biomarker', unit: 'U/L', timeUnit: 'h', times: [0, 2, 4, 8, 12, 16, 24, 36, 48, 60, 72], n: 16, dose: 100, scale: { yMax: 80, yFirst: 80, yLast: 78, yMin: 35, direction: 'down' } },
  { truth: 'pd-idr-3', observable: 'response', unit: 'ng/mL', timeUnit: 'h', times: [0, 1, 2, 4, 6, 8, 12, 18, 24, 36, 48], n: 18, dose: 20, scale: { yMax: 25, yFirst: 10, yLast: 11, direction: 'up' } },
  { truth: 'growth-logistic', observable: 'volume', unit: 'mm3', timeUnit: 'd', times: range(0, 30, 11), n: 8, scale: { yMax: 1500, yFirst: 60, yLast: 1400, direction: 'up' } },
  { truth: 'growth-gompertz', observable: 'tumour', unit: 'cm3', timeUnit: 'week', times: range(0, 20, 11), n: 14, scale: { yMax: 12, yFirst: 0.5, yLast: 11, direction: 'up' } },
  { truth: 'epi-sir', observable: 'infected', unit: 'persons', timeUnit: 'd', times: range(0, 90, 13), n: 25, scale: { yMax: 2000, yFirst: 20, yLast: 100, direction: 'up' } },
  { truth: 'epi-seir', observable: 'cases', unit: 'persons', timeUnit: 'd', times: range(0, 120, 13), n: 30, scale: { yMax: 500, yFirst: 5, yLast: 20, direction: 'up' } },
  { truth: 'dp-linear', observable: 'score', unit: 'points', timeUnit: 'month', times: range(0, 24, 9), n: 20, scale: { yMax: 40, yFirst: 30, yLast: 40, direction: 'up' } },
  { truth: 'dp-turnover', observable: 'FEV1', unit: 'L', timeUnit: 'week', times: range(0, 52, 11), n: 22, scale: { yMax: 3.2, yFirst: 3.2, yLast: 2.2, direction: 'down' } },
  { truth: 'pd-turnover-event-inhibited', observable: 'haemoglobin', unit: 'g/dL', timeUnit: 'd', times: [0, 1, 2, 3, 5, 7, 10, 14, 21, 28], n: 20, scale: { yMax: 13.5, yFirst: 13.5, yLast: 13, yMin: 10, direction: 'down' } },
];

function truthScales(c: Case): DataScales {
  return {
    observables: [c.observable], unit: c.unit, timeUnit: c.timeUnit, tMax: c.times[c.times.length - 1]!, tFirst: c.times.find((t) => t > 0)!,
    yMax: c.scale.yMax, yFirst: c.scale.yFirst, yLast: c.scale.yLast, yMin: c.scale.yMin ?? Math.min(c.scale.yFirst, c.scale.yLast), direction: c.scale.direction,
    dose: c.dose ?? null, doseUnit: c.doseUnit,
  };
}

export interface CaseResult {
  truth: string; n: number; rankOfTruth: number | null; top: string[]; top1: boolean; top3: boolean; wallSeconds: number; candidates: number; error?: string;
}

export async function caseData(c: Case, index: number, backend: EnsembleBackend) {
  const motif = MOTIFS.find((m) => m.id === c.truth)!;
  const spec = motif.build(truthScales(c));
  const rng = createRng(1000 + index);
  const theta: Record<string, number> = {};
  // true values: prior centres (on the truth's own scales) times a factor in [0.67, 1.5]
  for (const p of spec.parameters) theta[p.name] = priorCentre(p.prior) * Math.exp(0.4 * (2 * rng.uniform() - 1));
  const omega: Record<string, number> = {};
  for (const p of spec.parameters) if (p.varies) omega[p.name] = 0.15 + 0.2 * rng.uniform();
  const sigma = spec.error?.model === 'proportional' ? { proportional: 0.08 } : { additive: 0.01 * c.scale.yMax, proportional: 0.05 };
  const { dataset } = await simulateCohort(compileSpec(spec), { theta, omega, sigma }, { times: c.times, n: c.n, groups: [{ name: 'cohort', ...(c.dose ? { dose: c.dose } : {}) }] }, 2000 + index, backend);
  dataset.timeUnit = c.timeUnit;
  dataset.observables = [{ name: c.observable, unit: c.unit }];
  for (const s of dataset.series) s.unit = c.unit;
  return { spec, dataset };
}

export async function runCase(c: Case, index: number, opts: { budgetSeconds: number; rounds: number; seed: number }, backend: EnsembleBackend): Promise<CaseResult> {
  const { spec, dataset } = await caseData(c, index, backend);
  const truthKey = structureKey(spec);
  const t0 = performance.now();
  try {
    const rep = await runDiscovery(dataset, { proposer: 'library', seed: opts.seed, budgetSeconds: opts.budgetSeconds, rounds: opts.rounds }, backend);
    if (process.env.RECOVERY_VERBOSE) process.stderr.write(rep.log.join('\n') + '\n');
    const keys = rep.models.map((m) => structureKey(m.spec));
    const r = keys.indexOf(truthKey);
    return {
      truth: c.truth, n: c.n, rankOfTruth: r >= 0 ? r + 1 : null, top: rep.models.slice(0, 3).map((m) => `${m.name} (${(100 * m.weight).toFixed(0)}%)`),
      top1: r === 0, top3: r >= 0 && r < 3, wallSeconds: rep.timing.wallSeconds, candidates: rep.models.length,
    };
  } catch (err) {
    return { truth: c.truth, n: c.n, rankOfTruth: null, top: [], top1: false, top3: false, wallSeconds: (performance.now() - t0) / 1000, candidates: 0, error: (err as Error).message };
  }
}

async function main(argv: string[]): Promise<void> {
  const get = (f: string) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : undefined; };
  const which = get('--cases')?.split(',').map(Number) ?? CASES.map((_, i) => i);
  const opts = { budgetSeconds: Number(get('--budget-s') ?? 240), rounds: Number(get('--rounds') ?? 3), seed: Number(get('--seed') ?? 1) };
  const backend = inThreadBackend();
  const results: CaseResult[] = [];
  for (const i of which) {
    const c = CASES[i];
    if (!c) throw new Error(`no case ${i} (0–${CASES.length - 1})`);
    const r = await runCase(c, i, opts, backend);
    results.push(r);
    process.stderr.write(`${r.top1 ? 'TOP1' : r.top3 ? 'TOP3' : 'MISS'} ${r.truth} (n ${r.n}): rank ${r.rankOfTruth ?? '—'}; top ${r.top.join(', ')}; ${r.wallSeconds.toFixed(0)} s${r.error ? `; error: ${r.error}` : ''}\n`);
  }
  const summary = {
    cases: results.length,
    top1: results.filter((r) => r.top1).length,
    top3: results.filter((r) => r.top3).length,
    settings: opts,
    results,
  };
  process.stderr.write(`top-1 ${summary.top1}/${summary.cases}, top-3 ${summary.top3}/${summary.cases}\n`);
  const out = get('--out');
  if (out) writeFileSync(out, JSON.stringify(summary, null, 1) + '\n');
  process.stdout.write(JSON.stringify(summary) + '\n');
}

if (!process.env.RECOVERY_NO_MAIN) await main(process.argv.slice(2));
