/**
 * The rows of one record (a product with its locations and suppliers, a purchase order with
 * its lines) → the record as StockTrim's request takes it. Properties of the record itself
 * must agree on every row that gives them; entries of a list merge by their identity (a
 * location's code) or, for lists like order lines, are one per row. A disagreement is never
 * settled by picking a row: the record is not sent, and each row says why.
 */
import type { DatasetDef, FieldDef, ListDef } from '@/lib/datasets/field-def';
import type { CellValue, PushRow } from '@/lib/import/import-types';
import { parseLocationColumnKey } from '@/lib/import/location-columns';
import type { RowOutcome } from '@/lib/push-types';

export interface FoldedRecord {
  /** The record's properties and lists; blank values are left out (StockTrim keeps what it has). */
  readonly record: Record<string, unknown>;
  /** Row number → why the record cannot be sent, for rows that disagree with an earlier row. */
  readonly conflicts: ReadonlyMap<number, string>;
  /** Per list, the row each entry first came from, in the entries' order. */
  readonly entryRows: Readonly<Record<string, readonly number[]>>;
}

interface Given {
  readonly value: CellValue;
  readonly rowNumber: number;
}

interface Entry {
  readonly identity: string;
  readonly rowNumber: number;
  readonly properties: Map<string, Given>;
}

function show(value: CellValue): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function fieldResolver(dataset: DatasetDef): (key: string) => FieldDef | undefined {
  const byKey = new Map(dataset.fields.map((f) => [f.key, f]));
  return (key) => {
    const own = byKey.get(key);
    if (own) return own;
    const column = parseLocationColumnKey(key);
    const base = column ? byKey.get(column.field) : undefined;
    if (!column || !base?.listEntry) return undefined;
    return { ...base, key, label: `${base.label}: ${column.locationCode}`, listEntry: { ...base.listEntry, identity: column.locationCode } };
  };
}

export function foldRows(dataset: DatasetDef, rows: readonly PushRow[]): FoldedRecord {
  const noun = dataset.orderKey?.noun ?? 'record';
  const fieldOf = fieldResolver(dataset);
  const lists = new Map<string, ListDef>((dataset.lists ?? []).map((l) => [l.property, l]));
  const identityFields = new Map<string, FieldDef>();
  for (const f of dataset.fields) {
    const list = f.listEntry ? lists.get(f.listEntry.list) : undefined;
    if (list && f.listEntry!.property === list.identity && f.listEntry!.identity === undefined) identityFields.set(list.property, f);
  }
  const own = new Map<string, Given>();
  const entries = new Map<string, Map<string, Entry>>();
  const conflicts = new Map<number, string>();
  const disagree = (row: PushRow, field: FieldDef, value: CellValue, first: Given, about = '') => {
    if (conflicts.has(row.rowNumber)) return;
    conflicts.set(
      row.rowNumber,
      `Row ${row.rowNumber}, ${field.label}: ${show(value)} differs from row ${first.rowNumber}'s ${show(first.value)}${about}; the rows of one ${noun} must agree, so none of them is sent.`,
    );
  };

  for (const row of rows) {
    for (const [key, value] of Object.entries(row.values)) {
      if (value === null || value === undefined || value === '') continue;
      const field = fieldOf(key);
      if (!field || field.stockTrim === false) continue;
      if (!field.listEntry) {
        const first = own.get(key);
        if (!first) own.set(key, { value, rowNumber: row.rowNumber });
        else if (first.value !== value) disagree(row, field, value, first);
        continue;
      }
      const list = lists.get(field.listEntry.list);
      if (!list) continue;
      const identityField = identityFields.get(list.property);
      const cell = field.listEntry.identity ?? (identityField ? row.values[identityField.key] : undefined);
      if (cell === null || cell === undefined || cell === '') {
        if (!conflicts.has(row.rowNumber)) {
          conflicts.set(row.rowNumber, `Row ${row.rowNumber}, ${field.label}: ${show(value)} is given, but not which ${identityField?.label ?? list.identity} it is for.`);
        }
        continue;
      }
      const identity = String(cell);
      const listEntries = entries.get(list.property) ?? new Map<string, Entry>();
      entries.set(list.property, listEntries);
      const entryKey = list.merge ? identity : `${row.rowNumber}\u001f${identity}`;
      let entry = listEntries.get(entryKey);
      if (!entry) listEntries.set(entryKey, (entry = { identity, rowNumber: row.rowNumber, properties: new Map() }));
      const first = entry.properties.get(field.listEntry.property);
      if (!first) entry.properties.set(field.listEntry.property, { value, rowNumber: row.rowNumber });
      else if (first.value !== value) disagree(row, field, value, first, ` for ${identityField?.label ?? list.identity} "${identity}"`);
    }
  }

  const record: Record<string, unknown> = {};
  const entryRows: Record<string, number[]> = {};
  for (const [key, given] of own) record[key] = given.value;
  for (const [property, listEntries] of entries) {
    const list = lists.get(property)!;
    const all = [...listEntries.values()];
    entryRows[property] = all.map((e) => e.rowNumber);
    record[property] = all.map((e) => {
      const item: Record<string, CellValue> = { [list.identity]: e.identity };
      for (const [p, given] of e.properties) item[p] = given.value;
      return item;
    });
  }
  return { record, conflicts, entryRows };
}

/** Every row of a record that cannot be sent: the disagreeing rows with their reason, the others pointing to it. */
export function conflictOutcomes(rows: readonly PushRow[], conflicts: ReadonlyMap<number, string>): RowOutcome[] {
  const first = conflicts.values().next().value ?? 'Not sent: the rows of this record disagree.';
  return rows.map((row) => ({
    rowNumber: row.rowNumber,
    status: 'rejected' as const,
    message: conflicts.get(row.rowNumber) ?? `Not sent with the rest of its rows: ${first}`,
  }));
}
