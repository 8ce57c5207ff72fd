// Public API of the data stage: CSV / pasted tables / individual rows → Dataset, and back.
export type { Dataset, Series, Group, DataIssue } from './types.ts';
export { DataError } from './types.ts';
export type { AggregateRow, IndividualRow, DataFormat, ParseOptions, ParseResult } from './rows.ts';
export { DEFAULT_GROUP, DEFAULT_OBSERVABLE } from './rows.ts';
export { parseDataset, tryParseDataset, parseTable } from './parse.ts';
export { readCsv, MAX_DATA_ROWS, MAX_TEXT_LENGTH, type RawTable } from './csv.ts';
export { datasetFromRows } from './build-dataset.ts';
export { aggregateIndividuals, individualsToDataset, meanAndSd } from './aggregate.ts';
export { rowsOf, tableOf, parseCells, type CellTable } from './table.ts';
export { datasetToCsv } from './serialize.ts';
export { summarizeDataset, describeShape } from './summary.ts';
export { sdFromSem, sdFromCi95 } from './convert.ts';
export { studentTQuantile } from './student-t.ts';
export { COLUMN_ALIASES } from './columns.ts';
export { parseNonmemTable } from './nonmem.ts';
export { isNonmemHeader, NONMEM_ALIASES } from './nonmem-records.ts';
export { binTimes } from './binning.ts';
