process.env.RECOVERY_NO_MAIN = '1';
const { CASES, caseData } = await import('./recovery.ts');
const { dataFeatures, firstPick } = await import('../../src/discover/index.ts');
const { inThreadBackend } = await import('./backend.ts');
for (const i of process.argv.slice(2).map(Number)) {
  const { dataset } = await caseData(CASES[i]!, i, inThreadBackend());
  const f = dataFeatures(dataset);
  console.log(CASES[i]!.truth, dataset.series[0]!.mean.map((m) => +m.toPrecision(3)).join(' '));
  console.log(JSON.stringify(f));
  console.log(firstPick(dataset, f, 8).map((s) => `${s.motif.id} ${s.score.toFixed(1)}`).join(', '));
}
