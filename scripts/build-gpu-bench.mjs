// Bundles the GPU benchmarks into self-contained ES modules that use only navigator.gpu and web
// APIs, for Deno's WebGPU on the GPU machine (../shared/gpu/README.md):
//   src/bench/gpu-deno.ts     → .gpu/bench.mjs  (simulation kernels)
//   src/bench/gpu-fit-deno.ts → .gpu/fit.mjs    (the whole population fit, as `mechanist fit`)
// and copies the example datasets to .gpu/data/ (fit.mjs reads its CSV from there by default).
// `?raw` imports (the WGSL templates) become strings, as in Vite. The CPU backend's Node worker
// spawner (reached only through the backend's lazy CPU fallback, which the benches turn off) is
// replaced by a stub, and any other `node:` module by one that throws when loaded, so the
// bundles import no Node module.
// Usage: node scripts/build-gpu-bench.mjs [outDir]   (default .gpu)
import { build } from 'esbuild';
import { rawPlugin } from './raw-plugin.mjs';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.argv[2] ?? '.gpu');

const noNodeModules = {
  name: 'no-node-modules',
  setup(b) {
    b.onResolve({ filter: /spawn-node\.ts$/ }, () => ({ path: 'spawn-node', namespace: 'stub' }));
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({
      contents: args.path === 'spawn-node'
        ? "export function nodeSpawner() { return { spawn: null, note: 'no Node workers in the GPU bench bundle' }; }"
        : `throw new Error(${JSON.stringify(`${args.path} is not available in the GPU bench bundle`)});`,
      loader: 'js',
    }));
  },
};

const bundles = [['src/bench/gpu-deno.ts', 'bench.mjs'], ['src/bench/gpu-fit-deno.ts', 'fit.mjs']];
mkdirSync(outDir, { recursive: true });
for (const [entry, name] of bundles) {
  await build({
    entryPoints: [resolve(root, entry)],
    outfile: resolve(outDir, name),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    external: ['webgpu'],
    plugins: [rawPlugin, noNodeModules],
    logLevel: 'warning',
  });
  console.error(`wrote ${resolve(outDir, name)}`);
}

const dataDir = resolve(root, 'public/examples/data');
mkdirSync(resolve(outDir, 'data'), { recursive: true });
for (const f of readdirSync(dataDir).filter((f) => f.endsWith('.csv'))) copyFileSync(resolve(dataDir, f), resolve(outDir, 'data', f));
console.error(`copied the example datasets to ${resolve(outDir, 'data')}`);
