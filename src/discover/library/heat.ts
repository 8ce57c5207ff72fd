// Heat transfer: a body that cools (or warms) toward the temperature around it, Newton's law of
// cooling — the classic first ODE of teaching (Rumford's cannon of 1798; Bates & Watts 1988,
// appendix A1.2). The same equation as a turnover toward a steady state (dp-turnover) or von
// Bertalanffy's approach to an asymptote, but with the names a physicist reads.
import type { Motif } from './motif.ts';
import { intervalScaleError, obsUnit, param, perTime } from './priors.ts';

const TEMPERATURE = String.raw`temperature|\bdeg(rees?)?\.?\s*(F|C|fahrenheit|celsius)\b|°\s*[CF]\b|\bkelvin\b|\bdeg[FC]\b|\bthermometer`;
// (not "heated": a reaction run at a temperature, α-pinene heated to 189.5 °C, is chemistry)
const EXCHANGE = String.raw`\bcool(s|ing|ed)?\b|\bwarm(s|ing|ed)\b|\bheat (loss|transfer|exchange|flow)|newton'?s law|thermal (equilibrium|relaxation)`;

/** words that name heat exchange: a temperature, and a body cooling or warming (both needed: a fever's temperature is a PD marker) */
export const HEAT_RE = new RegExp(`^(?=[\\s\\S]*(${TEMPERATURE}))(?=[\\s\\S]*(${EXCHANGE}))`, 'i');

export const HEAT_MOTIFS: Motif[] = [
  {
    id: 'heat-newton-cooling', family: 'heat', title: "Newton's law of cooling",
    mechanism: 'The body exchanges heat with its surroundings at a rate proportional to the temperature difference, so its temperature relaxes exponentially toward the ambient temperature.',
    needsDose: false, shapes: ['decay', 'rise', 'plateau'], complexity: 3, words: HEAT_RE, onlyWhenNamed: true,
    build: (s) => ({
      name: 'heat-newton-cooling', description: "Newton's law of cooling", rationale: 'Heat flows at a rate proportional to the difference from the ambient temperature.', timeUnit: s.timeUnit,
      states: [{ name: 'T', unit: obsUnit(s), initial: 'T0' }],
      parameters: [
        param('T0', obsUnit(s), Math.max(Math.abs(s.yFirst), 1e-6 * s.yMax), 1.5, true, 'temperature at time 0'),
        // on positive scales only (°F, K, °C above zero): priors are log-normal
        param('T_ambient', obsUnit(s), Math.max(Math.abs(s.yLast), 1e-6 * s.yMax), 3, false, 'temperature of the surroundings'),
        param('k', perTime(s), 1 / s.tMax, 5, true, 'heat-exchange rate (the inverse of the thermal time constant)'),
      ],
      equations: { T: 'k*(T_ambient - T)' },
      observables: [{ name: s.observables[0] ?? 'temperature', unit: obsUnit(s), expression: 'T' }],
      // a temperature is on an interval scale: its error is no share of the reading
      error: intervalScaleError(s),
    }),
  },
];
