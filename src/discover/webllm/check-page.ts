// The manual LLM check page (public/llm-check.html, served by the dev server): loads a real
// WebLLM model on this machine's GPU and runs ONE proposal through the same proposer code the
// app uses. For people with a WebGPU-capable GPU; nothing here runs in the automated tests.
import { checkSpec } from '../../model/index.ts';
import type { Dataset } from '../../data/types.ts';
import type { ModelSpec } from '../../model/spec.ts';
import { defaultModelId, detectShaderF16, modelChoices } from './catalog.ts';
import { createWorkerEngine } from './client.ts';
import { deleteCachedModel, importModelFromFiles, listCachedModels } from './models.ts';
import { createWebLlmProposer } from './proposer.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const log = (text: string) => { $('log').textContent += text + '\n'; };

const T = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24];
const EXAMPLE: Dataset = {
  name: 'oral PK example', timeUnit: 'h',
  observables: [{ name: 'conc', unit: 'mg/L' }],
  groups: [{ name: 'all', covariates: { dose: 100 } }],
  series: [{
    observable: 'conc', group: 'all', unit: 'mg/L', times: T,
    mean: T.map((t) => 2.6 * (Math.exp(-0.12 * t) - Math.exp(-1.4 * t)) / 0.75),
    sd: T.map(() => 0.4), n: T.map(() => 20),
  }],
  source: { format: 'aggregate', rows: T.length },
};

const check = (spec: ModelSpec) => {
  const r = checkSpec(spec);
  return r.model ? ({ ok: true } as const) : ({ ok: false, errors: r.issues.map((i) => `${i.path || '/'}: ${i.message}`) } as const);
};

async function refreshCached(): Promise<void> {
  try { $('cached').textContent = (await listCachedModels()).join(', ') || '(none)'; } catch (e) { $('cached').textContent = String(e); }
}

async function init(): Promise<void> {
  const f16 = await detectShaderF16();
  $('gpu').textContent = 'gpu' in navigator ? `WebGPU available; shader-f16: ${f16 ? 'yes' : 'no'}` : 'WebGPU NOT available in this browser';
  const sel = $<HTMLSelectElement>('model');
  for (const c of modelChoices()) {
    const o = document.createElement('option');
    o.value = c.id;
    o.textContent = `${c.label} — ${c.vramMB} MB${c.needsShaderF16 && !f16 ? ' (needs shader-f16)' : ''}`;
    sel.append(o);
  }
  sel.value = defaultModelId(f16);
  await refreshCached();

  $('run').addEventListener('click', async () => {
    $('log').textContent = '';
    const id = sel.value;
    try {
      log(`loading ${id} (downloads into the browser cache on first use)…`);
      const engine = await createWorkerEngine(id, (p) => { $('progress').textContent = `${(100 * p.fraction).toFixed(0)}% ${p.text}`; });
      const proposer = createWebLlmProposer({
        engine, check, k: 2, seed: 1,
        onEvent: (e) => log(e.kind === 'request' ? `→ request (${e.request.messages.length} messages, schema ${e.request.response_format.schema.length} chars)` : e.kind === 'problems' ? `✗ round ${e.round}: ${e.problems.join(' | ')}` : `✓ accepted ${e.name}`),
      });
      const t0 = performance.now();
      const out = await proposer.propose({ text: $<HTMLTextAreaElement>('context').value, data: EXAMPLE }, [], 2);
      log(`${out.length} valid proposal(s) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      $('result').textContent = JSON.stringify(out.map((p) => p.spec), null, 2);
      await engine.dispose();
    } catch (e) {
      log(`error: ${e instanceof Error ? e.message : String(e)}`);
    }
    await refreshCached();
  });
  $('delete').addEventListener('click', async () => { await deleteCachedModel(sel.value); await refreshCached(); });
  $<HTMLInputElement>('folder').addEventListener('change', async (ev) => {
    const files = [...((ev.target as HTMLInputElement).files ?? [])];
    try {
      const r = await importModelFromFiles(sel.value, files, (p) => { $('progress').textContent = p.text; });
      log(`imported ${r.placed} files${r.skipped.length ? `, skipped ${r.skipped.join(', ')}` : ''}`);
    } catch (e) { log(`import failed: ${e instanceof Error ? e.message : String(e)}`); }
    await refreshCached();
  });
}

void init();
