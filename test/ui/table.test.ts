import { describe, expect, test } from 'vitest';
import { normalizePasted, tableToText, textToTable } from '../../src/ui/state/table.ts';
import { tryParseDataset } from '../../src/data/index.ts';

describe('editable table', () => {
  test('CSV text ⇄ table keeps cells, quotes and empty cells', () => {
    const text = 'time,mean,sd,n,group\n0.5,1.2,,20,"A, treated"\n1,2,0.3,20,B\n';
    const t = textToTable(text);
    expect(t.header).toEqual(['time', 'mean', 'sd', 'n', 'group']);
    expect(t.rows[0]).toEqual(['0.5', '1.2', '', '20', 'A, treated']);
    expect(textToTable(tableToText(t))).toEqual(t);
  });

  test('a spreadsheet paste (tab-separated) becomes CSV the data stage reads', () => {
    const pasted = 'time\tmean\tsd\tn\n0.5\t1.2\t0.3\t20\n1\t2.0\t0.4\t20\n';
    const csv = normalizePasted(pasted);
    expect(csv).toBe('time,mean,sd,n\n0.5,1.2,0.3,20\n1,2.0,0.4,20\n');
    const r = tryParseDataset(csv);
    expect(r.ok && r.dataset.series[0]!.mean).toEqual([1.2, 2]);
  });

  test('short rows are padded to the header', () => {
    expect(textToTable('a,b,c\n1\n').rows).toEqual([['1', '', '']]);
  });
});
