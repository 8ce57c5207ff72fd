import { compileSpec } from '../../src/model/index.ts';
import { fitModel, simulateCohort } from '../../src/infer/index.ts';
import { MOTIFS } from '../../src/discover/index.ts';
import { inThreadBackend } from './backend.ts';

const backend = inThreadBackend();
const motif = MOTIFS.find((m) => m.id === (process.argv[2] ?? 'pk-1cmt-oral'))!;
const times = [0.5, 1, 2, 3, 4, 6, 8, 12, 16, 20, 24];
const spec = motif.build({ observables: ['conc'], unit: 'mg/L', timeUnit: 'h', tMax: 24, tFirst: 0.5, yMax: 3, yFirst: 1, yLast: 0.5, yMin: 0.5, direction: 'up', dose: 100 });
const model = compileSpec(spec);
const theta: Record<string, number> = {};
for (const p of spec.parameters) theta[p.name] = (p.prior as { median: number }).median * 1.3;
const omega: Record<string, number> = {};
for (const p of spec.parameters) if (p.varies) omega[p.name] = 0.3;
const { dataset } = await simulateCohort(model, { theta, omega, sigma: { proportional: 0.1 } }, { times, n: 20, groups: [{ name: 'all', dose: 100 }] }, 7, backend);
for (const [P, M] of [[64, 32], [128, 64], [256, 128]]) {
  const t = performance.now();
  const r = await fitModel(model, dataset, { seed: 1, screening: true, particles: P, subjects: M }, backend);
  console.error(P, M, ((performance.now() - t) / 1000).toFixed(1), 's', r.timing, r.logEvidence.toFixed(2), r.logEvidenceSE.toFixed(2));
}
