import { type CsvCell, toCsv } from '@/lib/csv/write-csv';
import type { DatasetDef } from '@/lib/datasets/field-def';
import type { RejectedBy, RunRowView } from './run-api';

const OUTCOME: Record<RejectedBy, string> = {
  file: 'Not sent: problem in the file',
  dashboard: "Not sent: refused by the dashboard's check",
  stocktrim: 'Rejected by StockTrim',
};

function cell(value: unknown): CsvCell {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/**
 * The rejected rows of a run with their reasons and the values that were sent (or read), one
 * column per field that any of them has, headed by the field's label so the file maps itself
 * when it is fixed and imported again.
 */
export function rejectedRowsCsv(dataset: DatasetDef | null, rows: readonly RunRowView[]): string {
  const present = new Set(rows.flatMap((r) => Object.keys(r.values)));
  const fields = dataset ? dataset.fields.filter((f) => present.has(f.key)).map((f) => ({ key: f.key, label: f.label })) : [...present].map((k) => ({ key: k, label: k }));
  const header = ['Row', 'Outcome', 'Reason', 'Attempts', ...fields.map((f) => f.label)];
  return toCsv([
    header,
    ...rows.map((r) => [r.rowNumber, OUTCOME[r.rejectedBy ?? 'stocktrim'], r.answer ?? '', r.attempts, ...fields.map((f) => cell(r.values[f.key]))]),
  ]);
}
