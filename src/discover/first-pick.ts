// The first pick: score every motif against the data's features and the user's context,
// so round 1 fits the mechanisms that can produce the observed shape, simplest first.
import type { Dataset } from '../data/types.ts';
import type { DataFeatures } from './features.ts';
import { domainText, EPIDEMIC_ONLY_RE, FAMILY_KEYWORDS as KEYWORDS, measuresConcentration, measuresMarker, routeFromContext, speaksPk } from './domain.ts';
import { dataScales, MOTIFS, type Motif, type Shape } from './library/index.ts';

/** The dominant shape of the mean curve. */
export function primaryShape(f: DataFeatures): Shape | 'flat' {
  if (f.oscillation) return 'oscillation';
  if (f.singlePeak) return 'peak';
  if (f.decay) return 'decay';
  if (f.rise) return 'rise';
  return 'flat';
}

const FEATURE_SHAPES: [keyof DataFeatures, Shape][] = [
  ['singlePeak', 'peak'], ['decay', 'decay'], ['rise', 'rise'], ['sigmoid', 'sigmoid'], ['plateau', 'plateau'],
  ['oscillation', 'oscillation'], ['biphasicDecline', 'biphasic'], ['linear', 'linear'], ['returnsToBaseline', 'return'],
];

/** how the reasons name a family */
const FAMILY_WORDS: Partial<Record<Motif['family'], string>> = { pk: 'pharmacokinetics', fate: 'degradation or a chemical transformation (environmental fate, reaction kinetics)', disease: 'disease or viral dynamics', heat: "heat exchange (Newton's law of cooling)" };

export interface ScoredMotif { motif: Motif; score: number; reasons: string[] }

/** Dosing without a dose column: a dose in the context, or a context/observable that says PK/PD. */
export function impliedDosing(data: Dataset, f: DataFeatures, context = ''): boolean {
  if (f.dosing || data.groups.some((g) => g.regimen !== undefined)) return true;
  return dataScales(data, context).dose !== null || speaksPk(data, context);
}

export function scoreMotifs(data: Dataset, f0: DataFeatures, context = ''): ScoredMotif[] {
  const scales = dataScales(data, context);
  const f = { ...f0, dosing: impliedDosing(data, f0, context) };
  const text = domainText(data, context);
  const pkWords = speaksPk(data, context);
  const shape = primaryShape(f);
  const marker = measuresMarker(data, context);
  // (not a level that starts at a clear baseline before the dose: that is an endogenous quantity
  // the drug moves, whatever its unit)
  const drugLevelOnly = f.dosing && data.observables.length === 1 && !marker && !f.startsAtBaseline && measuresConcentration(data, context) && pkWords;
  // the data's route first, else the one the context states
  const route = data.groups.find((g) => g.regimen?.route)?.regimen?.route ?? routeFromContext(context);
  // motifs the words name by their own vocabulary (predator and prey, competition)
  const wordNamed = MOTIFS.filter((m) => m.words?.test(text));
  const fateNamed = KEYWORDS.fate.test(text);
  const epidemicNamed = EPIDEMIC_ONLY_RE.test(text);
  const out: ScoredMotif[] = [];
  for (const motif of MOTIFS) {
    if (motif.words && !motif.words.test(text) && (motif.onlyWhenNamed || wordNamed.some((m) => m.family === motif.family))) continue;
    if (motif.needsDose && !f.dosing) continue;
    const twin = motif.sameAs !== undefined ? MOTIFS.find((m) => m.id === motif.sameAs) : undefined;
    if (twin && KEYWORDS[twin.family].test(text)) continue;
    if (motif.onlyInNamedFamily && !KEYWORDS[motif.family].test(text)) continue;
    if (motif.when && !motif.when(f, text)) continue;
    if (motif.needsShape && primaryShape(f) !== motif.needsShape) continue;
    if ((motif.minObservables ?? 1) > Math.max(data.observables.length, 1)) continue;
    if (motif.applies && !motif.applies(scales)) continue;
    // a chemical's degradation or reaction (the words name fate) is no epidemic and no predator
    // and prey, whatever their curves share, unless the words name those too: an SIR model had
    // taken a pyrolysis's bitumen for the infected and its oil for the recovered
    if (fateNamed && (motif.family === 'epidemic' || motif.family === 'ecology') && !KEYWORDS[motif.family].test(text)) continue;
    // an outbreak's case counts are no predator and prey (predator–prey had beaten every epidemic
    // model by 40 log-evidence units on Girardot's Zika curve, whose population the context stated)
    if (epidemicNamed && motif.family === 'ecology' && !KEYWORDS.ecology.test(text)) continue;
    // a drug concentration alone (or a drug with its metabolite) is explained by pharmacokinetics:
    // a growth or epidemic curve of a plasma level is a shape, not a mechanism
    if ((drugLevelOnly || (f.dosing && scales.parentMetabolite)) && motif.family !== 'pk') continue;
    // the data's route decides between oral and IV PK structures; oral groups beside IV ones are
    // taken together only by the PK models with a dose entry per route
    const pkShape = motif.pk ?? motif.parentPk;
    if (scales.mixedRoutes && motif.needsDose && !motif.pk?.alsoIv) continue;
    if (route && pkShape && !scales.mixedRoutes && (pkShape.route === 'oral') !== (route === 'oral')) continue;
    let score = 0;
    const reasons: string[] = [];
    const named = motif.family === 'pk' ? pkWords : KEYWORDS[motif.family].test(text);
    const shapes = named && motif.shapesWhenNamed ? [...motif.shapes, ...motif.shapesWhenNamed] : motif.shapes;
    if (named) { score += 4; reasons.push(`the context mentions ${FAMILY_WORDS[motif.family] ?? motif.family}`); }
    if (motif.words?.test(text)) { score += 2; reasons.push(`the words name ${motif.title.replace(/^Lotka–Volterra /, '')}`); }
    if (f.dosing && !motif.needsDose) score -= 3;
    if (shape !== 'flat' && !shapes.includes(shape)) score -= 4;
    for (const [feat, sh] of FEATURE_SHAPES) {
      if (f[feat] === true && shapes.includes(sh)) { score += 2; reasons.push(`the data ${sh === 'peak' ? 'have a single peak' : sh === 'biphasic' ? 'decline biphasically' : sh === 'return' ? 'return toward baseline' : `show a ${sh} pattern`}`); }
    }
    if (!f.biphasicDecline && motif.shapes.includes('biphasic')) score -= 1;
    // PK washes out toward zero (or, at steady state, to the next trough); a PD response returns
    // to a non-zero baseline
    const pkLike = !f.startsAtBaseline && (f.steadyState || f.startsNearZero || f.endsBelowStart || (f.decay && !f.returnsToBaseline));
    if (motif.family === 'pk') score += pkLike ? 2 : -2;
    // a drug's response (the PD motifs, tumour growth inhibition) moves from a baseline
    const drugResponse = motif.family === 'pd' || motif.drugDriven === true;
    if (drugResponse) score += pkLike ? -2 : 2;
    // a marker (%, activity, score, count) that starts at a baseline, moves after the dose and
    // comes back is a turnover response, whatever drug the context names
    const turnover = f.dosing && f.startsAtBaseline && f.singlePeak && f.recovers;
    if (turnover && motif.family === 'pd') { score += 4; reasons.push('the marker starts at a baseline, moves after the dose and recovers'); }
    // the same excursion with nothing dosed: the marker answers an event at time 0 (event.ts)
    if (motif.when) { score += 2; reasons.push('the marker starts at a baseline, moves once and recovers with no dose given'); }
    if (marker && motif.family === 'pk') score -= 6;
    if (marker && drugResponse && f.dosing) { score += 2; reasons.push('the measured quantity is a marker, not a drug concentration'); }
    // a concentration is PK, unless the context also speaks of a response
    if (drugResponse && pkWords && !KEYWORDS.pd.test(text) && !marker) score -= 3;
    if (motif.family === 'epidemic' && f.singlePeak && f.startsNearZero) score += 1;
    if (motif.direction) score += motif.direction === (scales.pkpd?.response.direction ?? scales.direction) ? 1 : -3;
    // concentration and response measured together: the PD motifs (with a PK drive) explain both
    if (scales.pkpd && drugResponse) { score += 6; reasons.push('concentrations and a response are measured together'); }
    // a drug and its metabolite measured together: the parent–metabolite motifs explain both
    if (scales.degradationPathway && motif.family === 'fate' && (motif.minObservables ?? 1) >= 3) { score += 6; reasons.push('a substance and the products it forms are measured together'); }
    if (scales.parentMetabolite && (motif.parentPk || (motif.family === 'fate' && motif.minObservables === 2))) { score += 6; reasons.push(motif.parentPk ? 'a drug and its metabolite are measured together' : 'a substance and its metabolite are measured together'); }
    score -= 0.3 * motif.complexity;
    out.push({ motif, score, reasons: [...new Set(reasons)] });
  }
  // stable: score, then simpler, then library order
  return out.sort((a, b) => b.score - a.score || a.motif.complexity - b.motif.complexity);
}

/** The k motifs to fit first. */
export function firstPick(data: Dataset, f: DataFeatures, k: number, context = ''): ScoredMotif[] {
  return scoreMotifs(data, f, context).slice(0, k);
}
