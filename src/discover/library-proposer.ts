// The embedded default proposer: a first pick of motifs from data features and context, then
// mutations of the best fitted candidates driven by their diagnostics. No GPU, no download.
import type { DiscoveryContext, HistoryEntry, Proposal, Proposer } from './api.ts';
import type { Dataset } from '../data/types.ts';
import { dataFeatures } from './features.ts';
import { scoreMotifs } from './first-pick.ts';
import { dataScales, primarySeries } from './library/index.ts';
import { mutate } from './mutations.ts';
import { indistinctGroups } from './group-effects.ts';
import { namedFamilies } from './domain.ts';
import type { ModelSpec } from '../model/spec.ts';
import { readsDose } from '../model/index.ts';
import { asChangeFromBaseline, changeFromBaseline } from './change-from-baseline.ts';
import type { DataScales } from './library/index.ts';

/**
 * Data without a dose column: a dose-driven spec gets a `dose` covariate whose default is the
 * dose stated in the context, or a nominal 100 (then V and CL are per 100 dose units — said so
 * in the rationale).
 */
export function withDoseDefault(spec: ModelSpec, s: DataScales): ModelSpec {
  if (s.doseSource === 'data' || !readsDose(spec) || spec.covariates?.some((c) => c.name === 'dose')) return spec;
  const amount = s.dose ?? 100;
  const note = s.dose !== null ? ` The data carry no dose column; the dose stated in the context (${amount} ${s.doseUnit ?? ''}) is used.` : ' The data carry no dose: a nominal dose of 100 is assumed, so volumes and clearances are per 100 dose units.';
  return {
    ...spec,
    covariates: [...(spec.covariates ?? []), { name: 'dose', unit: s.doseUnit ?? 'mg', default: amount }],
    rationale: ((spec.rationale ?? '') + note).trim().slice(0, 2000),
  };
}

export function createLibraryProposer(): Proposer {
  return {
    name: 'library',
    async propose(context: DiscoveryContext & { data: Dataset }, history: HistoryEntry[], budget: number): Promise<Proposal[]> {
      const data = context.data;
      const features = dataFeatures(data);
      const scales = dataScales(data, context.text);
      const tried = new Set(history.map((h) => h.spec.name));
      const ranked = scoreMotifs(data, features, context.text ?? '');
      // only motifs that describe every observable of the data: evidences must be comparable
      const dataObs = scales.observables;
      const covers = (r: (typeof ranked)[number]) => { const names = r.motif.build(scales).observables.map((o) => o.name); return dataObs.every((o) => names.includes(o)); };
      const fresh = ranked.filter((r) => !tried.has(r.motif.id) && covers(r));
      // a table of changes from baseline: every model is observed as its change (change-from-baseline.ts)
      const change = changeFromBaseline(data, context.text);
      const observed = (spec: ModelSpec) => (change ? asChangeFromBaseline(spec, change) : spec);
      const fromMotif = (r: (typeof ranked)[number]): Proposal => {
        const why = r.reasons.length > 0 ? `${r.motif.mechanism} Picked because ${r.reasons.join(', ')}.` : r.motif.mechanism;
        const spec = observed(withDoseDefault({ ...r.motif.build(scales), rationale: why }, scales));
        return { spec, rationale: spec.rationale ?? why };
      };
      if (history.length === 0) return fresh.slice(0, budget).map(fromMotif);

      // later rounds: mutations of the best fitted candidates first, then untried motifs
      const primary = primarySeries(data);
      const fitted = history.filter((h) => h.diagnostics && Number.isFinite(h.logEvidence)).sort((a, b) => b.logEvidence! - a.logEvidence!);
      const groups = indistinctGroups(data);
      const out: Proposal[] = [];
      const names = new Set(tried);
      for (const h of fitted.slice(0, 3)) {
        for (const p of mutate({ spec: h.spec, diagnostics: h.diagnostics!, features, scales, primary: primary && { group: primary.group, observable: primary.observable }, indistinctGroups: groups })) {
          if (names.has(p.spec.name)) continue;
          names.add(p.spec.name);
          out.push({ ...p, spec: observed(withDoseDefault(p.spec, scales)) });
        }
      }
      // fillers stay within the fields the words name, when they name any: an SIR epidemic may fit
      // chick body weight better than the growth curves, but it is not a mechanism of growth
      const named = namedFamilies(data, context.text);
      for (const r of fresh) {
        if (out.length >= budget) break;
        if (names.has(r.motif.id) || r.score < (ranked[0]?.score ?? 0) - 6) continue;
        if (named.size > 0 && !named.has(r.motif.family)) continue;
        names.add(r.motif.id);
        out.push(fromMotif(r));
      }
      return out.slice(0, budget);
    },
  };
}
