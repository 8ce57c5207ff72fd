// Generates the example datasets from the catalogue with the real engine: the model spec is
// compiled, a cohort with known truth is simulated on the CPU backend (f64, in-thread, so the
// result does not depend on worker count) and written as CSV plus a manifest (index.json).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyRegimen, simulateCohort, type SyntheticIndividual } from '../../src/infer/index.ts';
import type { Regimen } from '../../src/data/types.ts';
import { compileSpec } from '../../src/model/index.ts';
import type { CompiledModel } from '../../src/model/compiled.ts';
import { createCpuBackend } from '../../src/simulate/index.ts';
import type { EnsembleBackend } from '../../src/simulate/index.ts';
import type { Dataset } from '../../src/data/index.ts';
import { DEFAULT_EXAMPLE, EXAMPLES, type ExampleDefinition, type ExampleGroup } from './catalogue.ts';
import { csvText, sig } from './format.ts';

export const MANIFEST_FILE = 'index.json';

/** One entry of index.json: the file and the truth behind it. */
export interface ManifestEntry {
  file: string;
  title: string;
  description: string;
  context: string;
  format: 'aggregate' | 'individual';
  /** the generating model spec, relative to index.json */
  model: { file: string; name: string };
  timeUnit?: string;
  observables: { name: string; unit?: string }[];
  /** a group's own regimen, when the groups are dosed on different schedules */
  groups: { name: string; dose?: number; regimen?: Regimen; covariates?: Record<string, number> }[];
  times: number[];
  /** subjects per group */
  n: number;
  meanOnlyTimes?: number[];
  /** every group's dosing regimen */
  regimen?: Regimen;
  /** the separate dosing table that goes with the file (relative to index.json) */
  dosingFile?: string;
  seed: number;
  /** true population values: θ_pop (medians), ω (SD of log parameter; absent = no variability), σ */
  truth: { theta: Record<string, number>; omega: Record<string, number>; sigma: { additive?: number; proportional?: number } };
}

export interface Manifest {
  description: string;
  regenerate: string;
  default: string;
  datasets: ManifestEntry[];
}

export interface GeneratedExamples {
  /** file name → exact file text (CSV files and index.json) */
  files: Map<string, string>;
  manifest: Manifest;
}

/** where the separate dosing tables go, inside the data folder */
export const DOSING_DIR = 'dosing';

function loadModel(modelsDir: string, file: string, regimen?: Regimen): CompiledModel {
  const spec = JSON.parse(readFileSync(resolve(modelsDir, file), 'utf8'));
  return compileSpec(regimen ? applyRegimen(spec, regimen) : spec);
}

function unitOf(model: CompiledModel, observable: string): string | undefined {
  return model.spec.observables.find((o) => o.name === observable)?.unit;
}

function aggregateCsv(def: ExampleDefinition, model: CompiledModel, data: Dataset, observables: string[]): string {
  const groups = def.groups ?? [{ name: 'all' }];
  const withGroup = groups.length > 1;
  const withDose = withGroup ? groups.some((g) => g.dose !== undefined) : def.doseColumn === true;
  // regimen columns when any group has a regimen; each group's own cells
  const regimenOf = (g: ExampleGroup) => g.regimen ?? def.regimen;
  // (a dosing table holds the schedules instead)
  const stated = def.dosingTable ? [] : groups.map(regimenOf).filter((r): r is Regimen => r !== undefined);
  const hasDuration = stated.some((r) => r.duration !== undefined), hasInterval = stated.some((r) => r.interval !== undefined);
  const hasSteady = stated.some((r) => r.steadyState);
  const regimenHeader = stated.length > 0 ? ['route', ...(hasDuration ? ['duration'] : []), ...(hasInterval ? ['interval', 'doses'] : []), ...(hasSteady ? ['steady_state'] : [])] : [];
  const regimenCells = (r: Regimen | undefined) => (stated.length === 0 ? [] : [
    r?.route ?? '', ...(hasDuration ? [r?.duration !== undefined ? String(r.duration) : ''] : []),
    ...(hasInterval ? [r?.interval !== undefined ? String(r.interval) : '', r?.interval !== undefined ? String(r.count ?? 1) : ''] : []),
    ...(hasSteady ? [r?.steadyState ? 'yes' : 'no'] : []),
  ]);
  // covariate columns named as the model names them, with the model's unit: "WT (kg)"
  const covariates = [...new Set(groups.flatMap((g) => Object.keys(g.covariates ?? {})))];
  const covariateHeader = covariates.map((name) => { const u = model.spec.covariates?.find((c) => c.name === name)?.unit; return u ? `${name} (${u})` : name; });
  const header = ['observable', ...(withGroup ? ['group'] : []), ...(withDose ? ['dose'] : []), ...covariateHeader, ...regimenHeader, `time (${model.spec.timeUnit ?? 'h'})`, 'mean', 'sd', 'n', 'unit'];
  const meanOnly = new Set(def.meanOnlyTimes ?? []);
  const rows: string[][] = [];
  for (const g of groups) {
    for (const obs of observables) {
      const s = data.series.find((x) => x.group === g.name && x.observable === obs);
      if (!s) throw new Error(`${def.file}: no simulated series for group ${g.name}, observable ${obs}`);
      s.times.forEach((t, i) => {
        const sd = s.sd[i];
        if (s.n[i] !== def.n || sd === null) throw new Error(`${def.file}: failed trajectories at ${obs} t = ${t}`);
        rows.push([
          obs,
          ...(withGroup ? [g.name] : []),
          ...(withDose ? [String(g.dose ?? model.covariateDefaults[0])] : []),
          ...covariates.map((name) => String(g.covariates?.[name] ?? '')),
          ...regimenCells(regimenOf(g)),
          String(t),
          sig(s.mean[i]),
          meanOnly.has(t) ? '' : sig(sd),
          String(s.n[i]),
          unitOf(model, obs) ?? '',
        ]);
      });
    }
  }
  return csvText(header, rows);
}

/** The separate dosing table: one row per administration of every group (group, time, amount, route, duration). */
function dosingCsv(def: ExampleDefinition): string {
  const rows: string[][] = [];
  for (const g of def.groups ?? []) {
    const r = g.regimen ?? def.regimen;
    if (!r || g.dose === undefined) throw new Error(`${def.file}: a dosing table needs every group's regimen and dose`);
    const given = r.administrations ?? Array.from({ length: r.count ?? 1 }, (_, k) => ({ time: k * (r.interval ?? 0), amount: g.dose!, duration: r.duration }));
    for (const a of given) rows.push([g.name, String(a.time), String(a.amount), r.route ?? '', String(a.duration ?? r.duration ?? '')]);
  }
  return csvText(['group', 'time (h)', 'amount (mg)', 'route', 'duration (h)'], rows);
}

function individualCsv(def: ExampleDefinition, model: CompiledModel, individuals: SyntheticIndividual[], observable: string): string {
  const unit = unitOf(model, observable);
  const header = ['id', 'observable', `time (${model.spec.timeUnit ?? 'h'})`, unit ? `value (${unit})` : 'value'];
  const ids = new Map<string, string>();
  const rows = individuals
    .filter((r) => r.observable === observable)
    .map((r) => {
      if (!ids.has(r.id)) ids.set(r.id, `P${String(ids.size + 1).padStart(2, '0')}`);
      return [ids.get(r.id)!, observable, String(r.time), sig(r.value)];
    });
  if (rows.length !== def.n * def.times.length) throw new Error(`${def.file}: failed trajectories in the simulated cohort`);
  return csvText(header, rows);
}

/**
 * A NONMEM table: per subject one dose record (AMT, II, ADDL from the model's repeated dose into
 * the depot, CMT 1) and the observations in CMT 2; values below the LLOQ become BLQ records.
 */
function nonmemCsv(def: ExampleDefinition, model: CompiledModel, individuals: SyntheticIndividual[], observable: string): string {
  const lloq = def.nonmem!.lloq;
  const dose = model.spec.doses?.[0];
  if (!dose || dose.type !== 'bolus' || dose.time !== 0) throw new Error(`${def.file}: the model needs a repeated bolus dose from time 0`);
  const amount = def.groups?.[0]?.dose ?? model.covariateDefaults[0];
  const timeUnit = model.spec.timeUnit ?? 'h';
  const doseUnit = model.spec.covariates?.find((c) => c.name === 'dose')?.unit;
  const unit = unitOf(model, observable);
  const withUnit = (name: string, u: string | undefined) => (u ? `${name} (${u})` : name);
  const header = ['ID', withUnit('TIME', timeUnit), withUnit('AMT', doseUnit), withUnit('DV', unit), 'EVID', 'MDV', 'CMT', 'II', 'ADDL', 'BLQ', 'LLOQ', 'OBSID'];
  const ids = new Map<string, number>();
  const rows: string[][] = [];
  for (const r of individuals.filter((x) => x.observable === observable)) {
    if (!ids.has(r.id)) {
      ids.set(r.id, ids.size + 1);
      rows.push([String(ids.size), '0', String(amount), '.', '1', '1', '1', String(dose.every ?? '.'), String((dose.count ?? 1) - 1), '0', '.', '.']);
    }
    const below = r.value < lloq;
    rows.push([String(ids.get(r.id)), String(r.time), '.', below ? '.' : sig(r.value), '0', below ? '1' : '0', '2', '.', '.', below ? '1' : '0', String(lloq), observable]);
  }
  if (rows.length !== def.n * (def.times.length + 1)) throw new Error(`${def.file}: failed trajectories in the simulated cohort`);
  return csvText(header, rows);
}

/** Groups on their own schedules: each simulated by its own model (seed + group index), then put together. */
async function perGroupSchedules(def: ExampleDefinition, modelsDir: string, backend: EnsembleBackend): Promise<Awaited<ReturnType<typeof simulateCohort>>> {
  const parts = [];
  for (const [i, g] of def.groups!.entries()) {
    const model = loadModel(modelsDir, def.modelFile, g.regimen ?? def.regimen);
    parts.push(await simulateCohort(model, def.truth, { times: def.times, n: def.n, groups: [g] }, def.seed + i, backend));
  }
  const first = parts[0]!;
  return {
    ...first,
    dataset: { ...first.dataset, groups: parts.flatMap((p) => p.dataset.groups), series: parts.flatMap((p) => p.dataset.series) },
    individuals: parts.flatMap((p) => p.individuals),
  };
}

async function generateOne(def: ExampleDefinition, modelsDir: string, backend: EnsembleBackend): Promise<{ text: string; entry: ManifestEntry; dosing?: string }> {
  const model = loadModel(modelsDir, def.modelFile, def.regimen);
  const observables = def.observables ?? model.observableNames;
  for (const o of observables) if (!model.observableNames.includes(o)) throw new Error(`${def.file}: model has no observable "${o}"`);
  const { dataset, individuals } = def.groups?.some((g) => g.regimen)
    ? await perGroupSchedules(def, modelsDir, backend)
    : await simulateCohort(model, def.truth, { times: def.times, n: def.n, groups: def.groups }, def.seed, backend);
  let text: string;
  if (def.format === 'individual') {
    if (observables.length !== 1 || (def.groups && def.groups.length > 1)) throw new Error(`${def.file}: individual examples have one observable and one group`);
    text = def.nonmem ? nonmemCsv(def, model, individuals, observables[0]!) : individualCsv(def, model, individuals, observables[0]!);
  } else {
    text = aggregateCsv(def, model, dataset, observables);
  }
  const entry: ManifestEntry = {
    file: def.file,
    title: def.title,
    description: def.description,
    context: def.context,
    format: def.format,
    model: { file: `../models/${def.modelFile}`, name: model.spec.name },
    ...(model.spec.timeUnit ? { timeUnit: model.spec.timeUnit } : {}),
    observables: observables.map((name) => ({ name, ...(unitOf(model, name) ? { unit: unitOf(model, name) } : {}) })),
    groups: (def.groups ?? [{ name: 'all' }]).map((g) => ({ name: g.name, ...(g.dose !== undefined ? { dose: g.dose } : {}), ...(g.regimen ? { regimen: g.regimen } : {}), ...(g.covariates ? { covariates: g.covariates } : {}) })),
    times: def.times,
    n: def.n,
    ...(def.meanOnlyTimes ? { meanOnlyTimes: def.meanOnlyTimes } : {}),
    ...(def.regimen ? { regimen: def.regimen } : {}),
    ...(def.dosingTable ? { dosingFile: `${DOSING_DIR}/${def.file}` } : {}),
    seed: def.seed,
    truth: { theta: def.truth.theta, omega: def.truth.omega, sigma: def.truth.sigma },
  };
  return { text, entry, ...(def.dosingTable ? { dosing: dosingCsv(def) } : {}) };
}

/** Every example file's text, generated in memory (nothing is written). */
export async function generateExamples(modelsDir: string): Promise<GeneratedExamples> {
  // in-thread: deterministic and independent of the machine's core count
  const backend = createCpuBackend({ spawn: null });
  const files = new Map<string, string>();
  const datasets: ManifestEntry[] = [];
  try {
    for (const def of EXAMPLES) {
      const { text, entry, dosing } = await generateOne(def, modelsDir, backend);
      files.set(def.file, text);
      if (dosing !== undefined) files.set(`${DOSING_DIR}/${def.file}`, dosing);
      datasets.push(entry);
    }
  } finally {
    await backend.dispose();
  }
  const manifest: Manifest = {
    description: 'Synthetic example cohorts with known truth, simulated from the example models in ../models. Do not edit: regenerate.',
    regenerate: 'npm run examples',
    default: DEFAULT_EXAMPLE,
    datasets,
  };
  files.set(MANIFEST_FILE, JSON.stringify(manifest, null, 2) + '\n');
  return { files, manifest };
}

/** Generates every example file and writes it into `outDir`; returns the paths written. */
export async function writeExamples(modelsDir: string, outDir: string): Promise<string[]> {
  const { files } = await generateExamples(modelsDir);
  mkdirSync(resolve(outDir, DOSING_DIR), { recursive: true });
  const written: string[] = [];
  for (const [name, text] of files) {
    const path = resolve(outDir, name);
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}
