import type { DatasetDef } from '@/lib/datasets/field-def';
import { datasetForKeys } from '@/lib/import/location-columns';
import { orderKeyOf } from '@/lib/import/order-key';
import { checkRowAgainstSchema } from '@/lib/import/row-schema';
import type { UploadRow } from './run-api';
import type { NewRunRow } from './run-store';

export interface CheckedRow {
  readonly values: Record<string, unknown>;
  /** Why the row cannot be sent, or null. */
  readonly problem: string | null;
  /** The record (order, product) of a sendable row, for datasets that group rows. */
  readonly recordKey: string | null;
}

/** The page is not trusted: a row to send is checked again with the dataset's schema. */
export function checkRowValues(dataset: DatasetDef, rowNumber: number, values: Readonly<Record<string, unknown>>): CheckedRow {
  const checked = checkRowAgainstSchema(dataset, rowNumber, values);
  if (!checked.ok) return { values: { ...values }, problem: checked.message, recordKey: null };
  const recordKey = dataset.orderKey ? orderKeyOf(dataset.orderKey, checked.values) : null;
  return { values: checked.values, problem: null, recordKey };
}

/** Location columns ("Stock AKL") are fields of their own; the rows say which ones they carry. */
export function rowsDataset(dataset: DatasetDef, rows: readonly { readonly values: Readonly<Record<string, unknown>> }[]): DatasetDef {
  return datasetForKeys(dataset, new Set(rows.flatMap((r) => Object.keys(r.values))));
}

/**
 * Uploaded rows as the store keeps them (to send, refused by the page's or the server's check,
 * or skipped), converted in slices, giving the event loop back between them: the runner's lanes share this
 * thread and, while a run sends as it uploads, their answers would otherwise wait behind a
 * whole chunk's checks (about 10 ms per 1,000 rows).
 */
export async function toRunRowsInSlices(dataset: DatasetDef, rows: readonly UploadRow[], sliceRows = 200): Promise<NewRunRow[]> {
  const convert = toRunRow(rowsDataset(dataset, rows));
  const out: NewRunRow[] = [];
  for (let i = 0; i < rows.length; i += sliceRows) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (let j = i; j < Math.min(rows.length, i + sliceRows); j++) out.push(convert(rows[j]!));
  }
  return out;
}

function toRunRow(rowDataset: DatasetDef): (row: UploadRow) => NewRunRow {
  return (row): NewRunRow => {
    const base = { rowNumber: row.rowNumber, batch: row.batch };
    if (row.kind === 'skipped') return { ...base, values: row.values, status: 'skipped', answer: 'Skipped by you on the import page.' };
    if (row.kind === 'file-error') return { ...base, values: row.values, status: 'rejected', rejectedBy: 'file', answer: row.message ?? 'Problem in the file.' };
    const checked = checkRowValues(rowDataset, row.rowNumber, row.values);
    return checked.problem === null
      ? { ...base, values: checked.values, status: 'pending', recordKey: checked.recordKey }
      : { ...base, values: checked.values, status: 'rejected', rejectedBy: 'dashboard', answer: checked.problem };
  };
}
