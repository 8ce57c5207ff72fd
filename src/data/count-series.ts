// A series of counted events (an outbreak's cases per week, deaths, admissions): one trajectory
// (n = 1 at every visit) of whole numbers whose label or unit says it counts. Its zeros are counts,
// not values below a quantification limit: a week without a reported case is a measurement, and
// reading it as "below the LLOQ" (docs/likelihood.md, "Censored visits") had let a flat line fit
// the Zika outbreak on Yap as well as the outbreak itself.
import type { Series } from './types.ts';

const COUNT_RE = /\b(cases|counts?|number|deaths|infected|infections|ill|sick|individuals|people|persons|patients|admissions|hospitali[sz]ations|notifications|onsets|births|animals|boys|girls|pupils|students)\b/i;

export function countsEvents(s: Series): boolean {
  return s.n.every((n) => n === 1)
    && s.mean.every((m) => Number.isInteger(m) && m >= 0)
    && COUNT_RE.test(`${s.observable.replace(/_/g, ' ')} ${s.unit ?? ''}`);
}
