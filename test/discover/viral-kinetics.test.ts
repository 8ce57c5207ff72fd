// A virus counted within its host: influenza titres of six experimentally infected volunteers
// (Baccam et al. 2006, test/fixtures/real-public/README.md). The titre rises, peaks as target cells
// run out and falls — the target-cell-limited model, not an SIR epidemic fitted to log titres as if
// they were people.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { namedFamilies } from '../../src/discover/domain.ts';
import { firstPick } from '../../src/discover/first-pick.ts';
import { readFileSync } from 'node:fs';
import { discoverRealTable } from './fixtures.ts';
import { dataScales, MOTIFS } from '../../src/discover/library/index.ts';

const CONTEXT = 'Influenza A viral titer (log10 TCID50/mL of nasal wash) in six volunteers experimentally infected with H1N1, by day after inoculation';
const table = () => parseDataset(readFileSync(new URL('../fixtures/real-public/influenza-baccam.csv', import.meta.url), 'utf8'));

describe('within-host viral kinetics (influenza, Baccam 2006)', () => {
  it('the words of a titre name no epidemic, and the target-cell-limited model is proposed only for a titre that peaks', () => {
    const data = table();
    expect(namedFamilies(data, CONTEXT).has('epidemic')).toBe(false);
    expect(namedFamilies(data, 'Influenza outbreak: infected boys per day').has('epidemic')).toBe(true);
    expect(firstPick(data, dataFeatures(data), 3, CONTEXT).map((s) => s.motif.id)).toContain('viral-tcl');
    // a viral load falling under therapy is not an infection growing: not proposed
    const falling = parseDataset('time (day),mean,sd,n,unit\n0,5.1,0.5,20,log10 copies/mL\n7,3.2,0.6,20,log10 copies/mL\n14,2.6,0.6,20,log10 copies/mL\n28,2.1,0.5,20,log10 copies/mL\n56,1.9,0.5,20,log10 copies/mL\n');
    expect(firstPick(falling, dataFeatures(falling), 10, 'HIV viral load under antiretroviral therapy').map((s) => s.motif.id)).not.toContain('viral-tcl');
  });

  it('reads the titre as log10 where only the context says so (a column named titre, no unit)', () => {
    const bare = parseDataset(table().series[0]!.times.map((t, i) => `${t},${table().series[0]!.mean[i]}`).reduce((csv, row) => `${csv}${row}\n`, 'time,titre\n'));
    const spec = (context: string) => MOTIFS.find((m) => m.id === 'viral-tcl')!.build(dataScales(bare, context));
    expect(spec(CONTEXT).observables[0]!.expression).toBe('log10(max(V, 1e-30))');
    expect(spec('Influenza A viral titer in nasal wash by day after inoculation').observables[0]!.expression).toBe('V');
  });

  it('ranks target-cell-limited kinetics first, its reproductive number above 1 and the titre on the log10 scale', async () => {
    const r = await discoverRealTable('real-public/influenza-baccam.csv', CONTEXT);
    const top = r.models[0]!;
    expect(top.name).toMatch(/^viral-tcl/);
    expect(top.parameters.R0!.q05).toBeGreaterThan(1);
    expect(top.spec.observables[0]!.expression).toMatch(/^log10\(/);
    const sir = r.models.find((m) => m.name.startsWith('epi-'));
    expect(sir === undefined || sir.logEvidence < top.logEvidence - 2).toBe(true);
  }, 240_000);
});
