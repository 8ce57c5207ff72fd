// Dataset → aggregate CSV text (export, and the round-trip tests). Individual rows are not
// written: the export is the aggregate a paper would report.
import { unparseCsv } from './csv-safe.ts';
import { tableOf } from './table.ts';
import type { Dataset } from './types.ts';

export function datasetToCsv(d: Dataset): string {
  const t = tableOf(d);
  return unparseCsv(t.header, t.rows);
}
