// Bundles the GPU benchmark (src/bench/gpu-deno.ts) into ONE ES module, .gpu/bench.mjs, that uses
// only navigator.gpu and web APIs, for Deno's WebGPU on the GPU machine (../shared/gpu/README.md).
// `?raw` imports (the WGSL templates) become strings, as in Vite. The CPU backend's Node worker
// spawner (reached only through the backend's lazy CPU fallback, which the bench turns off) is
// replaced by a stub, so the bundle imports no Node module.
import { build } from 'esbuild';
import { rawPlugin } from './raw-plugin.mjs';
import { mkdirSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, process.argv[2] ?? '.gpu/bench.mjs');


const noNodeWorkers = {
  name: 'no-node-workers',
  setup(b) {
    b.onResolve({ filter: /spawn-node\.ts$/ }, () => ({ path: 'spawn-node', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "export function nodeSpawner() { return { spawn: null, note: 'no Node workers in the GPU bench bundle' }; }",
      loader: 'js',
    }));
  },
};

mkdirSync(dirname(out), { recursive: true });
await build({
  entryPoints: [resolve(root, 'src/bench/gpu-deno.ts')],
  outfile: out,
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  external: ['node:*', 'webgpu'],
  plugins: [rawPlugin, noNodeWorkers],
  logLevel: 'warning',
});
console.error(`wrote ${out}`);
