// The Context step's fields composed into the one text discovery reads (src/ui/state/session.ts):
// the labels the composition adds are not words of the user's, so they must name no model family.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { namedFamilies } from '../../src/discover/domain.ts';
import { composeContext } from '../../src/ui/state/session.ts';

const NEUTRAL = parseDataset('time,mean,sd,n\n1,5,1,10\n2,4,1,10\n4,3,1,10\n8,2,1,10\n');

describe('the Context step composes one text', () => {
  it('labels each field and joins them', () => {
    expect(composeContext({ measured: 'serum level (mg/L)', disease: 'neonates', intervention: 'loading dose', notes: 'Routine samples.' }))
      .toBe('Measured: serum level (mg/L). Condition: neonates. Intervention: loading dose. Routine samples.');
    expect(composeContext({ measured: '', disease: '', intervention: '', notes: '' })).toBe('');
  });

  it('adds no model family of its own: only the user\'s words name one', () => {
    expect([...namedFamilies(NEUTRAL, composeContext({ measured: 'x', disease: 'neonates', intervention: 'y', notes: 'z' }))]).toEqual([]);
    expect([...namedFamilies(NEUTRAL, composeContext({ measured: 'x', disease: 'HIV', intervention: '', notes: '' }))]).toEqual(['disease']);
  });
});
