/**
 * Headers → dataset fields. Everything the matcher knows comes from the registry's synonyms
 * (plus each field's key and label), so adding a synonym there is the only way to teach it.
 */
import { type DatasetDef, type FieldDef, fallbackKey } from '@/lib/datasets/field-def';
import type { ColumnMapping, SourceColumn } from './import-types';

/**
 * Lower-case and drop whitespace, `_ - .` and byte-order marks, so " Product ID ", "product_id"
 * and "ProductID" compare equal. Other punctuation (`#`, `%`, brackets) is kept: it can carry
 * meaning and is handled by the looser fallback instead.
 */
export function normaliseHeader(header: string): string {
  let out = '';
  const lower = header.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (
      c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x202f || c === 0x2007 ||
      c === 0xfeff || c === 0x5f /* _ */ || c === 0x2d /* - */ || c === 0x2e /* . */
    ) {
      continue;
    }
    out += lower[i];
  }
  return out;
}

/**
 * Fallback form: bracketed parts removed ("Lead time (days)" → "leadtime"), only letters and
 * digits kept, and a trailing plural "s" dropped ("Costs" → "cost"). Applied to both sides.
 */
export function looseHeader(header: string): string {
  let depth = 0;
  let out = '';
  const lower = header.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    if (ch === '(' || ch === '[') {
      depth++;
      continue;
    }
    if (ch === ')' || ch === ']') {
      if (depth > 0) depth--;
      continue;
    }
    if (depth > 0) continue;
    const c = ch.charCodeAt(0);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c > 0x7f && ch.toUpperCase() !== ch)) out += ch;
  }
  if (out.length > 3 && out.endsWith('s') && !out.endsWith('ss')) out = out.slice(0, -1);
  return out;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.replace(/^\uFEFF+/, '') : s;
}

/**
 * Builds the column list the mapping step shows. Columns are identified by position, so two
 * columns called "name" both stay visible and either can feed a field.
 */
export function buildSourceColumns(
  headerCells: readonly string[],
  columnCount: number,
  samplesFor: (column: number) => readonly string[],
): SourceColumn[] {
  const normalised: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < columnCount; i++) {
    const header = stripBom(headerCells[i] ?? '');
    const norm = normaliseHeader(header);
    normalised.push(norm);
    if (norm !== '') seen.set(norm, (seen.get(norm) ?? 0) + 1);
  }
  const columns: SourceColumn[] = [];
  for (let i = 0; i < columnCount; i++) {
    const header = stripBom(headerCells[i] ?? '');
    const trimmed = header.trim();
    const norm = normalised[i]!;
    columns.push({
      index: i,
      header,
      label: trimmed === '' ? `(no header) ${columnLetter(i)}` : trimmed,
      duplicate: norm !== '' && (seen.get(norm) ?? 0) > 1,
      samples: samplesFor(i),
    });
  }
  return columns;
}

export interface FieldMatch {
  readonly field: string;
  readonly column: number;
  /** 1 = exact normalised match, 2 = loose fallback. */
  readonly tier: 1 | 2;
  readonly synonym: string;
}

export interface AutoMapResult {
  readonly mapping: ColumnMapping;
  /** Source columns no field uses, by index. Listed so nothing is dropped without the user seeing it. */
  readonly unmapped: readonly number[];
  readonly matches: readonly FieldMatch[];
  /** Things the user should look at: duplicate headers, columns that matched but lost out. */
  readonly notes: readonly string[];
}

interface Candidate {
  field: FieldDef;
  fieldOrder: number;
  column: number;
  tier: 1 | 2;
  rank: number;
  synonym: string;
  hasData: boolean;
}

/**
 * The fields a column can be mapped to: the dataset's, then each declared fallback as a field
 * of its own (mapped under fallbackKey), so "Handle" finds its place like any other header.
 */
export function mappableFields(dataset: DatasetDef): FieldDef[] {
  const fallbacks = dataset.fields.flatMap((f) =>
    f.fallback ? [{ key: fallbackKey(f.key), label: f.fallback.label, type: f.type, required: false, synonyms: f.fallback.synonyms, help: f.fallback.help }] : [],
  );
  return [...dataset.fields, ...fallbacks];
}

/** Synonyms first in registry order (earlier = preferred), then the key and the label. */
function namesOf(field: FieldDef): string[] {
  return [...field.synonyms, field.key, field.label];
}

/**
 * Auto-maps every field to at most one column and every column to at most one field.
 * Candidates are taken best first: exact before loose, a column with values before an empty
 * one, then the earlier synonym in the registry (so "ProductNumber" beats "ProductID" because
 * "product number" is listed before "product id"), then the leftmost column.
 */
export function autoMapColumns(dataset: DatasetDef, columns: readonly SourceColumn[]): AutoMapResult {
  const exactIndex = new Map<string, { field: FieldDef; fieldOrder: number; rank: number; synonym: string }[]>();
  const looseIndex = new Map<string, { field: FieldDef; fieldOrder: number; rank: number; synonym: string }[]>();
  const fields = mappableFields(dataset);
  fields.forEach((field, fieldOrder) => {
    namesOf(field).forEach((synonym, rank) => {
      const add = (index: typeof exactIndex, key: string) => {
        if (key === '') return;
        const list = index.get(key) ?? [];
        if (!list.some((e) => e.field.key === field.key)) list.push({ field, fieldOrder, rank, synonym });
        index.set(key, list);
      };
      add(exactIndex, normaliseHeader(synonym));
      add(looseIndex, looseHeader(synonym));
    });
  });

  const candidates: Candidate[] = [];
  for (const col of columns) {
    const hasData = col.samples.length > 0;
    const exact = exactIndex.get(normaliseHeader(col.header));
    if (exact) {
      for (const e of exact) candidates.push({ ...e, column: col.index, tier: 1, hasData });
      continue;
    }
    const loose = looseIndex.get(looseHeader(col.header));
    if (loose) for (const e of loose) candidates.push({ ...e, column: col.index, tier: 2, hasData });
  }
  candidates.sort(
    (a, b) =>
      a.tier - b.tier ||
      Number(b.hasData) - Number(a.hasData) ||
      a.rank - b.rank ||
      a.column - b.column ||
      a.fieldOrder - b.fieldOrder,
  );

  const mapping: ColumnMapping = {};
  for (const f of fields) mapping[f.key] = null;
  const usedColumns = new Set<number>();
  const matches: FieldMatch[] = [];
  for (const c of candidates) {
    if (mapping[c.field.key] !== null || usedColumns.has(c.column)) continue;
    mapping[c.field.key] = c.column;
    usedColumns.add(c.column);
    matches.push({ field: c.field.key, column: c.column, tier: c.tier, synonym: c.synonym });
  }

  const notes: string[] = [];
  const byIndex = new Map(columns.map((c) => [c.index, c]));
  for (const c of candidates) {
    const chosen = mapping[c.field.key];
    if (chosen === null || chosen === undefined || chosen === c.column || usedColumns.has(c.column)) continue;
    const lost = byIndex.get(c.column);
    const won = byIndex.get(chosen);
    // Duplicate headers get their own note below.
    if (lost && won && normaliseHeader(lost.header) !== normaliseHeader(won.header)) {
      notes.push(`Column "${lost.label}" also looks like ${c.field.label}; "${won.label}" was used. Change the mapping if that is wrong.`);
    }
  }
  const dupGroups = new Map<string, SourceColumn[]>();
  for (const col of columns) {
    if (!col.duplicate) continue;
    const key = normaliseHeader(col.header);
    dupGroups.set(key, [...(dupGroups.get(key) ?? []), col]);
  }
  for (const group of dupGroups.values()) {
    const fed = group.find((g) => usedColumns.has(g.index));
    const letters = group.map((g) => columnLetter(g.index));
    const where = letters.length === 2 ? `${letters[0]} and ${letters[1]}` : `${letters.slice(0, -1).join(', ')} and ${letters[letters.length - 1]}`;
    const field = fed ? fields.find((f) => mapping[f.key] === fed.index) : undefined;
    notes.push(
      field && fed
        ? `Columns ${where} are ${group.length === 2 ? 'both' : 'all'} called "${group[0]!.label}". Column ${columnLetter(fed.index)} feeds ${field.label}; pick another if that is the wrong one.`
        : `Columns ${where} are ${group.length === 2 ? 'both' : 'all'} called "${group[0]!.label}"; none of them is mapped.`,
    );
  }

  const unmapped = columns.filter((c) => !usedColumns.has(c.index)).map((c) => c.index);
  return { mapping, unmapped, matches, notes };
}

/** Columns that no field uses under a given mapping. */
export function unmappedColumns(mapping: ColumnMapping, columns: readonly SourceColumn[]): number[] {
  const used = new Set<number>();
  for (const v of Object.values(mapping)) if (v !== null && v !== undefined) used.add(v);
  return columns.filter((c) => !used.has(c.index)).map((c) => c.index);
}

/** How many of a row's cells name one of the dataset's fields; used to find the header row. */
export function countHeaderMatches(dataset: DatasetDef, cells: readonly string[]): number {
  const names = headerNameSet(dataset);
  let n = 0;
  for (const cell of cells) {
    const norm = normaliseHeader(cell);
    if (norm !== '' && (names.exact.has(norm) || names.loose.has(looseHeader(cell)))) n++;
  }
  return n;
}

const nameSetCache = new WeakMap<DatasetDef, { exact: Set<string>; loose: Set<string> }>();

function headerNameSet(dataset: DatasetDef): { exact: Set<string>; loose: Set<string> } {
  let sets = nameSetCache.get(dataset);
  if (!sets) {
    const exact = new Set<string>();
    const loose = new Set<string>();
    for (const f of dataset.fields) {
      for (const n of namesOf(f)) {
        exact.add(normaliseHeader(n));
        const l = looseHeader(n);
        if (l !== '') loose.add(l);
      }
    }
    sets = { exact, loose };
    nameSetCache.set(dataset, sets);
  }
  return sets;
}
