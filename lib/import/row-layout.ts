/**
 * How a file lays out a record's lists (a product's locations and suppliers): one row per
 * record, several rows per record (one per entry, grouped by the record's code), or one
 * column per location. Detected from the headers and the mapping, shown, and changeable; the
 * layout decides the fields the rows are checked against and which repeats are errors.
 */
import type { DatasetDef, FieldDef } from '@/lib/datasets/field-def';
import type { ColumnMapping, LayoutDecision, LocationColumn, RowLayout, SourceColumn } from './import-types';
import { findLocationColumns, locationColumnKey, withLocationColumns } from './location-columns';

export interface LayoutResult {
  readonly decision: LayoutDecision;
  /** The fields the rows are checked against under this layout. */
  readonly dataset: DatasetDef;
  readonly mapping: ColumnMapping;
  readonly notes: readonly string[];
}

export interface LayoutArgs {
  readonly base: DatasetDef;
  readonly columns: readonly SourceColumn[];
  readonly mapping: ColumnMapping;
  /** The user's choice, if any. */
  readonly chosen?: RowLayout;
  /** The layout in force before this change, so a mapping is only adjusted on a change. */
  readonly previous: RowLayout | null;
  /** How many rows repeat a record code seen on an earlier row (read only when needed). */
  readonly repeatedCodes: () => number;
}

function list(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

function isMapped(mapping: ColumnMapping, key: string): boolean {
  const c = mapping[key];
  return c !== null && c !== undefined;
}

/**
 * Rows per location carry that location's stock: a column auto-mapped to the overall figure
 * ("On hand") is moved to the location's figure when the row names a location.
 */
function moveOverallToLocation(base: DatasetDef, mapping: ColumnMapping, labelOf: (c: number) => string): string[] {
  const notes: string[] = [];
  const byKey = new Map(base.fields.map((f) => [f.key, f]));
  for (const listDef of base.lists ?? []) {
    const identity = base.fields.find((f) => f.listEntry?.list === listDef.property && f.listEntry.property === listDef.identity);
    if (!identity || !isMapped(mapping, identity.key)) continue;
    for (const field of base.fields) {
      const overall: FieldDef | undefined = field.listEntry?.list === listDef.property ? byKey.get(field.listEntry.property) : undefined;
      if (!overall || overall.listEntry || !isMapped(mapping, overall.key) || isMapped(mapping, field.key)) continue;
      const column = mapping[overall.key] as number;
      mapping[field.key] = column;
      mapping[overall.key] = null;
      notes.push(`Each row names a ${identity.label.toLowerCase()}, so "${labelOf(column)}" is read as ${field.label}, not as the product's overall ${overall.label}. Change the mapping if that is wrong.`);
    }
  }
  return notes;
}

/** The layout of a dataset that declares layouts; null for the others. */
export function applyLayout(args: LayoutArgs): LayoutResult | null {
  const { base, columns } = args;
  if (!base.layouts) return null;
  const labelOf = (c: number) => columns.find((col) => col.index === c)?.label ?? `column ${c + 1}`;
  const baseKeys = new Set(base.fields.map((f) => f.key));
  const used = new Set<number>();
  for (const [key, column] of Object.entries(args.mapping)) {
    const own = baseKeys.has(key) || key.endsWith(':fallback');
    if (own && column !== null && column !== undefined) used.add(column);
  }
  const found = findLocationColumns(base, columns, used);
  const listMapped = base.fields.filter((f) => f.listEntry && isMapped(args.mapping, f.key));

  let detected: RowLayout = 'single';
  let reason = 'Each row is one product.';
  if (found.length > 0) {
    detected = 'wide';
    reason = `${found.length === 1 ? 'Column' : 'Columns'} ${list(found.map((f) => `“${labelOf(f.columnIndex)}”`))} ${found.length === 1 ? 'holds' : 'hold'} one location each (${list([...new Set(found.map((f) => f.locationCode))])}).`;
  } else if (listMapped.length > 0) {
    const repeats = args.repeatedCodes();
    if (repeats > 0) {
      detected = 'long';
      reason = `${repeats} row${repeats === 1 ? ' repeats' : 's repeat'} a product code of an earlier row, and ${list(listMapped.map((f) => f.label))} ${listMapped.length === 1 ? 'is' : 'are'} mapped: several rows per product.`;
    }
  }
  const layout = args.chosen ?? detected;
  const mapping: ColumnMapping = { ...args.mapping };
  const notes: string[] = [];
  let dataset = base;
  const locationColumns: LocationColumn[] = [];
  if (layout === 'wide') {
    dataset = withLocationColumns(
      base,
      found.map((f) => ({ field: f.field, locationCode: f.locationCode, header: labelOf(f.columnIndex) })),
    );
    for (const f of found) {
      const key = locationColumnKey(f.field, f.locationCode);
      if (!(key in mapping)) mapping[key] = f.columnIndex;
      locationColumns.push({ columnIndex: f.columnIndex, columnLabel: labelOf(f.columnIndex), field: f.field, locationCode: f.locationCode });
    }
    if (found.length === 0) notes.push('No column header names a location (such as “Stock AKL”), so no location figures are read.');
  } else if (layout === 'long') {
    dataset = { ...base, uniqueKey: base.layouts.long.uniqueKey };
    if (args.previous !== 'long') notes.push(...moveOverallToLocation(base, mapping, labelOf));
  }
  return {
    decision: { layout, detected, source: args.chosen ? 'user' : 'detected', reason, locationColumns },
    dataset,
    mapping,
    notes,
  };
}
