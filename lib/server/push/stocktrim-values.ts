import type { DatasetDef } from '@/lib/datasets/field-def';
import type { CellValue } from '@/lib/import/import-types';

/**
 * The StockTrim fields of one row. Blank cells are left out rather than sent as null: on an
 * upsert a null could clear what StockTrim already holds, and a blank cell means "not given".
 * List entries (a product's locations) are not properties of their own; foldRows builds them.
 */
export function stockTrimValues(dataset: DatasetDef, values: Readonly<Record<string, CellValue>>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const field of dataset.fields) {
    if (field.stockTrim === false || field.listEntry) continue;
    const value = values[field.key];
    if (value !== null && value !== undefined) out[field.key] = value;
  }
  return out;
}
