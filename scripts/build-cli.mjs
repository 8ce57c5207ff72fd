// Bundles the headless runner (the `mechanist` CLI) and its Node worker with esbuild.
// `?raw` imports (WGSL templates, JSON schema text) become strings, as in Vite.
import { build } from 'esbuild';
import { rawPlugin } from './raw-plugin.mjs';
import { existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');


const entries = {
  mechanist: 'src/cli/main.ts',
  'cpu-worker': 'src/simulate/cpu/worker-node.ts',
  // `npm run examples`: regenerates public/examples/data
  'make-examples': 'scripts/make-examples.ts',
};
const entryPoints = Object.fromEntries(
  Object.entries(entries).filter(([, p]) => existsSync(resolve(root, p))).map(([k, p]) => [k, resolve(root, p)]),
);

await build({
  entryPoints,
  outdir: resolve(root, 'dist/cli'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['webgpu'],
  plugins: [rawPlugin],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
