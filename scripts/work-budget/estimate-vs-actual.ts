// The work budget's estimate against the measured time, on shapes that stress each term of the
// cost model (src/infer/work-budget.ts): many data groups (backend calls), dense 8/16/32-state
// specs (generated-code size), stiff against smooth (Rosenbrock, step counts), more visits.
//   node scripts/run-ts.mjs scripts/work-budget/estimate-vs-actual.ts [--issue]
// --issue runs the issue's two cases instead (minutes): a likelihood sweep of 3,000 groups × 3 visits at 64 × 16
// (× EXPECTED_SWEEPS for the fit) and the stiff dense 32-state spec on DOPRI5 (4 subjects).
// Prints one row per case: estimate, actual (wall time, CPU pool of the machine's cores) and ratio.
import { readFileSync } from 'node:fs';
import { compileSpec } from '../../src/model/index.ts';
import type { CompiledModel } from '../../src/model/compiled.ts';
import { createCpuBackend, type Method } from '../../src/simulate/index.ts';
import { parseDataset, type Dataset } from '../../src/data/index.ts';
import { withDataRegimen } from '../../src/infer/regimen.ts';
import { planFit } from '../../src/infer/plan.ts';
import { buildLayout, samplePrior } from '../../src/infer/population.ts';
import { createEvaluator } from '../../src/infer/evaluate.ts';
import { createRng } from '../../src/infer/rng.ts';
import { fitWorkEstimate } from '../../src/infer/fit.ts';
import { estimateSimulationWork, priorMedians } from '../../src/infer/work-pilot.ts';
import { describeWork, EXPECTED_SWEEPS, type WorkEstimate } from '../../src/infer/work-budget.ts';
import { denseSpec } from '../../src/bench/dense-spec.ts';

const issue = process.argv.includes('--issue');
const backend = createCpuBackend();
const example = (name: string) => compileSpec(readFileSync(`public/examples/models/${name}.json`, 'utf8'));
const dense = (n: number, opts: Parameters<typeof denseSpec>[1] = {}) => compileSpec(JSON.stringify(denseSpec(n, opts)));
const rows: { name: string; e: WorkEstimate; actual: number; note?: string }[] = [];

function print(r: (typeof rows)[number]) {
  const ratio = r.e.seconds / r.actual;
  process.stdout.write(`${r.name.padEnd(44)} ${r.e.seconds.toPrecision(3).padStart(9)} s ${r.actual.toPrecision(3).padStart(9)} s ${ratio.toFixed(2).padStart(6)}×  ${describeWork(r.e)}${r.note ? `  [${r.note}]` : ''}\n`);
}

async function simulateCase(name: string, model: CompiledModel, n: number, times: number[], method: Method = 'auto') {
  const t = Float64Array.from(times);
  const rng = createRng(1);
  const row = priorMedians(model);
  const params = new Float64Array(n * row.length).map((_, i) => row[i % row.length]! * Math.exp(0.3 * rng.normal()));
  // the pilot also compiles the model in the workers
  const e = await estimateSimulationWork(model, { params: row, times: t, solver: { method } }, n, backend);
  const t0 = performance.now();
  const r = await backend.simulate({ model, params, times: t, solver: { method } });
  const actual = (performance.now() - t0) / 1000;
  const r2 = { name, e, actual, note: `${((r.stats.accepted + r.stats.rejected) / n).toFixed(0)} steps/trajectory` };
  rows.push(r2);
  print(r2);
}

/** one likelihood sweep of G groups × V visits at N particles × M subjects; the fit is EXPECTED_SWEEPS of them */
async function sweepCase(name: string, model: CompiledModel, G: number, V: number, N: number, M: number) {
  const visits = [1, 2, 4, 6, 8, 12, 16, 24, 36, 48, 72, 96].slice(0, V);
  const csv = ['group,time,mean,sd,n'];
  for (let g = 0; g < G; g++) for (const t of visits) csv.push(`g${g},${t},${(5 / t).toFixed(3)},0.5,12`);
  await sweepOn(name, model, parseDataset(csv.join('\n') + '\n'), N, M);
}

/** an example dataset with the model it was simulated from (public/examples/data/index.json) */
async function exampleSweep(file: string, N: number, M: number) {
  const index = JSON.parse(readFileSync('public/examples/data/index.json', 'utf8')) as { datasets: { file: string; model: { file: string } }[] };
  const data = parseDataset(readFileSync(`public/examples/data/${file}`, 'utf8'));
  const loaded = compileSpec(readFileSync(`public/examples/data/${index.datasets.find((d) => d.file === file)!.model.file}`, 'utf8'));
  const dosed = withDataRegimen(loaded.spec, data);
  await sweepOn(`fit ${file}, ${N}×${M}`, dosed === loaded.spec ? loaded : compileSpec(JSON.stringify(dosed)), data, N, M);
}

async function sweepOn(name: string, model: CompiledModel, data: Dataset, N: number, M: number) {
  const plan = planFit(model, data);
  const layout = buildLayout(model, plan.observed);
  const ev = createEvaluator(model, plan, layout, M, backend);
  const fit = await fitWorkEstimate(model, plan, layout, ev, { particles: N, subjects: M }, backend);
  const rng = createRng(2);
  const eta = ev.drawEta(rng);
  const D = layout.hyper.length;
  const phis = new Float64Array(N * D);
  for (let p = 0; p < N; p++) layout.hyper.forEach((h, k) => { phis[p * D + k] = samplePrior(h.prior, rng); });
  const t0 = performance.now();
  await ev.logLikelihood(phis, N, eta);
  const sweep = (performance.now() - t0) / 1000;
  const r = { name, e: fit, actual: sweep * EXPECTED_SWEEPS, note: `one sweep measured (${sweep.toFixed(2)} s) × ${EXPECTED_SWEEPS}` };
  rows.push(r);
  print(r);
}

process.stdout.write(`${'case'.padEnd(44)} ${'estimate'.padStart(11)} ${'actual'.padStart(11)} ${'ratio'.padStart(7)}\n`);
const pk = example('pk-1cmt-oral');
if (issue) {
  await sweepCase('fit pk-1cmt-oral, 3,000 groups × 3 visits, 64×16', pk, 3000, 3, 64, 16);
  await simulateCase('simulate dense 32-state spread 1e5 DOPRI5, 4', dense(32, { spread: 1e5 }), 4, [1, 2, 4, 8, 24], 'dopri5');
} else {
  await simulateCase('simulate pk-1cmt-oral, 20,000 subjects', pk, 20_000, [0.5, 1, 2, 4, 8, 12, 24]);
  await simulateCase('simulate growth-logistic, 20,000 subjects', example('growth-logistic'), 20_000, [1, 2, 4, 8, 16, 24]);
  await simulateCase('simulate pk-tmdd, 2,000 subjects', example('pk-tmdd'), 2000, [1, 4, 12, 24, 48, 100]);
  await simulateCase('simulate stiff-robertson, 2,000 subjects', example('stiff-robertson'), 2000, [1, 10, 40]);
  await simulateCase('simulate dense 8-state linear, 2,000', dense(8, { linear: true }), 2000, [1, 2, 4, 8, 24]);
  await simulateCase('simulate dense 32-state linear, 200', dense(32, { linear: true }), 200, [1, 2, 4, 8, 24]);
  await simulateCase('simulate dense 8-state, 500', dense(8), 500, [1, 2, 4, 8, 24]);
  await simulateCase('simulate dense 16-state, 100', dense(16), 100, [1, 2, 4, 8, 24]);
  await simulateCase('simulate dense 32-state, 40', dense(32), 40, [1, 2, 4, 8, 24]);
  await simulateCase('simulate dense 32-state, 20 visits, 20', dense(32), 20, Array.from({ length: 20 }, (_, i) => (i + 1) * 1.2));
  await simulateCase('simulate dense 32-state stiff:true, 20', dense(32, { stiff: true }), 20, [1, 2, 4, 8, 24]);
  await simulateCase('simulate dense 8-state spread 1e5 (auto), 100', dense(8, { spread: 1e5 }), 100, [1, 2, 4, 8, 24]);
  await simulateCase('simulate dense 32-state spread 1e5 (auto), 20', dense(32, { spread: 1e5 }), 20, [1, 2, 4, 8, 24]);
  await sweepCase('fit pk-1cmt-oral, 1 group × 3 visits, 64×16', pk, 1, 3, 64, 16);
  await sweepCase('fit pk-1cmt-oral, 30 groups × 3 visits, 64×16', pk, 30, 3, 64, 16);
  await sweepCase('fit pk-1cmt-oral, 30 groups × 12 visits, 64×16', pk, 30, 12, 64, 16);
  await sweepCase('fit pk-1cmt-oral, 30 groups × 3 visits, 64×128', pk, 30, 3, 64, 128);
  await sweepCase('fit pk-1cmt-oral, 300 groups × 3 visits, 64×16', pk, 300, 3, 64, 16);
  await sweepCase('fit growth-logistic, 300 groups × 3 visits, 64×16', example('growth-logistic'), 300, 3, 64, 16);
  for (const file of ['pk-oral-cohort.csv', 'pk-two-dose-groups.csv', 'indirect-response.csv', 'disease-progression.csv', 'epidemic-sir.csv', 'pk-oral-multiple-nonmem.csv']) await exampleSweep(file, 256, 256);
  await exampleSweep('growth-20-groups.csv', 64, 64);
}
const ratios = rows.map((r) => r.e.seconds / r.actual);
process.stdout.write(`ratio estimate/actual: min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)} over ${rows.length} cases\n`);
await backend.dispose();
