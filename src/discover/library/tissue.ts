// Wound healing / tissue repair motifs.
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
