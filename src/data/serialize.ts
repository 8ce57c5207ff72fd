// Dataset → aggregate CSV text (export, and the round-trip tests). Individual rows are not
// written: the export is the aggregate a paper would report.
import Papa from 'papaparse';
import { tableOf } from './table.ts';
import type { Dataset } from './types.ts';

export function datasetToCsv(d: Dataset): string {
  const t = tableOf(d);
  return Papa.unparse({ fields: t.header, data: t.rows }, { newline: '\n' }) + '\n';
}
