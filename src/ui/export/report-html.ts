// The printable HTML report: data summary, models with equations (MathML, no fonts needed),
// parameters, plots (inline SVG), settings, seed and version. Self-contained; every text is escaped.
import katex from 'katex';
import type { Dataset } from '../../data/types.ts';
import type { DiscoveryReport, RankedModel } from '../../discover/report.ts';
import type { CompiledView } from '../engine/protocol.ts';
import type { RunSettings } from '../state/session.ts';
import { modelPlots, modelWarnings } from '../plots/model-plots.ts';
import { weightsPlot } from '../plots/weights-plot.ts';
import { derivedRows } from '../results/derived-rows.ts';
import { weightText } from '../../discover/weight-text.ts';
import { labelledObservables, labelSentence } from '../results/observable-labels.ts';

export const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const math = (tex: string) => katex.renderToString(tex, { displayMode: true, output: 'mathml', throwOnError: false });
const num = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4)) : '–');
const svg = (el: SVGSVGElement) => new XMLSerializer().serializeToString(el);

export interface ReportInput {
  report: DiscoveryReport;
  data: Dataset | null;
  dataName: string;
  dataSummary: string;
  context: string;
  settings: RunSettings;
  appVersion: string;
  views: Record<string, CompiledView | null>;
  /** how many models get full detail */
  detailed?: number;
}

function derivedSection(m: RankedModel): string {
  const rows = derivedRows(m.derived);
  if (!rows.length) return '';
  const body = rows.map((r) => `<tr><th>${esc(r.name)}${r.unit ? ` (${esc(r.unit)})` : ''}</th><td>${esc(r.median)}</td><td>${esc(r.interval)}</td><td>${esc(r.cohort)}</td><td>${esc(r.nca)}</td></tr>`).join('');
  return `<h3>Derived quantities</h3>
<table><thead><tr><th>quantity</th><th>median</th><th>5–95%</th><th>cohort 5–95%</th><th>NCA</th></tr></thead><tbody>${body}</tbody></table>
<ul>${rows.map((r) => `<li>${esc(r.sentence)}</li>`).join('')}</ul>`;
}

function modelSection(m: RankedModel, data: Dataset | null, view: CompiledView | null | undefined): string {
  const eqs = view
    ? [...view.latex.equations, ...view.latex.observables].map(math).join('\n')
    : `<pre>${esc(Object.entries(m.spec.equations).map(([k, v]) => `d${k}/dt = ${v}`).join('\n'))}</pre>`;
  const labels = labelledObservables(m.spec).map((o) => `<li>${esc(labelSentence(o))}</li>`).join('');
  const rows = Object.entries(m.parameters)
    .map(([k, q]) => {
      const b = m.bsv[k];
      return `<tr><th>${esc(k)}</th><td>${num(q.median)}</td><td>${num(q.q05)}</td><td>${num(q.q95)}</td><td>${b ? `${num(b.omega.median)} (${b.cvPercent.toFixed(0)}%)` : 'fixed'}</td></tr>`;
    })
    .join('');
  const warnings = modelWarnings(m);
  const plots = modelPlots(m, data).map((p) => `<figure>${svg(p.render())}</figure>`).join('\n');
  return `<section class="model">
<h2>${m.rank}. ${esc(m.name)} — weight ${esc(weightText(m))}</h2>
${m.adequacy && !m.adequacy.adequate ? `<p><strong>Fails a sanity check:</strong> it ${esc(m.adequacy.problems.join('; '))}.</p>` : ''}
${m.flipFlop ? `<p><strong>Flip-flop:</strong> ${esc(m.flipFlop.note)}</p>` : ''}
<p>log-evidence ${m.logEvidence.toFixed(3)} ± ${m.logEvidenceSE.toFixed(3)}; proposer ${esc(m.origin.proposer)}, round ${m.origin.round}</p>
${m.explanation ? `<p><strong>Why this model:</strong> ${esc(m.explanation)}</p>` : ''}
${m.rationale ? `<p><em>${esc(m.rationale)}</em></p>` : ''}
<h3>Equations</h3>
<div class="eq">${eqs}</div>
${labels ? `<ul class="observable-labels">${labels}</ul>` : ''}
<h3>Parameters</h3>
<table><thead><tr><th>parameter</th><th>median</th><th>5%</th><th>95%</th><th>BSV ω (CV%)</th></tr></thead><tbody>${rows}</tbody></table>
${derivedSection(m)}
${warnings.length ? `<h3>Warnings</h3><ul>${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
<h3>Plots</h3>
${plots}
<details><summary>Model specification (JSON)</summary><pre>${esc(JSON.stringify(m.spec, null, 2))}</pre></details>
</section>`;
}

/** The data's observable labels beside the names models use for them, and units shortened for specs. */
function labelRows(rep: DiscoveryReport): string {
  const rows = (rep.dataset.identifiers ?? []).filter((o) => o.name !== o.label || o.unit !== o.specUnit);
  if (!rows.length) return '';
  const body = rows.map((o) => `<tr><td>${esc(o.label)}</td><td><code>${esc(o.name)}</code></td><td>${esc(o.unit ?? '')}</td><td>${esc(o.specUnit ?? '')}</td></tr>`).join('');
  return `<table class="labels"><thead><tr><th>data label</th><th>name in models</th><th>data unit</th><th>unit in models</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function reportHtml(r: ReportInput): string {
  const rep = r.report;
  const detailed = rep.models.slice(0, r.detailed ?? 3);
  const ranked = rep.models
    .map((m) => `<tr><td>${m.rank}</td><td>${esc(m.name)}</td><td>${esc(weightText(m))}</td><td>${m.logEvidence.toFixed(2)} ± ${m.logEvidenceSE.toFixed(2)}</td></tr>`)
    .join('');
  const settings = Object.entries(r.settings).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mechanist report — ${esc(r.dataName)}</title>
<meta name="generator" content="Mechanist ${esc(r.appVersion)}">
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.4}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
figure{display:inline-block;margin:.5rem}section.model{break-before:page;border-top:2px solid #0072B2;margin-top:2rem}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}@media print{details{display:none}}
</style></head><body>
<h1>Mechanist report</h1>
<p>Generated ${esc(new Date().toISOString())} by Mechanist version ${esc(r.appVersion)} (engine report version ${esc(rep.version)}).</p>
<h2>Data</h2>
<p><strong>${esc(r.dataName)}</strong></p>
<pre>${esc(r.dataSummary)}</pre>
${labelRows(rep)}
${rep.dataset.design?.length ? `<h2>Design</h2><ul>${rep.dataset.design.map((d) => `<li>${esc(d.group)}: ${esc(d.dosing)}${d.covariates ? `; ${esc(Object.entries(d.covariates).map(([k, v]) => `${k} ${v}`).join(', '))}` : ''}</li>`).join('')}</ul>` : ''}
${r.context ? `<h2>Context</h2><p>${esc(r.context)}</p>` : ''}
<h2>Settings</h2>
<table><tbody>
<tr><th>seed</th><td>${rep.seed}</td></tr><tr><th>proposer</th><td>${esc(rep.proposer)}</td></tr>
<tr><th>backend</th><td>${esc(rep.backend)}</td></tr><tr><th>rounds</th><td>${rep.rounds}</td></tr>
<tr><th>candidates fitted</th><td>${rep.timing.candidatesFitted}</td></tr><tr><th>wall time</th><td>${rep.timing.wallSeconds.toFixed(1)} s</td></tr>
${settings}
</tbody></table>
<h2>Ranked models</h2>
${rep.verdict ? (rep.verdict.fits ? `<p><strong>${esc(rep.verdict.message)}</strong></p>` : `<p><strong>No model fits these data.</strong> ${esc(rep.verdict.message)}</p><ul>${rep.verdict.reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`) : ''}
${rep.modelPriors ? `<p>${esc(rep.modelPriors.note)}</p>` : ''}
<table><thead><tr><th>rank</th><th>model</th><th>weight</th><th>log-evidence</th></tr></thead><tbody>${ranked}</tbody></table>
<figure>${svg(weightsPlot(rep.models))}</figure>
${detailed.map((m) => modelSection(m, r.data, r.views[m.name])).join('\n')}
<h2>Run log</h2><pre>${esc(rep.log.join('\n'))}</pre>
</body></html>`;
}
