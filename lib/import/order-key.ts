/**
 * The record (order, product) a row belongs to, as the dataset's registry entry declares it.
 * The worker cuts push batches at these keys and the server groups a batch by them, so both
 * sides must compute the same key: this is the one place that does.
 */
import type { OrderKeyDef } from '@/lib/datasets/field-def';
import type { CellValue, PushRow } from './import-types';

const KEY_JOIN = '\u001f';

export function orderKeyOf(def: OrderKeyDef, values: Readonly<Record<string, CellValue | undefined>>): string {
  if (def.keyOf) return def.keyOf(values);
  return def.fields
    .map((key) => {
      const v = values[key];
      return v === null || v === undefined ? '' : String(v);
    })
    .join(KEY_JOIN);
}

export interface RowGroup {
  readonly key: string;
  readonly rows: readonly PushRow[];
}

/** Rows grouped by their record, groups in order of first appearance, rows in batch order. */
export function groupByOrderKey(def: OrderKeyDef, rows: readonly PushRow[]): RowGroup[] {
  const groups = new Map<string, PushRow[]>();
  for (const row of rows) {
    const key = orderKeyOf(def, row.values);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups].map(([key, grouped]) => ({ key, rows: grouped }));
}
