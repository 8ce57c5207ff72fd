// A study with oral and intravenous groups (docs/discovery.md, "Groups dosed by different routes"):
// one model has one dose target, so discovery models the oral groups and says it left the
// intravenous ones out, instead of refusing the study; a fit of a given spec still refuses.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { focusRoute } from '../../src/discover/route-focus.ts';
import { inThreadBackend, smallDiscovery, TINY_SIZES } from './fixtures.ts';

/** one-compartment PK (CL 4 L/h, V 40 L, ka 1.2/h), 100 mg orally or as an IV bolus, 12 subjects each */
function ivAndOral(): string {
  const k = 0.1, ka = 1.2, V = 40;
  const rows = [0.25, 0.5, 1, 2, 4, 6, 8, 12, 24].flatMap((t) => {
    const oral = (100 * ka) / (V * (ka - k)) * (Math.exp(-k * t) - Math.exp(-ka * t));
    const iv = (100 / V) * Math.exp(-k * t);
    return [`oral,100,oral,${t},${oral.toFixed(4)},${(0.3 * oral).toFixed(4)},12,mg/L`, `iv,100,iv,${t},${iv.toFixed(4)},${(0.3 * iv).toFixed(4)},12,mg/L`];
  });
  return ['group,dose (mg),route,time (h),mean,sd,n,unit', ...rows].join('\n') + '\n';
}

describe('groups dosed by different routes', () => {
  it('keep the oral groups and name the intravenous ones left out', () => {
    const data = parseDataset(ivAndOral());
    const f = focusRoute(data);
    expect(f.data.groups.map((g) => g.name)).toEqual(['oral']);
    expect(f.data.series.map((s) => s.group)).toEqual(['oral']);
    expect(f.dropped).toEqual(['iv']);
    expect(f.note).toMatch(/oral: "oral"; intravenous: "iv".*leaves out "iv"/);
    // one route: nothing is left out
    const oralOnly = { ...data, groups: data.groups.filter((g) => g.name === 'oral'), series: data.series.filter((s) => s.group === 'oral') };
    expect(focusRoute(oralOnly)).toEqual({ data: oralOnly, dropped: [] });
  });

  it('discovery models the oral groups with an oral structure and says so in the verdict and the report', async () => {
    const run = smallDiscovery([3, 2], TINY_SIZES);
    const r = await run(parseDataset(ivAndOral()), { seed: 1, rounds: 1, budgetSeconds: 600, context: 'Plasma concentration (mg/L) after 100 mg orally or as an IV bolus' }, inThreadBackend);
    expect(r.dataset.groups).toEqual(['oral']);
    expect(r.dataset.groupsNotModelled).toEqual(['iv']);
    expect(r.verdict?.message).toMatch(/leaves out "iv"/);
    expect(r.models[0]!.name).toMatch(/^pk-\dcmt-oral/);
  });
});
