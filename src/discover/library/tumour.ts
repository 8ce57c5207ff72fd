// Tumour growth and its inhibition by a drug, as oncology pharmacometrics models them (Koch et al.
// 2009, Theor Biol Med Model 6:8; the unperturbed growth of Simeoni et al. 2004, Cancer Res
// 64:1094): a small tumour grows exponentially (rate 2·λ0), a large one linearly (rate λ1), in
// one smooth law dN/dt = 2·λ0·λ1·N/(2·λ0·N + λ1); a drug kills tumour cells in proportion to its
// level and the tumour's size (κ·C·N), so a treated tumour stops, shrinks while the drug is given
// and regrows after. Proposed only when the words name a tumour (a xenograft, a lesion, the sum
// of diameters); elsewhere growth has its own curves (growth.ts).
import type { ModelSpec } from '../../model/spec.ts';
import type { Motif } from './motif.ts';
import { drive, pdSpec } from './pd.ts';
import { growthSpec, rate, start } from './growth.ts';
import { obsUnit, param, perTime, timeUnit } from './priors.ts';
import type { DataScales } from './scales.ts';

/** Words that name a tumour's size */
export const TUMOUR_RE = /tumou?r|xenograft|cancer|carcinoma|neoplas|spheroid|lesion|sum of (the )?(longest )?diameters|\bsld\b/i;

const LAW = '2*lambda0*lambda1*N/(2*lambda0*N + lambda1)';

/** the growth law's parameters on the data's scales: λ0 from the rise over the window, λ1 from its slope */
function lawParams(s: DataScales) {
  const slope = Math.max(s.yMax - start(s), 0.1 * s.yMax) / s.tMax;
  return [
    param('lambda0', perTime(s), rate(s) / 2, 4, true, 'exponential growth of a small tumour (its rate is 2·lambda0)'),
    param('lambda1', `${obsUnit(s)}/${timeUnit(s)}`, slope, 4, false, 'linear growth rate of a large tumour'),
  ];
}

const growthTitle = 'Exponential–linear tumour growth (Simeoni; Koch)';
const growthMechanism = 'A small tumour grows exponentially; once large, only its rim proliferates and it grows linearly: dN/dt = 2·λ0·λ1·N/(2·λ0·N + λ1).';

const exponentialLinear: Motif = {
  id: 'growth-exponential-linear', family: 'growth', title: growthTitle, mechanism: growthMechanism,
  needsDose: false, shapes: ['rise', 'linear'], complexity: 4, words: TUMOUR_RE, onlyWhenNamed: true,
  build: (s) => growthSpec('growth-exponential-linear', growthTitle, growthMechanism, s, lawParams(s), LAW),
};

const tgiTitle = 'Tumour growth inhibition (exponential–linear growth, drug kill; Koch)';
const tgiMechanism = 'The tumour grows exponentially while small and linearly once large; the drug kills tumour cells at a rate proportional to its level and the tumour size (κ·C·N), so the tumour shrinks while the drug is given and regrows after.';

function tgiBuild(s: DataScales): ModelSpec {
  const d = drive(s);
  const r = s.pkpd?.response ?? s;
  // a kill proportional to the drug level: no saturation, so the drive's potency gives way to κ,
  // set so that the drug at its potency kills at twice the exponential growth rate
  const potency = d.params.find((p) => p.name === d.potency)!;
  const level = potency.prior.type === 'lognormal' ? potency.prior.median : 1;
  const levelUnit = s.pkpd ? obsUnit(s.pkpd.conc) : potency.unit ?? 'mg';
  d.params = d.params.filter((p) => p !== potency);
  d.params.push(param('N0', obsUnit(r), start(r), 3, true, 'tumour size at time 0'));
  d.params.push(...lawParams(r));
  d.params.push(param('kappa', `1/(${levelUnit}*${timeUnit(s)})`, (2 * rate(r)) / level, 10, false, 'kill rate per unit drug level (potency)'));
  d.states.push({ name: 'N', unit: obsUnit(r), initial: 'N0' });
  d.equations.N = `${LAW} - kappa*${d.drive}*N`;
  return pdSpec('tgi-exponential-linear', tgiTitle, tgiMechanism, s, d, 'N');
}

const tumourGrowthInhibition: Motif = {
  id: 'tgi-exponential-linear', family: 'growth', title: tgiTitle, mechanism: tgiMechanism,
  needsDose: true, drugDriven: true, shapes: ['rise', 'linear', 'decay', 'peak', 'return'], complexity: 6, words: TUMOUR_RE, onlyWhenNamed: true,
  build: tgiBuild,
};

export const TUMOUR_MOTIFS: Motif[] = [exponentialLinear, tumourGrowthInhibition];
