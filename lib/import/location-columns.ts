/**
 * One column per location ("Stock AKL", "On order - WLG"): finding such columns from their
 * headers, and the fields they become. A location column is a field of its own, keyed
 * `stockLocations.stockOnHand@AKL`, so the validator, grid, row schema and rejected-rows CSV
 * treat it like any other field; the browser and the server derive the same definition.
 */
import type { DatasetDef, FieldDef, LocationColumnDef } from '@/lib/datasets/field-def';
import { normaliseHeader } from './header-match';
import type { SourceColumn } from './import-types';

const KEY_MARK = '@';
const MAX_CODE_WORDS = 3;
const MAX_CODE_LENGTH = 40;

/**
 * Words that, next to "stock" or "qty", make an ordinary header ("Stock code", "Order qty",
 * "Stock level") rather than a location.
 */
const NOT_A_LOCATION = new Set([
  'code', 'id', 'number', 'no', 'level', 'levels', 'status', 'type', 'value', 'unit', 'units', 'item', 'items', 'name', 'date',
  'policy', 'tracker', 'count', 'min', 'max', 'minimum', 'maximum', 'cost', 'price', 'total', 'all', 'overall', 'available',
  'reserved', 'committed', 'location', 'locations', 'order', 'reorder', 'safety', 'target', 'case', 'pack', 'sold', 'sales',
  'keeping', 'keeping unit', 'on hand', 'on order', 'adjustment', 'variant', 'variant inventory', 'inventory', 'per', 'sku',
]);

export interface FoundLocationColumn {
  readonly columnIndex: number;
  readonly field: string;
  readonly locationCode: string;
}

export function locationColumnKey(field: string, locationCode: string): string {
  return `${field}${KEY_MARK}${locationCode}`;
}

/** `stockLocations.stockOnHand@AKL` → its field and location; null for an ordinary key. */
export function parseLocationColumnKey(key: string): { readonly field: string; readonly locationCode: string } | null {
  const at = key.indexOf(KEY_MARK);
  if (at <= 0 || at === key.length - 1) return null;
  return { field: key.slice(0, at), locationCode: key.slice(at + 1) };
}

function wordsOf(text: string): string[] {
  return text.split(/[\s_\-:/|()[\]]+/).filter((w) => w !== '');
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w.toLowerCase() === b[i]!.toLowerCase());
}

/** "Stock AKL", "AKL stock", "On order - WLG", "SOH (CHC)" → field and location code, else null. */
export function matchLocationHeader(header: string, defs: readonly LocationColumnDef[]): { field: string; locationCode: string } | null {
  const words = wordsOf(header.trim());
  // Longest phrase first, across fields, so "Stock on order AKL" is not read as stock "on order AKL".
  const phrases = defs
    .flatMap((def) => def.words.map((w) => ({ field: def.field, words: wordsOf(w) })))
    .sort((a, b) => b.words.length - a.words.length);
  const phraseWords = new Set(phrases.flatMap((p) => p.words.map((w) => w.toLowerCase())));
  const ordinary = (w: string) => phraseWords.has(w) || NOT_A_LOCATION.has(w) || w === 'quantity';
  for (const phrase of phrases) {
    const n = phrase.words.length;
    if (words.length <= n) continue;
    const rest = sameWords(words.slice(0, n), phrase.words) ? words.slice(n) : sameWords(words.slice(-n), phrase.words) ? words.slice(0, -n) : null;
    if (!rest || rest.length > MAX_CODE_WORDS) continue;
    const code = rest.join(' ');
    if (code.length > MAX_CODE_LENGTH || NOT_A_LOCATION.has(code.toLowerCase()) || rest.every((w) => ordinary(w.toLowerCase()))) continue;
    return { field: phrase.field, locationCode: code };
  }
  return null;
}

/**
 * The file's location columns. Columns whose header is already a field's name, or that the
 * mapping uses for another field, are not location columns.
 */
export function findLocationColumns(
  dataset: DatasetDef,
  columns: readonly SourceColumn[],
  usedColumns: ReadonlySet<number>,
): FoundLocationColumn[] {
  const defs = dataset.layouts?.wide.columns ?? [];
  if (defs.length === 0) return [];
  const known = new Set(dataset.fields.flatMap((f) => [...f.synonyms, f.key, f.label].map(normaliseHeader)));
  const found: FoundLocationColumn[] = [];
  const taken = new Set<string>();
  for (const column of columns) {
    if (usedColumns.has(column.index) || known.has(normaliseHeader(column.header))) continue;
    const match = matchLocationHeader(column.header, defs);
    if (!match) continue;
    const key = locationColumnKey(match.field, match.locationCode);
    // Two columns for the same figure of one location: the first is used, the other stays unmapped.
    if (taken.has(key)) continue;
    taken.add(key);
    found.push({ columnIndex: column.index, ...match });
  }
  return found;
}

function locationField(base: FieldDef, locationCode: string, header?: string): FieldDef {
  if (!base.listEntry) throw new Error(`${base.key} is not a list field; it cannot have one column per location.`);
  return {
    ...base,
    key: locationColumnKey(base.key, locationCode),
    label: `${base.label}: ${locationCode}`,
    synonyms: header ? [header] : [],
    help: `${base.help} This column is location ${locationCode}.`,
    listEntry: { ...base.listEntry, identity: locationCode },
  };
}

/** The dataset with one field per location column. */
export function withLocationColumns(dataset: DatasetDef, found: readonly { field: string; locationCode: string; header?: string }[]): DatasetDef {
  if (found.length === 0) return dataset;
  const byKey = new Map(dataset.fields.map((f) => [f.key, f]));
  const extra = found.map((c) => {
    const base = byKey.get(c.field);
    if (!base) throw new Error(`${dataset.label} has no field "${c.field}".`);
    return locationField(base, c.locationCode, c.header);
  });
  return { ...dataset, fields: [...dataset.fields, ...extra] };
}

const MAX_CACHED = 64;
const byKeys = new WeakMap<DatasetDef, Map<string, DatasetDef>>();

/**
 * Server side: the dataset a batch of rows is checked against, with a field for every
 * location-column key the rows carry. Keys that are not location columns of this dataset are
 * left for the row schema to refuse.
 */
export function datasetForKeys(dataset: DatasetDef, keys: Iterable<string>): DatasetDef {
  const allowed = new Set((dataset.layouts?.wide.columns ?? []).map((c) => c.field));
  if (allowed.size === 0) return dataset;
  const wanted = new Map<string, { field: string; locationCode: string }>();
  for (const key of keys) {
    const parsed = parseLocationColumnKey(key);
    if (parsed && allowed.has(parsed.field)) wanted.set(key, parsed);
  }
  if (wanted.size === 0) return dataset;
  const signature = [...wanted.keys()].sort().join('\u001f');
  let cache = byKeys.get(dataset);
  if (!cache) byKeys.set(dataset, (cache = new Map()));
  let def = cache.get(signature);
  if (!def) {
    if (cache.size >= MAX_CACHED) cache.clear();
    def = withLocationColumns(dataset, [...wanted.values()]);
    cache.set(signature, def);
  }
  return def;
}
