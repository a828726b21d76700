/**
 * The column mapping a user chose for a set of headers, remembered in the browser so the same
 * export next month is mapped the same way. Only header names, field keys, the file name and
 * the date are stored: never cell values, never credentials.
 */
import { normaliseHeader } from '@/lib/import/header-match';
import type { ColumnMapping, SourceColumn } from '@/lib/import/import-types';

/** The part of window.localStorage used here; tests pass an in-memory stand-in. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Versioned, so a later shape can ignore (and replace) what an older build wrote. */
export const REMEMBERED_MAPPINGS_KEY = 'stocktrim-import.remembered-mappings.v1';
/** Enough for every dataset with a few exports each; older entries go first. */
export const MAX_ENTRIES = 40;
/** localStorage is shared with the rest of the origin; stay far below its few-MB quota. */
export const MAX_STORED_CHARS = 100_000;

/** A column named by its normalised header and, for repeated headers, which occurrence it is. */
export interface ColumnRef {
  readonly header: string;
  readonly occurrence: number;
}

export interface RememberedMapping {
  readonly dataset: string;
  /** The file's normalised headers, sorted: the same export with its columns moved still matches. */
  readonly headerSet: string;
  /** Field key → the column it was read from; fields left unmapped are absent. */
  readonly fields: Readonly<Record<string, ColumnRef>>;
  readonly fileName: string;
  /** ISO time it was saved. */
  readonly savedAt: string;
}

const SEPARATOR = '\u001f';

/** Normalised header of each column, in file order (blank headers stay '' and count by occurrence). */
function normalisedHeaders(columns: readonly SourceColumn[]): string[] {
  return columns.map((c) => normaliseHeader(c.header));
}

export function headerSetOf(columns: readonly SourceColumn[]): string {
  return [...normalisedHeaders(columns)].sort().join(SEPARATOR);
}

/** Each column's reference: its header, and how many columns before it share that header. */
function columnRefs(columns: readonly SourceColumn[]): Map<number, ColumnRef> {
  const seen = new Map<string, number>();
  const refs = new Map<number, ColumnRef>();
  const headers = normalisedHeaders(columns);
  columns.forEach((c, i) => {
    const header = headers[i]!;
    const occurrence = seen.get(header) ?? 0;
    seen.set(header, occurrence + 1);
    refs.set(c.index, { header, occurrence });
  });
  return refs;
}

export function describeMapping(mapping: ColumnMapping, columns: readonly SourceColumn[]): Record<string, ColumnRef> {
  const refs = columnRefs(columns);
  const out: Record<string, ColumnRef> = {};
  for (const [field, index] of Object.entries(mapping)) {
    if (index === null || index === undefined) continue;
    const ref = refs.get(index);
    if (ref) out[field] = ref;
  }
  return out;
}

/**
 * The remembered mapping in this file's column positions. Every field of `current` is present
 * (null when it was left unmapped last time), so applying it also clears what the automatic
 * match added. Null when a remembered column cannot be found, which a matching header set rules
 * out unless the entry is damaged.
 */
export function resolveMapping(remembered: RememberedMapping, columns: readonly SourceColumn[], current: ColumnMapping): ColumnMapping | null {
  const byRef = new Map<string, number>();
  for (const [index, ref] of columnRefs(columns)) byRef.set(`${ref.header}${SEPARATOR}${ref.occurrence}`, index);
  const out: ColumnMapping = {};
  for (const key of Object.keys(current)) out[key] = null;
  for (const [field, ref] of Object.entries(remembered.fields)) {
    const index = byRef.get(`${ref.header}${SEPARATOR}${ref.occurrence}`);
    if (index === undefined) return null;
    out[field] = index;
  }
  return out;
}

/** Same fields on the same columns; a field absent on one side counts as unmapped. */
export function sameMapping(a: ColumnMapping, b: ColumnMapping): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
}

function isColumnRef(v: unknown): v is ColumnRef {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.header === 'string' && typeof r.occurrence === 'number' && Number.isInteger(r.occurrence) && r.occurrence >= 0;
}

function isEntry(v: unknown): v is RememberedMapping {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  if (typeof e.dataset !== 'string' || typeof e.headerSet !== 'string' || typeof e.fileName !== 'string' || typeof e.savedAt !== 'string') return false;
  if (typeof e.fields !== 'object' || e.fields === null || Array.isArray(e.fields)) return false;
  return Object.values(e.fields as Record<string, unknown>).every(isColumnRef);
}

/**
 * Every well-formed entry. Damaged JSON, another shape, or a storage that throws (private mode,
 * blocked cookies) all read as "nothing remembered": a lost memory costs one re-mapping, a crash
 * would cost the import.
 */
export function readAll(storage: StorageLike): RememberedMapping[] {
  let text: string | null;
  try {
    text = storage.getItem(REMEMBERED_MAPPINGS_KEY);
  } catch {
    return [];
  }
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return [];
    const entries = (parsed as { entries?: unknown }).entries;
    return Array.isArray(entries) ? entries.filter(isEntry) : [];
  } catch {
    return [];
  }
}

function writeAll(storage: StorageLike, entries: readonly RememberedMapping[]): void {
  // Newest first; drop the oldest until the list fits both caps.
  let kept = entries.slice(0, MAX_ENTRIES);
  let text = JSON.stringify({ entries: kept });
  while (text.length > MAX_STORED_CHARS && kept.length > 0) {
    kept = kept.slice(0, -1);
    text = JSON.stringify({ entries: kept });
  }
  try {
    if (kept.length === 0) storage.removeItem(REMEMBERED_MAPPINGS_KEY);
    else storage.setItem(REMEMBERED_MAPPINGS_KEY, text);
  } catch {
    // Quota or a blocked storage: the import itself does not depend on remembering.
  }
}

export function findRemembered(storage: StorageLike, dataset: string, columns: readonly SourceColumn[]): RememberedMapping | null {
  const headerSet = headerSetOf(columns);
  return readAll(storage).find((e) => e.dataset === dataset && e.headerSet === headerSet) ?? null;
}

export function rememberMapping(
  storage: StorageLike,
  args: { readonly dataset: string; readonly columns: readonly SourceColumn[]; readonly mapping: ColumnMapping; readonly fileName: string; readonly now?: Date },
): RememberedMapping {
  const entry: RememberedMapping = {
    dataset: args.dataset,
    headerSet: headerSetOf(args.columns),
    fields: describeMapping(args.mapping, args.columns),
    // Only the name: a full path could say more about the user's machine than is needed.
    fileName: args.fileName.split(/[\\/]/).pop()?.slice(0, 200) ?? '',
    savedAt: (args.now ?? new Date()).toISOString(),
  };
  const others = readAll(storage).filter((e) => !(e.dataset === entry.dataset && e.headerSet === entry.headerSet));
  writeAll(storage, [entry, ...others]);
  return entry;
}

export type RememberedOffer =
  | { readonly kind: 'none' }
  | { readonly kind: 'same'; readonly entry: RememberedMapping }
  | { readonly kind: 'differs'; readonly entry: RememberedMapping; readonly mapping: ColumnMapping };

/** What the page says about a freshly loaded file's mapping, given what was remembered for its headers. */
export function offerFor(entry: RememberedMapping | null, columns: readonly SourceColumn[], current: ColumnMapping): RememberedOffer {
  if (!entry || entry.headerSet !== headerSetOf(columns)) return { kind: 'none' };
  const mapping = resolveMapping(entry, columns, current);
  if (!mapping) return { kind: 'none' };
  return sameMapping(mapping, current) ? { kind: 'same', entry } : { kind: 'differs', entry, mapping };
}

/** window.localStorage where the page has one; null on the server or when access throws. */
export function browserStorage(): StorageLike | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
