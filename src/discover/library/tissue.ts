// Wound healing / tissue repair, and predator–prey (ecology) motifs.
import type { Motif } from './motif.ts';
import { assayError, obsUnit, param, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';

const w0 = (s: DataScales) => (s.yFirst > 0 ? s.yFirst : s.yMax);

export const TISSUE_MOTIFS: Motif[] = [
  {
    id: 'wound-exponential', family: 'tissue', title: 'First-order wound closure',
    mechanism: 'The open wound area shrinks at a rate proportional to what remains open (edge-driven closure).',
    needsDose: false, shapes: ['decay'], complexity: 3,
    build: (s) => ({
      name: 'wound-exponential', description: 'First-order wound closure', rationale: 'Closure rate proportional to the open area.', timeUnit: s.timeUnit,
      states: [{ name: 'W', unit: obsUnit(s), initial: 'W0' }],
      parameters: [param('W0', obsUnit(s), w0(s), 2, true, 'initial wound size'), param('k', perTime(s), 3 / s.tMax, 4, true, 'closure rate')],
      equations: { W: '-k*W' },
      observables: [{ name: s.observables[0] ?? 'area', unit: obsUnit(s), expression: 'W' }],
      error: assayError(s, 0.05),
    }),
  },
  {
    id: 'wound-repair-cells', family: 'tissue', title: 'Wound closure driven by proliferating repair cells',
    mechanism: 'Repair cells (fibroblasts, keratinocytes) proliferate logistically after injury and close the wound in proportion to their density: slow start, fast closure, then completion (a sigmoid decline).',
    needsDose: false, shapes: ['decay', 'sigmoid'], complexity: 5,
    build: (s) => ({
      name: 'wound-repair-cells', description: 'Wound closure by proliferating repair cells', rationale: 'Logistic repair-cell recruitment drives closure.', timeUnit: s.timeUnit,
      states: [{ name: 'M', unit: '1', initial: 'm0' }, { name: 'W', unit: obsUnit(s), initial: 'W0' }],
      parameters: [
        param('W0', obsUnit(s), w0(s), 2, true, 'initial wound size'),
        param('m0', undefined, 0.05, 4, false, 'initial repair-cell density (fraction of maximum)'),
        param('r', perTime(s), 8 / s.tMax, 3, true, 'repair-cell proliferation rate'),
        param('k', perTime(s), 5 / s.tMax, 3, false, 'closure rate at full repair-cell density'),
      ],
      equations: { M: 'r*M*(1 - M)', W: '-k*M*W' },
      observables: [{ name: s.observables[0] ?? 'area', unit: obsUnit(s), expression: 'W' }],
      error: assayError(s, 0.05),
    }),
  },
];

export const ECOLOGY_MOTIFS: Motif[] = [
  {
    id: 'predator-prey', family: 'ecology', title: 'Lotka–Volterra predator–prey',
    mechanism: 'Prey grow exponentially and are eaten by predators (mass action); predators grow by eating and die off: sustained oscillations with the predator lagging the prey.',
    needsDose: false, shapes: ['oscillation'], complexity: 6,
    build: (s) => {
      const x0 = s.yFirst > 0 ? s.yFirst : s.yMax / 2;
      const obs = [{ name: s.observables[0] ?? 'prey', unit: obsUnit(s), expression: 'X' }];
      if (s.observables[1]) obs.push({ name: s.observables[1], unit: obsUnit(s), expression: 'Y' });
      return {
        name: 'predator-prey', description: 'Lotka–Volterra predator–prey', rationale: 'Prey growth, predation by mass action, predator death.', timeUnit: s.timeUnit,
        states: [{ name: 'X', unit: obsUnit(s), initial: 'X0' }, { name: 'Y', unit: obsUnit(s), initial: 'Y0' }],
        parameters: [
          param('X0', obsUnit(s), x0, 2, true, 'initial prey'),
          param('Y0', obsUnit(s), x0 / 2, 4, false, 'initial predators'),
          param('a', perTime(s), 8 / s.tMax, 3, true, 'prey growth rate'),
          param('b', `1/(${obsUnit(s)}·${s.timeUnit ?? 'time'})`, 8 / s.tMax / x0, 4, false, 'predation rate'),
          param('c', perTime(s), 8 / s.tMax, 3, false, 'predator death rate'),
          param('d', `1/(${obsUnit(s)}·${s.timeUnit ?? 'time'})`, 8 / s.tMax / x0, 4, false, 'predator growth per prey eaten'),
        ],
        equations: { X: 'a*X - b*X*Y', Y: 'd*X*Y - c*Y' },
        observables: obs,
        error: assayError(s, 0.05),
      };
    },
  },
];
