// Every CSV the app writes neutralises cells a spreadsheet would run as formulas (OWASP), keeps
// plain numbers as numbers, and reads its own output back unchanged.
import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { datasetToCsv, parseDataset } from '../../src/data/index.ts';
import { predictionsCsv } from '../../src/ui/export/predictions-csv.ts';
import type { RankedModel } from '../../src/discover/report.ts';

const HOSTILE = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1:A2)', '\tx', '\rx'];

function model(group: string, name = 'm'): RankedModel {
  const band = { times: [0, 1], median: [-1.5, 2], q05: [-3, 1], q95: [0, 3] };
  return { name, predictive: { mean: band, series: [{ group, observable: '=HYPERLINK("http://x")', mean: band, sd: band, individual: band }] } } as unknown as RankedModel;
}

describe('CSV formula injection', () => {
  test.each(HOSTILE)('predictions CSV neutralises %j', (group) => {
    const csv = predictionsCsv(model(group, '@evil'));
    const rows = readCsvRows(csv);
    for (const r of rows.slice(1)) {
      expect(r[0]).toBe("'@evil");
      expect(r[1]).toBe(`'${group}`);
      expect(r[2]).toBe(`'=HYPERLINK("http://x")`);
    }
  });

  test('plain numbers, negative ones included, are written as numbers', () => {
    const rows = readCsvRows(predictionsCsv(model('low')));
    expect(rows[1]!.slice(3, 7)).toEqual(['0', '-1.5', '-3', '0']);
    expect(rows.flat().some((c) => c.startsWith("'"))).toBe(true); // the observable
    expect(rows.slice(1).every((r) => r[1] === 'low')).toBe(true);
  });

  test('a data export with formula-like names is safe and reads back to the same dataset', () => {
    const d = parseDataset('group,observable,time,mean,sd,n\n"=1+2",@obs,0,-1.5,0.5,10\n"=1+2",@obs,1,-2,0.5,10\n');
    expect(d.groups.map((g) => g.name)).toEqual(['=1+2']);
    const csv = datasetToCsv(d);
    expect(csv).toContain(`"'=1+2"`);
    expect(csv).toContain(`'@obs`);
    expect(csv).toContain('-1.5');
    expect(csv).not.toContain("'-1.5");
    expect(parseDataset(csv)).toEqual(d);
  });

  test('text that already starts with an apostrophe before formula-like text reads back unchanged (a unit "\'-")', () => {
    const d = parseDataset(`group,observable,time,mean,sd,n,unit\n"'=1",x,0,1,0.5,10,\n`);
    const tricky = { ...d, observables: [{ name: 'x', unit: "'-" }], series: d.series.map((x) => ({ ...x, group: "''@g", unit: "'-" })), groups: [{ name: "''@g", covariates: {} }] };
    const csv = datasetToCsv(tricky);
    expect(readCsvRows(csv)[1]).toContain("'''@g");
    expect(parseDataset(csv)).toEqual(tricky);
    // a plain number after an apostrophe is not formula-like: written as it is
    expect(datasetToCsv({ ...tricky, observables: [{ name: 'x', unit: "'-1" }], series: tricky.series.map((x) => ({ ...x, unit: "'-1" })) })).toContain(",'-1\n");
  });
});

/** the cells as written (Papa reads quoting; the apostrophes stay) */
function readCsvRows(csv: string): string[][] {
  return Papa.parse<string[]>(csv.trimEnd(), { newline: '\n' }).data;
}
