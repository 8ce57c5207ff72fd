// Runs a TypeScript script of the repo (bundled with esbuild, `?raw` imports as text), e.g.
// `node scripts/run-ts.mjs scripts/discover/recovery.ts --quick`.
import { build } from 'esbuild';
import { rawPlugin } from './raw-plugin.mjs';
import { mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) { process.stderr.write('usage: node scripts/run-ts.mjs <script.ts> [args]\n'); process.exit(2); }
const outdir = resolve(root, 'dist/scripts');
mkdirSync(outdir, { recursive: true });
const outfile = resolve(outdir, basename(entry).replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [resolve(root, entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
  external: ['webgpu'], plugins: [rawPlugin], logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
if (process.env.RUN_TS_BUILD_ONLY) { process.stdout.write(outfile + '\n'); process.exit(0); }
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
