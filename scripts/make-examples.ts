// `npm run examples`: regenerates public/examples/data (CSV files and index.json) from the
// catalogue in scripts/examples. Usage: make-examples [outDir] (default public/examples/data).
import { resolve } from 'node:path';
import { writeExamples } from './examples/generate.ts';

const root = process.cwd();
const outDir = resolve(root, process.argv[2] ?? 'public/examples/data');
const started = Date.now();
try {
  const written = await writeExamples(resolve(root, 'public/examples/models'), outDir);
  for (const path of written) process.stderr.write(`wrote ${path}\n`);
  process.stderr.write(`${written.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
} catch (e) {
  process.stderr.write(`make-examples: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
