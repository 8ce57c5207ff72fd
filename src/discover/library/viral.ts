// Within-host viral kinetics: the target-cell-limited model (Baccam et al. 2006, influenza A in
// experimentally infected volunteers; Perelson's HIV and hepatitis models share its core). Virus
// infects target cells, infected cells produce virus and die, free virus is cleared:
//   T' = −β·T·V,  I' = β·T·V − δ·I,  V' = p·I − c·V
// with T the fraction of target cells still uninfected (T(0) = 1, so β·V is the infection rate and
// p absorbs the number of target cells) and p written through the basic reproductive number,
// p = R0·c·δ/β: R0 > 1 is what lets the infection grow, and its prior can say so. The eclipse
// variant adds infected cells not yet producing virus (E, leaving at rate k), the delay Baccam et
// al. weigh against the plain model. On log10-scale data (log10 TCID50/mL, log10 copies/mL) the
// observable is log10 V, floored so a vanishing titre stays finite.
import type { ModelSpec, ParameterSpec, StateSpec } from '../../model/spec.ts';
import type { Motif } from './motif.ts';
import { assayError, obsUnit, param, perTime } from './priors.ts';
import type { DataScales } from './scales.ts';
import { onLog10Scale } from './disease.ts';

/** words of a virus measured within its host (a titre, a viral load), not of cases in a population */
export const WITHIN_HOST_RE = /viral (load|titers?|titres?|shedding|kinetics|dynamics|replication)|\bvirus (titers?|titres?|load)|\btiters? of virus|\bTCID ?50|\bPFU\b|plaque[- ]forming|\bEID ?50|copies\s*\/\s*m?l|\bRNA copies|vir(a)?emia|within[- ]host|nasal wash/i;

function targetCellLimited(eclipse: boolean): Motif {
  const id = eclipse ? 'viral-tcl-eclipse' : 'viral-tcl';
  const title = eclipse ? 'Target-cell-limited viral kinetics with an eclipse phase' : 'Target-cell-limited viral kinetics';
  const mechanism = `Virus infects a limited pool of target cells; infected cells ${eclipse ? 'start producing virus after an eclipse phase, then ' : ''}produce virus and die, and free virus is cleared: the titre grows, peaks as target cells run out, and falls.`;
  return {
    id, family: 'disease', title, mechanism, needsDose: false, shapes: ['peak', 'rise', 'return'], complexity: eclipse ? 7 : 6,
    words: WITHIN_HOST_RE, onlyWhenNamed: true, needsShape: 'peak',
    build: (s: DataScales): ModelSpec => {
      const log = onLog10Scale(s);
      const level = (y: number) => (log ? 10 ** y : Math.max(y, 1e-9 * s.yMax));
      const vPeak = level(s.yMax);
      const unit = log ? 'virions' : obsUnit(s);
      const rate = 20 / s.tMax;
      // the cell states are fractions of the initial target-cell pool
      const states: StateSpec[] = [{ name: 'T', unit: 'fraction', initial: '1' }];
      if (eclipse) states.push({ name: 'E', unit: 'fraction', initial: '0' });
      states.push({ name: 'I', unit: 'fraction', initial: '0' }, { name: 'V', unit, initial: 'V0' });
      const params: ParameterSpec[] = [
        // the inoculum sits below the first titre the assay reads
        param('V0', unit, level(s.yFirst) / 100, 30, false, 'virus at inoculation (t = 0)'),
        param('beta', `1/(${unit}·${s.timeUnit ?? 'time'})`, 1.5 * rate / vPeak, 10, true, 'infection rate per virion'),
        param('R0', undefined, 10, 4, false, 'basic reproductive number within the host (> 1: the infection grows)'),
        param('delta', perTime(s), rate, 4, true, 'death rate of infected cells'),
        param('c', perTime(s), rate, 4, false, 'clearance rate of free virus'),
      ];
      if (eclipse) params.push(param('k', perTime(s), 1.5 * rate, 4, false, 'rate at which eclipse-phase cells start producing virus'));
      const infected = eclipse ? 'E' : 'I';
      const equations: Record<string, string> = { T: '-beta*T*V', [infected]: `beta*T*V - ${eclipse ? 'k' : 'delta'}*${infected}` };
      if (eclipse) equations.I = 'k*E - delta*I';
      equations.V = 'R0*c*delta/beta*I - c*V';
      return {
        name: id, description: title, rationale: mechanism, timeUnit: s.timeUnit,
        states, parameters: params, equations,
        observables: [{ name: s.observables[0] ?? 'titre', unit: obsUnit(s), expression: log ? 'log10(max(V, 1e-30))' : 'V' }],
        error: assayError(s, 0.05),
      };
    },
  };
}

export const VIRAL_MOTIFS: Motif[] = [targetCellLimited(false), targetCellLimited(true)];
