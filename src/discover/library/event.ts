// A marker at its baseline, moved by an event at time 0 that is not a dose (surgery, birth, an
// injury, exercise, a meal or a drink), and recovering: a turnover (production kout·R0, loss
// kout·R) whose production the event's fading signal E = e^(−kE·t) stimulates (the marker rises
// and returns: glucose after a drink, creatine kinase after exercise) or inhibits (it dips and
// recovers: haemoglobin after surgery, a newborn's weight). The indirect responses of an event, as
// pd-idr-3 and pd-idr-1 are a drug's; proposed only for undosed data that start at a baseline,
// move once and come back (a curve rising from zero is a drug level or an epidemic, unless the
// words name an endogenous marker such as C-reactive protein).
import type { ModelSpec, ParameterSpec } from '../../model/spec.ts';
import type { Motif } from './motif.ts';
import { assayError, baselineParam, obsUnit, param, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';

/**
 * Endogenous analytes that follow an event, not a drug: acute-phase and tissue-damage markers,
 * blood counts and chemistry. Named (in a label or the context) with nothing dosed, a
 * concentration unit does not make them a drug level, and a curve that rises from near zero
 * (C-reactive protein from 3 to 140 mg/L after surgery) is still the event's response.
 * Hormones that are also given as drugs (cortisol, insulin, testosterone) are left out, and so is
 * a plain "antibody" (a monoclonal antibody is a drug): an antibody's titre or response, IgG, a
 * seroconversion are the immune system's answer to a vaccine or an infection.
 */
/** blood counts: cells the marrow makes (a chemotherapy's haematological toxicity is read in them) */
export const BLOOD_COUNT_RE = /neutrophil|\banc\b|leu[ck]ocyte|white (blood )?cells?|\bwbc\b|platelet|thrombocyt|granulocyt|lymphocyte|reticulocyte|blood counts?/i;

export const ENDOGENOUS_RE = new RegExp(String.raw`${BLOOD_COUNT_RE.source}|c-reactive|\bcrp\b|troponin|creatine kinase|\bck(-mb)?\b|myoglobin|lactate|\bldh\b|procalcitonin|interleukin|\bil-?\d+\b|\btnf|d-dimer|fibrinogen|ferritin|ha?emoglobin|\bhb\b|ha?ematocrit|albumin|bilirubin|creatinine|\burea\b|\balt\b|\bast\b|glucose|antibody (titres?|titers?|response|levels?)|\bIg[GMAE]\b|immunoglobulin|seroconver|neutrali[sz]ing antibod|\bGMT\b`, 'i');

function eventTurnover(direction: 'up' | 'down'): Motif {
  const up = direction === 'up';
  const id = up ? 'pd-turnover-event-stimulated' : 'pd-turnover-event-inhibited';
  const title = `Turnover ${up ? 'stimulated' : 'inhibited'} by an event at time 0`;
  const mechanism = `The marker is produced at rate kout·R0 and lost at rate kout·R; an event at time 0 (not a dose) sends a signal that fades at rate kE and ${up ? 'stimulates' : 'inhibits'} production, so the marker ${up ? 'rises' : 'falls'} after the event and returns to its baseline.`;
  const build = (s: DataScales): ModelSpec => {
    const r0 = Math.abs(s.yFirst) > 1e-12 ? Math.abs(s.yFirst) : s.yMax / 2;
    const excursion = Math.max(s.yMax - r0, r0 - s.yMin, 1e-6 * s.yMax);
    const effect: ParameterSpec = up
      ? param('Smax', undefined, Math.max(0.5, (3 * excursion) / r0), 4, false, 'stimulation of production by the event (fraction of baseline production)')
      // a fraction of production, so at most 1: beyond it production would turn negative
      : { name: 'Imax', prior: { type: 'uniform', lower: 0, upper: 1 }, description: 'inhibition of production by the event (0–1)' };
    return {
      name: id, description: title, rationale: mechanism, timeUnit: s.timeUnit,
      states: [{ name: 'E', unit: '1', initial: '0' }, { name: 'R', unit: obsUnit(s), initial: 'R0' }],
      // the event at time 0 sets the signal to 1 (a unit bolus, not a drug): visits before it see the baseline
      doses: [{ type: 'bolus', state: 'E', amount: '1', time: 0 }],
      parameters: [
        baselineParam('R0', s, obsUnit(s), r0, 'baseline (production/loss rate ratio)'),
        param('kout', perTime(s), 4 / s.tMax, 4, true, 'first-order loss rate of the marker'),
        param('kE', perTime(s), 4 / s.tMax, 4, false, 'rate at which the event\'s signal fades'),
        effect,
      ],
      equations: { E: '-kE*E', R: `kout*R0*${up ? '(1 + Smax*E)' : '(1 - Imax*E)'} - kout*R` },
      observables: [{ name: s.observables[0] ?? 'response', unit: obsUnit(s), expression: 'R' }],
      error: assayError(s, 0.05),
    };
  };
  return {
    id, family: 'pd', title, mechanism, needsDose: false, shapes: ['peak', 'return'], complexity: 5, build, direction,
    when: (f, words) => !f.dosing && f.singlePeak && f.recovers && (!f.startsNearZero || ENDOGENOUS_RE.test(words)),
  };
}

export const EVENT_MOTIFS: Motif[] = [eventTurnover('up'), eventTurnover('down')];
