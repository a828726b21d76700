/**
 * Owns one parsed file: compact raw records, the mapping, the reading decisions, the user's
 * edits and skips, and per-row validation status. No worker or DOM APIs, so the sandbox and
 * tests use it directly and the worker only wraps it.
 *
 * Per row it keeps one status byte and one flag byte; values and messages are recomputed from
 * the raw text when a row is shown or pushed, which keeps 500k+ rows within a tab's memory and
 * guarantees the preview shows exactly what will be sent.
 */
import { type DatasetDef, type DatasetId, fallbackKey } from '@/lib/datasets/field-def';
import { getDataset } from '@/lib/datasets/registry';
import type {
  CellValue,
  ColumnMapping,
  Delimiter,
  ImportDecisions,
  ImportOptions,
  LayoutDecision,
  MappingInfo,
  ParsedFileSummary,
  PreviewCell,
  PreviewRow,
  PushPlan,
  PushRow,
  RowFilter,
  SourceColumn,
  TextEncodingName,
  ValidationSummary,
} from './import-types';
import { RecordStore } from './record-store';
import { findHeaderRow } from './header-row';
import { autoMapColumns, buildSourceColumns, columnLetter, mappableFields, unmappedColumns } from './header-match';
import { decideReadings, decisionProblems, type DecisionsResult } from './import-decisions';
import { RowValidator, STATUS_ERROR, STATUS_WARNING, type RowCheck, type RowEdits } from './validate-row';
import { delimiterLabel } from './parse-delimited';
import { formatLineReference, lineOccurrenceKey, type SalesLineIdentity } from './sales-line-reference';
import { planOrderBatches, DEFAULT_SALES_BATCH_LINES } from './sales-order-grouping';
import { orderKeyOf } from './order-key';
import { applyLayout } from './row-layout';
import { buildSkipRules, hasFallbackMapped, type SkipRuleCheck } from './skip-rules';
import { toCsv, type CsvCell } from '@/lib/csv/write-csv';

export const DEFAULT_BATCH_SIZE = 500;

const FLAG_SKIPPED = 1;

/** Where the records came from, for the file summary. */
export interface ImportSource {
  readonly fileName: string;
  readonly format: 'delimited' | 'xlsx';
  readonly encoding: TextEncodingName | null;
  readonly encodingSource?: ParsedFileSummary['encodingSource'];
  readonly delimiter: Delimiter | null;
  readonly delimiterUncertain: boolean;
  readonly delimiterReason?: string;
  readonly sheetNames: readonly string[];
  readonly sheet: string | null;
  /** Row numbers of blank rows between records (blank rows are not stored). */
  readonly blankRowNumbers: readonly number[];
  readonly blankRowCount?: number;
  readonly notes: readonly string[];
}

export interface ImportTableInit {
  readonly dataset: DatasetDef | DatasetId;
  readonly store: RecordStore;
  readonly source: ImportSource;
  readonly options?: ImportOptions;
  /** Start from this mapping instead of auto-mapping (e.g. the user's previous choice). */
  readonly mapping?: ColumnMapping;
  /** Called with a 0–1 fraction during the first validation pass. */
  readonly onProgress?: (fraction: number) => void;
}

export interface GetRowsRequest {
  readonly offset: number;
  readonly limit: number;
  readonly filter?: RowFilter;
}

interface Plan {
  readonly batches: readonly Uint32Array[];
  readonly occurrences: Uint32Array | null;
  readonly info: PushPlan;
}

type KeyEntry = number | number[];

function identityPart(out: RowCheck, i: number): CellValue {
  if (i < 0) return null;
  const v = out.values[i]!;
  if (v !== null) return v;
  const raw = out.raws[i]!.trim();
  return raw === '' ? null : raw;
}

function textPart(v: CellValue): string | null {
  return v === null ? null : String(v);
}

function numberPart(v: CellValue): number | string | null {
  return v === null ? null : typeof v === 'number' ? v : String(v);
}

/** Options that only change how rows are read and checked (no re-read of the file). */
export const REVALIDATE_OPTION_KEYS = [
  'numberFormat',
  'dateOrders',
  'dateSerials',
  'nullAsBlank',
  'stripTrailingZeroDecimal',
  'layout',
  'negatives',
  'returns',
  'duplicates',
  'skipContinuationRows',
  'skipRules',
] as const satisfies readonly (keyof ImportOptions)[];
export type RevalidateOptions = Pick<ImportOptions, (typeof REVALIDATE_OPTION_KEYS)[number]>;

/** Options merged key by key (column index → choice) rather than replaced. */
const MERGED_OPTION_KEYS = new Set<string>(['dateOrders', 'dateSerials', 'stripTrailingZeroDecimal']);

export class ImportTable {
  /** The fields rows are checked against: the registry's, as the file's layout shapes them. */
  dataset: DatasetDef;
  private readonly base: DatasetDef;
  private readonly store: RecordStore;
  private readonly source: ImportSource;
  private options: ImportOptions;
  private readonly headerRecord: number;
  private readonly firstData: number;
  readonly rowCount: number;
  private readonly columnCount: number;
  private readonly columns: SourceColumn[];
  private readonly notes: string[] = [];
  private mapping: ColumnMapping;
  private mappingNotes: readonly string[] = [];
  private readings!: DecisionsResult;
  private validator!: RowValidator;
  private readonly status: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly edits = new Map<number, Record<string, string>>();
  private keyIndex = new Map<string, KeyEntry>();
  private errorsByField!: Int32Array;
  private warningsByField!: Int32Array;
  private counts = { valid: 0, warnings: 0, errors: 0, skipped: 0, excluded: 0, negative: 0 };
  /** Per row: 1 + the index of the rule that skips it, or 0. */
  private readonly ruleOf: Uint8Array;
  private rules: SkipRuleCheck[] = [];
  /** 1 + the index in `rules` of the "keep one of each duplicate" rule, or 0. */
  private duplicateRule = 0;
  private ruleCounts: number[] = [];
  private layout: LayoutDecision | null = null;
  private orderKeyPositions: number[] = [];
  private plan: Plan | null = null;
  private readonly buf: string[] = [];
  private check!: RowCheck;
  private progress: ((fraction: number) => void) | undefined;

  constructor(init: ImportTableInit) {
    this.base = typeof init.dataset === 'string' ? getDataset(init.dataset) : init.dataset;
    this.dataset = this.base;
    this.store = init.store;
    this.source = init.source;
    this.options = init.options ?? {};
    for (const n of init.source.notes) this.notes.push(n);

    this.headerRecord = this.locateHeader();
    this.firstData = Math.min(this.store.length, this.headerRecord + 1);
    this.rowCount = Math.max(0, this.store.length - this.firstData);
    this.columnCount = this.decideColumnCount();
    this.columns = buildSourceColumns(
      this.store.length > 0 ? this.store.fields(this.headerRecord) : [],
      this.columnCount,
      (c) => this.samplesOf(c),
    );
    this.status = new Uint8Array(this.rowCount);
    this.flags = new Uint8Array(this.rowCount);
    this.ruleOf = new Uint8Array(this.rowCount);

    if (init.mapping) {
      this.mapping = { ...init.mapping };
      this.mappingNotes = [];
    } else {
      const auto = autoMapColumns(this.base, this.columns);
      this.mapping = auto.mapping;
      this.mappingNotes = auto.notes;
    }
    this.progress = init.onProgress;
    this.rebuild();
    this.progress = undefined;
  }

  /** Convenience for tests and the sandbox: records (header first) straight from arrays. */
  static fromRecords(
    records: readonly (readonly string[])[],
    dataset: DatasetDef | DatasetId,
    extra: { readonly options?: ImportOptions; readonly fileName?: string; readonly rowNumbers?: readonly number[] } = {},
  ): ImportTable {
    const store = new RecordStore();
    records.forEach((r, i) => store.append(r, extra.rowNumbers?.[i] ?? i + 1));
    return new ImportTable({
      dataset,
      store,
      source: {
        fileName: extra.fileName ?? 'records',
        format: 'delimited',
        encoding: null,
        delimiter: ',',
        delimiterUncertain: false,
        sheetNames: [],
        sheet: null,
        blankRowNumbers: [],
        notes: [],
      },
      ...(extra.options ? { options: extra.options } : {}),
    });
  }

  // ---------------------------------------------------------------- setup

  private locateHeader(): number {
    const want = this.options.headerRowNumber;
    if (want !== undefined) {
      for (let i = 0; i < this.store.length; i++) {
        if (this.store.rowNumber(i) >= want) {
          if (this.store.rowNumber(i) !== want) this.notes.push(`Row ${want} is blank; row ${this.store.rowNumber(i)} is used as the header.`);
          return i;
        }
      }
      return 0;
    }
    const sample: string[][] = [];
    for (let i = 0; i < Math.min(this.store.length, 100); i++) sample.push(this.store.fields(i));
    const found = findHeaderRow(this.dataset, sample);
    if (found.index > 0) {
      this.notes.push(`The header is row ${this.store.rowNumber(found.index)}; ${found.index} row${found.index === 1 ? '' : 's'} above it (titles) ${found.index === 1 ? 'is' : 'are'} not imported.`);
    }
    return found.index;
  }

  /**
   * Normally the header's width. When nearly every data row has the same extra, empty trailing
   * fields (a trailing delimiter on every line), those rows are not ragged: the header just
   * lacks names for the extra columns.
   */
  private decideColumnCount(): number {
    if (this.store.length === 0) return 0;
    const headerCount = this.store.fieldCount(this.headerRecord);
    if (this.source.format === 'xlsx' || this.rowCount === 0) return this.maxFieldCount(headerCount);
    const freq = new Map<number, number>();
    for (let i = this.firstData; i < this.store.length; i++) {
      const fc = this.store.fieldCount(i);
      freq.set(fc, (freq.get(fc) ?? 0) + 1);
    }
    let mode = headerCount;
    let modeCount = 0;
    for (const [fc, n] of freq) if (n > modeCount) [mode, modeCount] = [fc, n];
    if (mode <= headerCount || modeCount < this.rowCount * 0.9 || this.rowCount < 3) return headerCount;
    for (let i = this.firstData; i < this.store.length; i++) {
      if (this.store.fieldCount(i) !== mode) continue;
      for (let c = headerCount; c < mode; c++) if (this.store.field(i, c).trim() !== '') return headerCount;
    }
    this.notes.push(`Data rows end with ${mode - headerCount} empty field${mode - headerCount === 1 ? '' : 's'} that the header does not name; they are treated as empty columns.`);
    return mode;
  }

  private maxFieldCount(at: number): number {
    let max = at;
    for (let i = this.firstData; i < this.store.length; i++) max = Math.max(max, this.store.fieldCount(i));
    return max;
  }

  private samplesOf(column: number): string[] {
    const out: string[] = [];
    const end = Math.min(this.store.length, this.firstData + 500);
    for (let i = this.firstData; i < end && out.length < 5; i++) {
      const v = this.store.field(i, column).trim();
      if (v !== '' && !out.includes(v)) out.push(v.length > 80 ? v.slice(0, 80) + '…' : v);
    }
    return out;
  }

  private normaliseMapping(mapping: ColumnMapping): ColumnMapping {
    const out: ColumnMapping = {};
    for (const f of mappableFields(this.dataset)) {
      const c = mapping[f.key];
      out[f.key] = typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < this.columnCount ? c : null;
    }
    return out;
  }

  /**
   * Layout, decisions, validator, skip rules and a full validation pass under the current
   * mapping and options.
   */
  private rebuild(): void {
    const laid = applyLayout({
      base: this.base,
      columns: this.columns,
      mapping: this.mapping,
      ...(this.options.layout ? { chosen: this.options.layout } : {}),
      previous: this.layout?.layout ?? null,
      repeatedCodes: () => this.repeatedCodes(),
    });
    this.layout = laid?.decision ?? null;
    this.dataset = laid?.dataset ?? this.base;
    this.mapping = this.normaliseMapping(laid?.mapping ?? this.mapping);
    if (laid && laid.notes.length > 0) this.mappingNotes = [...this.mappingNotes.filter((n) => !laid.notes.includes(n)), ...laid.notes];
    const rows = {
      rowCount: this.rowCount,
      read: (r: number, out: string[]) => this.store.read(this.firstData + r, out),
    };
    this.readings = decideReadings({ dataset: this.dataset, mapping: this.mapping, columns: this.columns, rows, options: this.options });
    this.validator = new RowValidator({
      dataset: this.dataset,
      mapping: this.mapping,
      columns: this.columns,
      expectedFieldCount: this.source.format === 'xlsx' ? null : this.columnCount,
      delimiterWord: this.source.delimiter ? delimiterLabel(this.source.delimiter) : 'comma',
      contextFor: (c) => this.readings.contextFor(c),
      ...(this.options.negatives ? { negatives: this.options.negatives } : {}),
    });
    this.rules = buildSkipRules({
      dataset: this.dataset,
      mapping: this.mapping,
      columns: this.columns,
      options: this.options,
      validator: this.validator,
      nullAsBlank: this.readings.decisions.nullAsBlank,
      rawAt: (r, c) => this.store.field(this.firstData + r, c),
    });
    this.duplicateRule = 0;
    const keep = this.duplicateChoice();
    if (keep !== 'fix') {
      this.rules.push({
        reason: `duplicates of another row's ${this.uniqueKeyLabels().join(' + ')} (keeping the ${keep === 'first' ? 'first' : 'last'})`,
        kind: 'duplicate',
        test: () => false,
      });
      this.duplicateRule = this.rules.length;
    }
    const at = (key: string) => this.dataset.fields.findIndex((f) => f.key === key);
    this.orderKeyPositions = (this.dataset.orderKey?.fields ?? []).map(at);
    this.check = this.validator.newCheck();
    this.validateAll();
  }

  /** Rows whose record code (the order key's first field, or its fallback) repeats an earlier row's. */
  private repeatedCodes(): number {
    const key = this.base.orderKey?.fields[0];
    if (!key) return 0;
    const column = this.mapping[key];
    const fallback = this.mapping[fallbackKey(key)];
    const seen = new Set<string>();
    let repeats = 0;
    for (let r = 0; r < this.rowCount; r++) {
      const rec = this.firstData + r;
      let code = typeof column === 'number' ? this.store.field(rec, column).trim() : '';
      if (code === '' && typeof fallback === 'number') code = this.store.field(rec, fallback).trim();
      if (code === '') continue;
      if (seen.has(code)) repeats++;
      else seen.add(code);
    }
    return repeats;
  }

  private duplicateChoice(): 'fix' | 'first' | 'last' {
    return this.dataset.uniqueKey ? (this.options.duplicates ?? 'fix') : 'fix';
  }

  private uniqueKeyLabels(): string[] {
    return (this.dataset.uniqueKey ?? []).map((k) => this.dataset.fields.find((f) => f.key === k)?.label ?? k);
  }

  private validateAll(): void {
    const nf = this.dataset.fields.length + 1;
    this.errorsByField = new Int32Array(nf);
    this.warningsByField = new Int32Array(nf);
    this.counts = { valid: 0, warnings: 0, errors: 0, skipped: 0, excluded: 0, negative: 0 };
    this.ruleCounts = this.rules.map(() => 0);
    this.keyIndex = new Map();
    this.plan = null;
    const out = this.check;
    // Keeping the last of each duplicate needs every row's key before the first row is judged.
    const prepass = this.duplicateRule !== 0 && this.duplicateChoice() === 'last';
    if (prepass) {
      for (let r = 0; r < this.rowCount; r++) {
        if (this.flags[r]! & FLAG_SKIPPED) continue;
        const key = this.keyOf(r, this.edits.get(r));
        if (key !== null) this.indexAdd(key, r);
      }
    }
    for (let r = 0; r < this.rowCount; r++) {
      if (this.flags[r]! & FLAG_SKIPPED) {
        this.counts.skipped++;
        continue;
      }
      this.evaluate(r, out, !prepass);
      this.admit(r, out);
      if (this.progress && (r & 0xffff) === 0xffff) this.progress(r / this.rowCount);
    }
    this.progress?.(1);
  }

  /** Records a checked (not hand-skipped) row's status and adds its contribution to the counts. */
  private admit(r: number, out: RowCheck): void {
    this.status[r] = out.status;
    this.ruleOf[r] = out.rule;
    this.contribute(out, 1);
  }

  /** A row skipped by a rule counts under that rule; any other row under its status. */
  private contribute(out: RowCheck, sign: 1 | -1): void {
    if (out.rule !== 0) {
      this.counts.excluded += sign;
      this.ruleCounts[out.rule - 1]! += sign;
    } else {
      this.account(out, sign);
    }
    if (out.negative && (out.rule === 0 || this.rules[out.rule - 1]!.kind === 'negative')) this.counts.negative += sign;
  }

  private isOut(r: number): boolean {
    return (this.flags[r]! & FLAG_SKIPPED) !== 0 || this.ruleOf[r] !== 0;
  }

  /**
   * Checks row r into `out`. With `indexing`, the row's key is added to the key index as it is
   * met (file order, so the first occurrence is always indexed first).
   */
  private evaluate(r: number, out: RowCheck, indexing = false): RowCheck {
    const rec = this.firstData + r;
    const n = this.store.read(rec, this.buf);
    this.validator.check(this.buf, n, this.edits.get(r), this.store.parseError(rec), out);
    this.applyRules(r, out);
    if (out.rule === 0 && out.key !== null) {
      if (indexing) this.indexAdd(out.key, r);
      const kept = this.keptOf(out.key);
      if (kept !== undefined && kept !== r) {
        if (this.duplicateRule !== 0) out.rule = this.duplicateRule;
        else this.validator.markDuplicate(out, this.store.rowNumber(this.firstData + kept));
      }
    }
    return out;
  }

  /** The row a duplicate key is kept on: the first, or the last when the user keeps the last. */
  private keptOf(key: string): number | undefined {
    if (this.duplicateRule !== 0 && this.duplicateChoice() === 'last') {
      const e = this.keyIndex.get(key);
      return e === undefined ? undefined : typeof e === 'number' ? e : e[e.length - 1];
    }
    return this.firstOf(key);
  }

  private applyRules(r: number, out: RowCheck): void {
    for (let k = 0; k < this.rules.length; k++) {
      if (this.rules[k]!.test(r, out)) {
        out.rule = k + 1;
        return;
      }
    }
  }

  private account(out: RowCheck, sign: 1 | -1): void {
    if (out.status === STATUS_ERROR) this.counts.errors += sign;
    else {
      this.counts.valid += sign;
      if (out.status === STATUS_WARNING) this.counts.warnings += sign;
    }
    const last = this.dataset.fields.length;
    if (out.rowSeverity === 'error') this.errorsByField[last]! += sign;
    else if (out.rowSeverity === 'warning') this.warningsByField[last]! += sign;
    for (let i = 0; i < last; i++) {
      const s = out.severities[i];
      if (s === 'error') this.errorsByField[i]! += sign;
      else if (s === 'warning') this.warningsByField[i]! += sign;
    }
  }

  // ---------------------------------------------------------------- unique key index

  private firstOf(key: string): number | undefined {
    const e = this.keyIndex.get(key);
    return e === undefined ? undefined : typeof e === 'number' ? e : e[0];
  }

  private rowsOf(key: string | null): number[] {
    if (key === null) return [];
    const e = this.keyIndex.get(key);
    return e === undefined ? [] : typeof e === 'number' ? [e] : [...e];
  }

  private indexAdd(key: string, r: number): void {
    const e = this.keyIndex.get(key);
    if (e === undefined) this.keyIndex.set(key, r);
    else if (typeof e === 'number') {
      if (e !== r) this.keyIndex.set(key, e < r ? [e, r] : [r, e]);
    } else if (!e.includes(r)) {
      let i = e.length;
      while (i > 0 && e[i - 1]! > r) i--;
      e.splice(i, 0, r);
    }
  }

  private indexRemove(key: string, r: number): void {
    const e = this.keyIndex.get(key);
    if (e === undefined) return;
    if (typeof e === 'number') {
      if (e === r) this.keyIndex.delete(key);
      return;
    }
    const i = e.indexOf(r);
    if (i >= 0) e.splice(i, 1);
    if (e.length === 1) this.keyIndex.set(key, e[0]!);
  }

  /**
   * Re-checks a set of rows around a change: subtract their old contribution, apply the
   * change, add the new one. `change` may edit, skip or unskip rows.
   */
  private recheck(affected: Iterable<number>, change: () => void): void {
    const rows = [...new Set(affected)].sort((a, b) => a - b);
    const old = this.validator.newCheck();
    for (const r of rows) {
      if (this.flags[r]! & FLAG_SKIPPED) continue;
      this.contribute(this.evaluate(r, old), -1);
    }
    change();
    for (const r of rows) {
      if (this.flags[r]! & FLAG_SKIPPED) continue;
      this.admit(r, this.evaluate(r, old));
    }
    this.plan = null;
  }

  /** The row's unique key under these edits; null when it has none or a rule skips the row. */
  private keyOf(r: number, edits: RowEdits | undefined): string | null {
    if (!this.dataset.uniqueKey) return null;
    const rec = this.firstData + r;
    const n = this.store.read(rec, this.buf);
    const tmp = this.validator.newCheck();
    this.validator.check(this.buf, n, edits, this.store.parseError(rec), tmp);
    this.applyRules(r, tmp);
    return tmp.rule === 0 ? tmp.key : null;
  }

  // ---------------------------------------------------------------- public API

  summary(): ParsedFileSummary {
    const blank = this.source.blankRowNumbers;
    const headerRowNumber = this.store.length > 0 ? this.store.rowNumber(this.headerRecord) : 1;
    let blankInData = 0;
    for (const b of blank) if (b > headerRowNumber) blankInData++;
    const total = this.source.blankRowCount ?? blank.length;
    if (total > blank.length) blankInData += total - blank.length;
    return {
      fileName: this.source.fileName,
      format: this.source.format,
      encoding: this.source.encoding,
      encodingSource: this.source.encodingSource ?? null,
      delimiter: this.source.delimiter,
      delimiterUncertain: this.source.delimiterUncertain,
      ...(this.source.delimiterReason ? { delimiterReason: this.source.delimiterReason } : {}),
      sheetNames: this.source.sheetNames,
      sheet: this.source.sheet,
      headerRowNumber,
      columns: this.columns,
      rowCount: this.rowCount,
      blankRowsSkipped: blankInData,
      rowsAboveHeader: this.headerRecord,
      notes: [...this.notes, ...this.apostropheNote()],
      decisions: this.decisions(),
    };
  }

  private apostropheNote(): string[] {
    const n = this.readings.decisions.formulaApostrophes ?? 0;
    if (n === 0) return [];
    return [
      `${n === 1 ? '1 text cell starts' : `${n} text cells start`} with an apostrophe before = + - @ (the mark a spreadsheet export puts there so the text is not run as a formula); the apostrophe is removed.`,
    ];
  }

  getMapping(): ColumnMapping {
    return { ...this.mapping };
  }

  mappingInfo(): MappingInfo {
    return { unmapped: unmappedColumns(this.mapping, this.columns), notes: this.mappingNotes };
  }

  /** The reading decisions, plus those the dataset's declarations ask of this file. */
  decisions(): ImportDecisions {
    const out: { -readonly [K in keyof ImportDecisions]: ImportDecisions[K] } = { ...this.readings.decisions };
    if (this.layout) out.layout = this.layout;
    const negativeLabels = this.dataset.fields.filter((f, i) => f.negativeChoice && this.validator.isMapped(i)).map((f) => f.label);
    if (this.dataset.uniqueKey && this.dataset.uniqueKey.some((k) => this.mapping[k] !== null && this.mapping[k] !== undefined)) {
      out.duplicates = {
        keyLabels: this.uniqueKeyLabels(),
        choice: this.duplicateChoice(),
        source: this.options.duplicates ? 'user' : 'default',
        rows: this.countDuplicateRows(),
      };
    }
    if (negativeLabels.length > 0) {
      out.negatives = { fieldLabels: negativeLabels, choice: this.options.negatives ?? 'send', source: this.options.negatives ? 'user' : 'default' };
    }
    const fallback = hasFallbackMapped(this.dataset, this.mapping);
    const declared = this.dataset.continuationRows;
    if (declared && fallback) {
      const label = this.columns.find((c) => c.index === fallback.column)?.label ?? columnLetter(fallback.column);
      out.continuation = { skip: this.options.skipContinuationRows !== false, reason: declared.reason, fallbackLabel: label };
    }
    return out;
  }

  /** Rows beyond the first of each key (what "fix" makes errors and keep first/last skips). */
  private countDuplicateRows(): number {
    let n = 0;
    for (const e of this.keyIndex.values()) if (typeof e !== 'number') n += e.length - 1;
    return n;
  }

  validation(): ValidationSummary {
    const errorsByField: Record<string, number> = {};
    const warningsByField: Record<string, number> = {};
    const fields = this.dataset.fields;
    for (let i = 0; i <= fields.length; i++) {
      const key = i === fields.length ? '' : fields[i]!.key;
      if (this.errorsByField[i]! > 0) errorsByField[key] = this.errorsByField[i]!;
      if (this.warningsByField[i]! > 0) warningsByField[key] = this.warningsByField[i]!;
    }
    const fileProblems: string[] = [];
    for (const f of fields) {
      if (f.required && this.mapping[f.key] === null && this.rowCount > 0) {
        fileProblems.push(`${f.label} is required but no column is mapped to it, so no row can be sent. Map a column to ${f.label}.`);
      }
    }
    for (const p of decisionProblems(this.readings.decisions)) fileProblems.push(p);
    return {
      total: this.rowCount,
      valid: this.counts.valid,
      withWarnings: this.counts.warnings,
      withErrors: this.counts.errors,
      skipped: this.counts.skipped + this.counts.excluded,
      skippedByYou: this.counts.skipped,
      edited: this.edits.size,
      skipReasons: this.rules.map((rule, k) => ({
        reason: rule.reason,
        count: this.ruleCounts[k] ?? 0,
        kind: rule.kind,
        ...(rule.skipRule !== undefined ? { skipRule: rule.skipRule } : {}),
      })),
      negativeRows: this.counts.negative,
      fileProblems,
      errorsByField,
      warningsByField,
    };
  }

  /** Replaces the mapping (field key → column index or null) and revalidates every row. */
  setMapping(mapping: ColumnMapping): ValidationSummary {
    this.mapping = this.normaliseMapping(mapping);
    const used = new Map<number, string[]>();
    for (const f of this.dataset.fields) {
      const c = this.mapping[f.key];
      if (c !== null && c !== undefined) used.set(c, [...(used.get(c) ?? []), f.label]);
    }
    const notes: string[] = [];
    for (const [c, labels] of used) {
      if (labels.length > 1) notes.push(`Column "${this.columns[c]?.label ?? columnLetter(c)}" feeds ${labels.join(' and ')}.`);
    }
    this.mappingNotes = notes;
    this.rebuild();
    return this.validation();
  }

  /**
   * Changes how rows are read and checked (number format, date orders, NULL handling, ".0"
   * codes, layout, negative values, skip rules) and revalidates.
   */
  setReadingOptions(options: RevalidateOptions): ValidationSummary {
    const next: Record<string, unknown> = { ...this.options };
    for (const k of REVALIDATE_OPTION_KEYS) {
      if (k in options) {
        if (options[k] === undefined) delete next[k];
        else next[k] = MERGED_OPTION_KEYS.has(k) ? { ...((this.options[k] as object | undefined) ?? {}), ...(options[k] as object) } : options[k];
      }
    }
    this.options = next as ImportOptions;
    this.rebuild();
    return this.validation();
  }

  getOptions(): ImportOptions {
    return this.options;
  }

  getRows(request: GetRowsRequest): { rows: PreviewRow[]; total: number } {
    const filter = request.filter ?? 'all';
    const offset = Math.max(0, Math.floor(request.offset));
    const limit = Math.max(0, Math.min(10_000, Math.floor(request.limit)));
    const rows: PreviewRow[] = [];
    if (filter === 'all') {
      for (let r = offset; r < Math.min(this.rowCount, offset + limit); r++) rows.push(this.previewRow(r));
      return { rows, total: this.rowCount };
    }
    let matched = 0;
    for (let r = 0; r < this.rowCount; r++) {
      if (!this.matches(r, filter)) continue;
      if (matched >= offset && rows.length < limit) rows.push(this.previewRow(r));
      matched++;
    }
    return { rows, total: matched };
  }

  private matches(r: number, filter: RowFilter): boolean {
    const skipped = this.isOut(r);
    switch (filter) {
      case 'all':
        return true;
      case 'skipped':
        return skipped;
      case 'errors':
        return !skipped && this.status[r] === STATUS_ERROR;
      case 'warnings':
        return !skipped && this.status[r] === STATUS_WARNING;
      case 'rejected':
        // Filled in by the push-outcome marks.
        return false;
    }
  }

  /** Row r as the grid shows it: raw text, the value that will be sent, and every problem. */
  previewRow(r: number): PreviewRow {
    if (r < 0 || r >= this.rowCount) throw new RangeError(`There is no data row ${r}.`);
    const out = this.evaluate(r, this.validator.newCheck());
    const rowNumber = this.store.rowNumber(this.firstData + r);
    const cells: Record<string, PreviewCell> = {};
    const fields = this.dataset.fields;
    for (let i = 0; i < fields.length; i++) {
      if (!this.validator.isMapped(i) && !out.edited[i]) continue;
      const cell: PreviewCell = { raw: out.raws[i]!, value: out.values[i]!, edited: out.edited[i]! };
      cells[fields[i]!.key] = out.fromFallback[i] ? { ...cell, fromFallback: this.validator.sourceLabelOf(out, i) } : cell;
    }
    const byYou = (this.flags[r]! & FLAG_SKIPPED) !== 0;
    const rule = byYou ? undefined : this.rules[out.rule - 1];
    const kept = rule && out.rule === this.duplicateRule && out.key !== null ? this.keptOf(out.key) : undefined;
    const skipReason =
      kept !== undefined
        ? `duplicate of row ${this.store.rowNumber(this.firstData + kept)} (keeping the ${this.duplicateChoice() === 'last' ? 'last' : 'first'})`
        : rule?.reason;
    return {
      rowIndex: r,
      rowNumber,
      cells,
      problems: this.validator.problems(out, rowNumber),
      status: out.status === STATUS_ERROR ? 'error' : out.status === STATUS_WARNING ? 'warning' : 'valid',
      skipped: byYou || rule !== undefined,
      skippedByYou: byYou,
      ...(skipReason !== undefined ? { skipReason } : {}),
      source: this.store.fields(this.firstData + r),
    };
  }

  /**
   * The user typed `raw` into a field of row `rowIndex`. The edit replaces the text read from
   * the file (typing the original text back removes the edit). The row is revalidated, and so
   * are the rows whose duplicate status the change can affect.
   */
  setCell(rowIndex: number, fieldKey: string, raw: string): { row: PreviewRow; summary: ValidationSummary } {
    if (rowIndex < 0 || rowIndex >= this.rowCount) throw new RangeError(`There is no data row ${rowIndex}.`);
    const fieldIndex = this.dataset.fields.findIndex((f) => f.key === fieldKey);
    if (fieldIndex < 0) throw new Error(`${this.dataset.label} has no field "${fieldKey}".`);
    const current = this.edits.get(rowIndex);
    const next: Record<string, string> = { ...(current ?? {}) };
    const column = this.validator.columnOf(fieldIndex);
    const rec = this.firstData + rowIndex;
    const original = column === null ? '' : this.store.field(rec, column);
    // Typing the file's text back removes the edit, except on a ragged row, where keeping it
    // is how the user confirms a value that may have shifted.
    const ragged = this.source.format !== 'xlsx' && this.store.fieldCount(rec) !== this.columnCount;
    if (raw === original && column !== null && !ragged) delete next[fieldKey];
    else next[fieldKey] = raw;
    const nextEdits = Object.keys(next).length > 0 ? next : undefined;

    const oldKey = this.keyOf(rowIndex, current);
    const newKey = this.keyOf(rowIndex, nextEdits);
    const skipped = (this.flags[rowIndex]! & FLAG_SKIPPED) !== 0;
    this.recheck([rowIndex, ...this.rowsOf(oldKey), ...this.rowsOf(newKey)], () => {
      if (nextEdits) this.edits.set(rowIndex, nextEdits);
      else this.edits.delete(rowIndex);
      if (!skipped && oldKey !== newKey) {
        if (oldKey !== null) this.indexRemove(oldKey, rowIndex);
        if (newKey !== null) this.indexAdd(newKey, rowIndex);
      }
    });
    return { row: this.previewRow(rowIndex), summary: this.validation() };
  }

  /** Marks rows as skipped (not sent, not counted as errors) or brings them back. */
  setSkipped(rowIndices: readonly number[], skipped: boolean): ValidationSummary {
    const targets = rowIndices.filter((r) => r >= 0 && r < this.rowCount && ((this.flags[r]! & FLAG_SKIPPED) !== 0) !== skipped);
    if (targets.length === 0) return this.validation();
    const keys = targets.map((r) => this.keyOf(r, this.edits.get(r)));
    const affected = new Set<number>(targets);
    for (const k of keys) for (const r of this.rowsOf(k)) affected.add(r);
    if (skipped) {
      this.recheck(affected, () => {
        targets.forEach((r, i) => {
          this.flags[r]! |= FLAG_SKIPPED;
          this.counts.skipped++;
          const k = keys[i];
          if (k !== null && k !== undefined) this.indexRemove(k, r);
        });
      });
    } else {
      // Unskipped rows have no contribution to subtract; add them to the set afterwards.
      const others = [...affected].filter((r) => !targets.includes(r));
      this.recheck(others, () => {
        targets.forEach((r, i) => {
          this.flags[r]! &= ~FLAG_SKIPPED;
          this.counts.skipped--;
          const k = keys[i];
          if (k !== null && k !== undefined) this.indexAdd(k, r);
        });
      });
      const out = this.validator.newCheck();
      for (const r of targets) this.admit(r, this.evaluate(r, out));
      // A returning row can make a later row a duplicate; that row was in `others`, which was
      // re-checked after the index change.
    }
    return this.validation();
  }

  /** Plans the push: which rows go, in batches of about `batchSize`, never splitting one record (an order). */
  planPush(batchSize: number = this.dataset.id === 'sales-orders' ? DEFAULT_SALES_BATCH_LINES : DEFAULT_BATCH_SIZE): PushPlan {
    const size = Math.max(1, Math.floor(batchSize));
    const sendable: number[] = [];
    for (let r = 0; r < this.rowCount; r++) {
      if (!this.isOut(r) && this.status[r] !== STATUS_ERROR) sendable.push(r);
    }
    let batches: Uint32Array[] = [];
    let occurrences: Uint32Array | null = null;
    let orderCount: number | undefined;
    const orderKey = this.dataset.orderKey;
    if (orderKey) {
      // Sales lines get references numbered over every row (so fixing or skipping a line
      // never renumbers the others); every dataset with an order key gets each sent row's key.
      const sales = this.dataset.id === 'sales-orders';
      occurrences = sales ? new Uint32Array(this.rowCount) : null;
      const counts = new Map<string, number>();
      const keys: string[] = [];
      const out = this.validator.newCheck();
      for (let next = 0, r = 0; r < this.rowCount; r++) {
        const send = sendable[next] === r;
        if (!send && !occurrences) continue;
        this.evaluate(r, out);
        if (occurrences) {
          const id = this.lineIdentity(out);
          if (id !== null) {
            const key = lineOccurrenceKey(id);
            const k = (counts.get(key) ?? 0) + 1;
            counts.set(key, k);
            occurrences[r] = k;
          }
        }
        if (send) {
          keys.push(this.orderKeyOf(out));
          next++;
        }
      }
      orderCount = new Set(keys).size;
      batches = planOrderBatches(keys, size).map((b) => Uint32Array.from(b, (i) => sendable[i]!));
    } else {
      for (let i = 0; i < sendable.length; i += size) batches.push(Uint32Array.from(sendable.slice(i, i + size)));
    }
    const info: PushPlan = {
      dataset: this.dataset.id,
      batchCount: batches.length,
      rowsToSend: sendable.length,
      rowsWithErrors: this.counts.errors,
      rowsSkipped: this.counts.skipped + this.counts.excluded,
      batchSize: size,
      ...(orderCount !== undefined && orderKey ? { orderCount, orderNoun: orderCount === 1 ? orderKey.noun : orderKey.nounPlural } : {}),
    };
    this.plan = { batches, occurrences, info };
    return info;
  }

  /** The record (order, product) a checked row belongs to, as the registry's order key says. */
  private orderKeyOf(out: RowCheck): string {
    const def = this.dataset.orderKey!;
    const values: Record<string, CellValue> = {};
    def.fields.forEach((key, k) => {
      const p = this.orderKeyPositions[k]!;
      values[key] = p < 0 ? null : out.values[p]!;
    });
    return orderKeyOf(def, values);
  }

  private positions: Record<'orderNumber' | 'productId' | 'orderDate' | 'quantity' | 'unitPrice' | 'customerCode' | 'locationCode', number> | null = null;

  /** Field positions the sales references read, found once. */
  private salesPositions() {
    if (!this.positions) {
      const at = (key: string) => this.dataset.fields.findIndex((f) => f.key === key);
      this.positions = {
        orderNumber: at('orderNumber'),
        productId: at('productId'),
        orderDate: at('orderDate'),
        quantity: at('quantity'),
        unitPrice: at('unitPrice'),
        customerCode: at('customerCode'),
        locationCode: at('locationCode'),
      };
    }
    return this.positions;
  }

  /** Identity of a checked sales line; invalid values fall back to their trimmed raw text. */
  private lineIdentity(out: RowCheck): SalesLineIdentity | null {
    const p = this.salesPositions();
    const productId = identityPart(out, p.productId);
    if (productId === null) return null;
    return {
      orderNumber: textPart(identityPart(out, p.orderNumber)),
      productId: String(productId),
      orderDate: textPart(identityPart(out, p.orderDate)),
      quantity: numberPart(identityPart(out, p.quantity)),
      unitPrice: numberPart(identityPart(out, p.unitPrice)),
      customerCode: textPart(identityPart(out, p.customerCode)),
      locationCode: textPart(identityPart(out, p.locationCode)),
    };
  }

  /** Rows of batch i as the push route takes them; only rows without errors, never skipped ones. */
  getPushBatch(index: number): PushRow[] {
    const plan = this.plan;
    if (!plan) throw new Error('The push plan is out of date (rows or mapping changed); plan the push again.');
    const batch = plan.batches[index];
    if (!batch) throw new RangeError(`There is no batch ${index}; the plan has ${plan.batches.length}.`);
    const out = this.validator.newCheck();
    const rows: PushRow[] = [];
    for (const r of batch) {
      this.evaluate(r, out);
      if (out.status === STATUS_ERROR) continue;
      const values: Record<string, CellValue> = this.validator.valuesOf(out);
      if (plan.occurrences) {
        const id = this.lineIdentity(out);
        if (id === null) continue;
        values.externalReferenceId = formatLineReference(id, plan.occurrences[r]!);
      }
      rows.push({ rowNumber: this.store.rowNumber(this.firstData + r), values });
    }
    return rows;
  }

  /** Data-row index of a spreadsheet row number, or -1. */
  rowIndexOf(rowNumber: number): number {
    let lo = 0;
    let hi = this.rowCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const n = this.store.rowNumber(this.firstData + mid);
      if (n === rowNumber) return mid;
      if (n < rowNumber) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * The rejected rows as a CSV a person can fix and re-import: the original columns, then the
   * problems. Text that would run as a formula in Excel is neutralised.
   */
  rejectedRowsCsv(): string {
    const header: CsvCell[] = ['Row', ...this.columns.map((c) => c.label), 'Problems'];
    const lines: CsvCell[][] = [header];
    for (let r = 0; r < this.rowCount; r++) {
      if (!this.matches(r, 'errors')) continue;
      const row = this.previewRow(r);
      const src = row.source ?? [];
      const cells: CsvCell[] = [row.rowNumber];
      for (let c = 0; c < this.columns.length; c++) cells.push(src[c] ?? '');
      // Extra fields of a ragged row stay visible after the named columns.
      for (let c = this.columns.length; c < src.length; c++) cells.push(src[c] ?? '');
      cells.push(row.problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' '));
      lines.push(cells);
    }
    return toCsv(lines);
  }
}
