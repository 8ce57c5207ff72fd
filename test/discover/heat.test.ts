// Newton's law of cooling on Count Rumford's cannon (1798; Bates & Watts 1988, appendix A1.2, from
// the R package NRAIA): a body cooling toward its surroundings is heat exchange, not a disease
// progressing linearly (what ranked first before the words named heat).
import { describe, expect, it } from 'vitest';
import { discoverRealTable } from './fixtures.ts';
import { HEAT_RE } from '../../src/discover/library/heat.ts';
import { namedFamilies } from '../../src/discover/domain.ts';
import { parseDataset } from '../../src/data/index.ts';
import { readFileSync } from 'node:fs';

const CONTEXT = 'Temperature (°F) of a brass cannon cooling after boring (Count Rumford, 1798); time in minutes';
const rumford = () => parseDataset(readFileSync(new URL('../fixtures/real-nraia/rumford.csv', import.meta.url), 'utf8'), { name: 'rumford.csv' });

describe('heat exchange (Newton\'s law of cooling)', () => {
  it('is named by a temperature and a body cooling or warming, not by a temperature alone or a reaction run hot', () => {
    expect(HEAT_RE.test(CONTEXT)).toBe(true);
    expect(HEAT_RE.test('Water warming in a room; temperature in degrees C by minute')).toBe(true);
    expect(HEAT_RE.test('Body temperature (°C) of febrile children after paracetamol')).toBe(false);
    expect(HEAT_RE.test('Alpha-pinene heated to 189.5 °C: composition by minute')).toBe(false);
    expect(HEAT_RE.test('A cooling-off period of the marker, in U/L')).toBe(false);
    expect(namedFamilies(rumford(), CONTEXT).has('heat')).toBe(true);
    expect(namedFamilies(rumford(), 'Cannon temperature after boring, by minute').has('heat')).toBe(false);
  });

  it('ranks the cooling law first on Rumford\'s cannon, cooling toward a surrounding temperature below its last reading', async () => {
    const r = await discoverRealTable('real-nraia/rumford.csv', CONTEXT);
    const top = r.models[0]!;
    expect(top.name).toMatch(/^heat-newton-cooling( |$)/);
    // the cannon was still cooling at 110 °F after 41 minutes: the surroundings are cooler
    expect(top.parameters.T_ambient!.median).toBeLessThan(110);
    // it started near 130 °F (Bates & Watts's model starts at 60 + 70)
    expect(top.parameters.T0!.q05).toBeLessThan(130);
    expect(top.parameters.T0!.q95).toBeGreaterThan(126);
  }, 240_000);
});
