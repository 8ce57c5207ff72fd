import { readFileSync } from 'node:fs';
import { tryParseDataset } from '../src/data/index.ts';
for (const f of process.argv.slice(2)) {
  const r = tryParseDataset(readFileSync(f, 'utf8'));
  console.log('==', f, r.ok ? 'OK' : 'FAIL');
  if (r.ok) for (const s of r.dataset.series) console.log(' ', s.group, s.observable, JSON.stringify(s.times), JSON.stringify(s.mean), JSON.stringify(s.sd), JSON.stringify(s.n), JSON.stringify(s.meanBelowLloq));
  for (const i of r.ok ? [] : r.issues) console.log('  E', i.code, i.row, i.column, i.message.slice(0, 200));
  for (const w of r.warnings) console.log('  W', w.code, w.row, w.message.slice(0, 200));
}
