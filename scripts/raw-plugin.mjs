// esbuild plugin: `?raw` imports (WGSL templates, JSON schema text) become strings, as in Vite.
// Shared by every esbuild bundle of the repo (CLI, GPU bench, run-ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const rawPlugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};
