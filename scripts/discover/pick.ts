import { readFileSync } from 'node:fs';
import { parseDataset } from '../../src/data/index.ts';
import { dataFeatures, firstPick } from '../../src/discover/index.ts';
const d = parseDataset(readFileSync(process.argv[2]!, 'utf8'));
const f = dataFeatures(d);
console.log(JSON.stringify(f));
console.log(firstPick(d, f, 8, process.argv[3] ?? '').map((s) => `${s.motif.id} ${s.score.toFixed(1)}`).join('\n'));
