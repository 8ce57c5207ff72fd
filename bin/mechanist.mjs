#!/usr/bin/env node
// The `mechanist` command: runs the bundled CLI (built by `npm install` / `npm run build:cli`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/mechanist.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('mechanist: the CLI is not built yet; run `npm run build:cli` in the project folder.\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
