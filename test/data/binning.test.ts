// Nominal-time binning: tolerance relative to the time since the last dose, never across a dose.
import { describe, expect, it } from 'vitest';
import { binTimes } from '../../src/data/binning.ts';

const nominals = (times: number[], doses: number[] = [0]) => binTimes(times, doses).map((b) => b.nominal);

describe('binTimes', () => {
  it('merges samples within about ±10% of a visit; the nominal time is their median', () => {
    expect(nominals([0.92, 1, 1.06, 1.9, 2.1, 2.02, 3.7, 4, 4.3])).toEqual([1, 2.02, 4]);
  });

  it('keeps early visits apart that are close in absolute terms', () => {
    expect(nominals([0.25, 0.5, 0.75, 1, 1.2])).toEqual([0.25, 0.5, 0.75, 1, 1.2]);
  });

  it('merges late samples that are close relative to the time since the dose', () => {
    expect(nominals([71.5, 72, 72.4])).toEqual([72]);
  });

  it('never spans a dose: a trough just before a dose and a sample just after stay apart', () => {
    expect(nominals([11.9, 12.3], [0, 12])).toEqual([11.9, 12.3]);
  });

  it('an observation at a dose time is a pre-dose (trough) sample', () => {
    const bins = binTimes([11.8, 12, 12.1], [0, 12]);
    expect(bins.map((b) => b.members)).toEqual([[0, 1], [2]]);
  });

  it('measures the tolerance from the last dose: 61 and 62 after a dose at 60 are separate visits', () => {
    expect(nominals([61, 62], [0, 60])).toEqual([61, 62]);
    expect(nominals([61, 62], [0])).toEqual([61.5]);
  });

  it('returns member indices of the input, in time order', () => {
    expect(binTimes([4, 1, 4.1, 0.98], [0]).map((b) => b.members)).toEqual([[3, 1], [0, 2]]);
  });

  it('handles 300,000 times (no argument spreading that would overflow the stack)', () => {
    const times = Array.from({ length: 300_000 }, (_, i) => 100 + (i % 1000) * 1e-4);
    expect(binTimes(times, [0]).map((b) => b.members.length)).toEqual([300_000]);
  });
});
