// Unit strings of a spec ("mg/L", "1/h", "L/h", "day") as SBML unit definitions, where every
// factor is a known unit; anything else is left without SBML units (the string stays in the notes).

export interface SbmlUnit { kind: string; exponent: number; scale: number; multiplier: number }

const BASE: Record<string, Omit<SbmlUnit, 'exponent'>> = {
  s: { kind: 'second', scale: 0, multiplier: 1 }, sec: { kind: 'second', scale: 0, multiplier: 1 },
  min: { kind: 'second', scale: 0, multiplier: 60 }, h: { kind: 'second', scale: 0, multiplier: 3600 }, hr: { kind: 'second', scale: 0, multiplier: 3600 },
  d: { kind: 'second', scale: 0, multiplier: 86400 }, day: { kind: 'second', scale: 0, multiplier: 86400 }, week: { kind: 'second', scale: 0, multiplier: 604800 },
  year: { kind: 'second', scale: 0, multiplier: 31557600 },
  L: { kind: 'litre', scale: 0, multiplier: 1 }, dL: { kind: 'litre', scale: -1, multiplier: 1 }, mL: { kind: 'litre', scale: -3, multiplier: 1 }, uL: { kind: 'litre', scale: -6, multiplier: 1 },
  kg: { kind: 'gram', scale: 3, multiplier: 1 }, g: { kind: 'gram', scale: 0, multiplier: 1 }, mg: { kind: 'gram', scale: -3, multiplier: 1 },
  ug: { kind: 'gram', scale: -6, multiplier: 1 }, 'µg': { kind: 'gram', scale: -6, multiplier: 1 }, ng: { kind: 'gram', scale: -9, multiplier: 1 },
  mol: { kind: 'mole', scale: 0, multiplier: 1 }, mmol: { kind: 'mole', scale: -3, multiplier: 1 }, umol: { kind: 'mole', scale: -6, multiplier: 1 },
  nmol: { kind: 'mole', scale: -9, multiplier: 1 }, pmol: { kind: 'mole', scale: -12, multiplier: 1 },
  m: { kind: 'metre', scale: 0, multiplier: 1 }, cm: { kind: 'metre', scale: -2, multiplier: 1 }, mm: { kind: 'metre', scale: -3, multiplier: 1 },
};

/** the SBML units of a unit string, or null when a factor is unknown */
export function sbmlUnits(unit: string): SbmlUnit[] | null {
  const text = unit.replace(/\s+/g, '');
  if (text === '' ) return null;
  if (text === '1' || text === 'dimensionless') return [{ kind: 'dimensionless', exponent: 1, scale: 0, multiplier: 1 }];
  const out: SbmlUnit[] = [];
  // factors separated by * · / ; a factor may carry ^k
  const re = /([*·/]?)([^*·/]+)/g;
  let m: RegExpExecArray | null;
  let first = true;
  while ((m = re.exec(text))) {
    const [, sep, factor] = m as unknown as [string, string, string];
    if (first && sep) return null;
    first = false;
    const sign = sep === '/' ? -1 : 1;
    const f = /^([A-Za-zµ]+|1)(?:\^(-?\d+))?$/.exec(factor);
    if (!f) return null;
    const exp = Number(f[2] ?? 1) * sign;
    if (f[1] === '1') continue;
    const base = BASE[f[1]!];
    if (!base) return null;
    out.push({ ...base, exponent: exp });
  }
  return out.length ? out : [{ kind: 'dimensionless', exponent: 1, scale: 0, multiplier: 1 }];
}

/** an SBML identifier for a unit string */
export function unitId(unit: string): string {
  return 'u_' + unit.replace(/\//g, '_per_').replace(/\^/g, '_pow_').replace(/[*·]/g, '_').replace(/µ/g, 'u').replace(/-/g, 'm').replace(/[^A-Za-z0-9_]/g, '_');
}
