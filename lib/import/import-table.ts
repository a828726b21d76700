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
  BulkEditResult,
  EditHistoryState,
  FillEmptyRequest,
  PushOutcomeMarks,
  ReplaceRequest,
} from './import-types';
import { RecordStore } from './record-store';
import { RowKeyIndex } from './row-key-index';
import { findHeaderRow } from './header-row';
import { autoMapColumns, buildSourceColumns, columnLetter, mappableFields, unmappedColumns } from './header-match';
import { decisionProblems, readingEvidence, sameReadings, type DecisionsResult, type ReadingEvidence } from './import-decisions';
import { RowValidator, STATUS_ERROR, STATUS_VALID, STATUS_WARNING, type RowCheck, type RowEdits } from './validate-row';
import { delimiterLabel } from './parse-delimited';
import { formatLineReference, lineOccurrenceKey } from './sales-line-reference';
import { SalesLineIdentities } from './sales-line-identities';
import { planOrderBatches, DEFAULT_SALES_BATCH_LINES } from './sales-order-grouping';
import { orderKeyOf } from './order-key';
import { applyLayout } from './row-layout';
import { buildSkipRules, hasFallbackMapped, type SkipRuleCheck } from './skip-rules';
import { toCsv, type CsvCell } from '@/lib/csv/write-csv';
import { ReturnsNetting } from './returns-netting';
import { ProductReferenceCheck } from './product-references';
import { buildPreflight, SentDays } from './push-preflight';
import type { KnownProducts, ProductReferences, PushPreflight } from './import-types';
import { endSentence } from '@/lib/text/sentence';
import { CellChanges, EditHistory, SkipChanges, type EditEntry } from './edit-history';
import { planFill, planReplace, type FieldCells, type PlannedEdit } from './bulk-edit';

export const DEFAULT_BATCH_SIZE = 500;

/** Rows whose evidence decides the readings before validation starts (see rebuild). */
const READINGS_HEAD_ROWS = 65_536;

const FLAG_SKIPPED = 1;

/**
 * Edits and skips touching at most this many rows (with the rows sharing their unique keys)
 * are re-checked row by row; larger ones revalidate the whole file in one pass, which is
 * cheaper than re-checking each row twice.
 */
export const INCREMENTAL_RECHECK_LIMIT = 2000;

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

/** The row-level problem for a row StockTrim refused; its answer may already say so. */
function rejectionMessage(rowNumber: number, answer: string): string {
  const text = /^StockTrim rejected this \w+:/i.test(answer) ? answer : `StockTrim rejected this row: ${answer}`;
  return `Row ${rowNumber}: ${endSentence(text)}`;
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
  private readonly keyIndex = new RowKeyIndex();
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
  /** Columns the current validator reads (see checkAll). */
  private readCols: number[] = [];
  /** Reading evidence the next validation pass still has to gather, from row `from` on (see rebuild). */
  private pendingEvidence: { readonly evidence: ReadingEvidence; readonly from: number } | null = null;
  private check!: RowCheck;
  private progress: ((fraction: number) => void) | undefined;
  /** The returns choice, when the dataset has a returns field and it is mapped. */
  private returns: ReturnsNetting | null = null;
  /** The product reference check, when a field naming a product is mapped. */
  private refs: ProductReferenceCheck | null = null;
  private preflightCache: PushPreflight | null = null;
  /** Sales orders: lines to be sent per day of their order date, for the preflight's chart. */
  private sentDays: SentDays | null = null;
  private sentDateIndex = -1;
  /** Undo and redo of the user's edits and skips; a table built anew (a re-read) starts afresh. */
  private readonly history = new EditHistory();
  /** Row index → StockTrim's message, for rows the last push had rejected (until edited). */
  private rejectedMarks = new Map<number, string>();
  /** Rows a stopped push never sent: shown, so the user knows they still have to go. */
  private notSentMarks = new Set<number>();
  /** Counts markPushOutcome calls: undo only restores marks of the push they came from. */
  private marksGeneration = 0;

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
    // Usually most rows have the header's width, and then no other width can be the 90%
    // majority below: one plain count settles it without tallying every width.
    let headerWide = 0;
    for (let i = this.firstData; i < this.store.length; i++) if (this.store.fieldCount(i) === headerCount) headerWide++;
    if (headerWide > this.rowCount * 0.2) return headerCount;
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
    // The decisions are made from the first rows; the rest of their evidence is gathered by
    // the validation pass as it reads each row anyway, and only when the whole file decides
    // otherwise are the rows checked again. Reading every row twice cost a third of the load.
    const evidence = readingEvidence({ dataset: this.dataset, mapping: this.mapping, columns: this.columns, options: this.options });
    const head = Math.min(this.rowCount, READINGS_HEAD_ROWS);
    for (let r = 0; r < head; r++) evidence.add(this.buf, this.store.readColumns(this.firstData + r, this.buf, evidence.columns));
    this.readings = evidence.decide();
    this.pendingEvidence = head < this.rowCount ? { evidence, from: head } : null;
    this.checkAll();
  }

  /** Validator, skip rules and a full validation pass under the current readings. */
  private checkAll(): void {
    this.fileCheck = null;
    this.validator = new RowValidator({
      dataset: this.dataset,
      mapping: this.mapping,
      columns: this.columns,
      expectedFieldCount: this.source.format === 'xlsx' ? null : this.columnCount,
      delimiterWord: this.source.delimiter ? delimiterLabel(this.source.delimiter) : 'comma',
      contextFor: (c) => this.readings.contextFor(c),
      ...(this.options.negatives ? { negatives: this.options.negatives } : {}),
    });
    // The validator reads only its fields' columns (and their fallbacks); slicing the rest of
    // each row on every pass would be wasted work.
    const cols = new Set<number>();
    for (let f = 0; f < this.dataset.fields.length; f++) {
      const c = this.validator.columnOf(f);
      const fb = this.validator.fallbackOf(f);
      if (c !== null) cols.add(c);
      if (fb !== null) cols.add(fb);
    }
    this.readCols = [...cols];
    this.rules = buildSkipRules({
      dataset: this.dataset,
      mapping: this.mapping,
      columns: this.columns,
      options: this.options,
      validator: this.validator,
      nullAsBlank: this.readings.decisions.nullAsBlank,
      rawAt: (r, c) => this.store.field(this.firstData + r, c),
    });
    this.setUpRowHooks();
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
    const pending = this.pendingEvidence;
    if (pending) {
      this.pendingEvidence = null;
      const guessed = this.readings;
      this.readings = pending.evidence.decide();
      if (!sameReadings(guessed, this.readings, this.columnCount)) this.checkAll();
    }
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
    this.sentDateIndex = this.dataset.id === 'sales-orders' ? this.dataset.fields.findIndex((f) => f.key === 'orderDate') : -1;
    this.sentDays = this.sentDateIndex >= 0 ? new SentDays() : null;
    this.keyIndex.clear();
    this.plan = null;
    this.beforeFullPass();
    const out = this.check;
    // Keeping the last of each duplicate needs every row's key before the first row is judged.
    const prepass = this.duplicateRule !== 0 && this.duplicateChoice() === 'last';
    if (prepass) {
      for (let r = 0; r < this.rowCount; r++) {
        if (this.flags[r]! & FLAG_SKIPPED) continue;
        const key = this.keyOf(r, this.editsOf(r));
        if (key !== null) this.keyIndex.add(key, r);
      }
    }
    const pending = this.pendingEvidence;
    for (let r = 0; r < this.rowCount; r++) {
      if (this.flags[r]! & FLAG_SKIPPED) {
        if (pending && r >= pending.from) pending.evidence.add(this.buf, this.store.readColumns(this.firstData + r, this.buf, pending.evidence.columns));
        this.counts.skipped++;
        continue;
      }
      this.evaluate(r, out, !prepass);
      // evaluate has just read the row's mapped columns into this.buf.
      if (pending && r >= pending.from) pending.evidence.add(this.buf, this.store.fieldCount(this.firstData + r));
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
      this.refs?.contribute(out, sign);
      if (this.sentDays && out.status !== STATUS_ERROR) this.sentDays.add(out.values[this.sentDateIndex]!, sign);
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
    const n = this.store.readColumns(rec, this.buf, this.readCols);
    this.validator.check(this.buf, n, this.editsOf(r), this.store.parseError(rec), out);
    this.refs?.apply(out);
    this.returns?.apply(r, out);
    this.applyRules(r, out);
    if (out.rule === 0 && out.key !== null) {
      if (indexing) this.keyIndex.add(out.key, r);
      const kept = this.keptOf(out.key);
      if (kept !== undefined && kept !== r) {
        if (this.duplicateRule !== 0) out.rule = this.duplicateRule;
        else this.validator.markDuplicate(out, this.store.rowNumber(this.firstData + kept));
      }
    }
    return out;
  }

  /** Row r's edits. Most files have none, and a lookup in an empty map per row is not free. */
  private editsOf(r: number): RowEdits | undefined {
    return this.edits.size === 0 ? undefined : this.edits.get(r);
  }

  /** The row a duplicate key is kept on: the first, or the last when the user keeps the last. */
  private keptOf(key: string): number | undefined {
    if (this.duplicateRule !== 0 && this.duplicateChoice() === 'last') {
      return this.keyIndex.last(key);
    }
    return this.keyIndex.first(key);
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
    // Every step that gives a cell or the row a problem also raises the row's status, so a
    // valid row (most of a clean file) has none to count.
    if (out.status === STATUS_VALID) return;
    const last = this.dataset.fields.length;
    if (out.rowSeverity === 'error') this.errorsByField[last]! += sign;
    else if (out.rowSeverity === 'warning') this.warningsByField[last]! += sign;
    for (let i = 0; i < last; i++) {
      const s = out.severities[i];
      if (s === 'error') this.errorsByField[i]! += sign;
      else if (s === 'warning') this.warningsByField[i]! += sign;
    }
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
    const flagsBefore = this.returns?.netting ? this.flags.slice() : null;
    change();
    for (const r of this.afterRowsChange(rows, flagsBefore)) rows.push(r);
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
    const n = this.store.readColumns(rec, this.buf, this.readCols);
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
    const returns = this.returnsDecision();
    if (returns) out.returns = returns;
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
    return this.keyIndex.repeatedRows();
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
    if (this.rowCount === 0 && this.store.length > 0) {
      fileProblems.push(`"${this.source.fileName}" has a header row (row ${this.store.rowNumber(this.headerRecord)}) but no data rows below it, so there is nothing to send. Check that the export included its rows.`);
    }
    for (const f of fields) {
      if (f.required && this.mapping[f.key] === null && this.rowCount > 0) {
        fileProblems.push(`${f.label} is required but no column is mapped to it, so no row can be sent. ${f.whenUnmapped ?? `Map a column to ${f.label}.`}`);
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
      editedByField: this.editedByField(),
      ...(this.marksGeneration > 0 ? { rejectedByStockTrim: this.rejectedMarks.size } : {}),
      skipReasons: this.rules.map((rule, k) => ({
        reason: rule.reason,
        count: this.ruleCounts[k] ?? 0,
        kind: rule.kind,
        ...(rule.skipRule !== undefined ? { skipRule: rule.skipRule } : {}),
      })),
      negativeRows: this.counts.negative,
      ...(this.refs?.active ? { references: this.refs.summary() } : {}),
      fileProblems,
      errorsByField,
      warningsByField,
    };
  }

  /** Replaces the mapping (field key → column index or null) and revalidates every row. */
  setMapping(mapping: ColumnMapping): ValidationSummary {
    const before = this.mapping;
    this.mapping = this.normaliseMapping(mapping);
    const dropped = this.dropEditsOfRemappedFields(before);
    const used = new Map<number, string[]>();
    for (const f of this.dataset.fields) {
      const c = this.mapping[f.key];
      if (c !== null && c !== undefined) used.set(c, [...(used.get(c) ?? []), f.label]);
    }
    const notes: string[] = [];
    for (const [c, labels] of used) {
      if (labels.length > 1) notes.push(`Column "${this.columns[c]?.label ?? columnLetter(c)}" feeds ${labels.join(' and ')}.`);
    }
    this.mappingNotes = [...notes, ...dropped];
    this.rebuild();
    return this.validation();
  }

  /**
   * An edit is text typed over one column's cell; once its field reads another column, keeping
   * it would send the old fix over the new column's values. Those edits go, and with them the
   * history (its entries would write them back). Returns a note per field.
   */
  private dropEditsOfRemappedFields(before: ColumnMapping): string[] {
    const moved = new Set(this.dataset.fields.filter((f) => (before[f.key] ?? null) !== (this.mapping[f.key] ?? null)).map((f) => f.key));
    if (moved.size === 0 || this.edits.size === 0) return [];
    const counts = new Map<string, number>();
    for (const [r, e] of this.edits) {
      let next: Record<string, string> | null = null;
      for (const key of Object.keys(e)) {
        if (!moved.has(key)) continue;
        next ??= { ...e };
        delete next[key];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      if (next === null) continue;
      if (Object.keys(next).length > 0) this.edits.set(r, next);
      else this.edits.delete(r);
    }
    this.editedByFieldCache = null;
    if (counts.size === 0) return [];
    this.history.clear();
    return [...counts].map(([key, n]) => {
      const label = this.dataset.fields.find((f) => f.key === key)?.label ?? key;
      return `Your edits in ${n === 1 ? '1 cell' : `${n} cells`} of ${label} were removed: ${label} now reads another column, where they do not belong. (Undo history was cleared.)`;
    });
  }

  /** Cells the user edited, per field: what a mapping change would drop. */
  private editedByField(): Record<string, number> {
    if (this.editedByFieldCache) return this.editedByFieldCache;
    const out: Record<string, number> = {};
    for (const e of this.edits.values()) for (const key of Object.keys(e)) out[key] = (out[key] ?? 0) + 1;
    this.editedByFieldCache = out;
    return out;
  }

  /** Counted when asked, not on every validation() after an edit of a file with many edits. */
  private editedByFieldCache: Record<string, number> | null = null;

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
        return this.rejectedMarks.has(r);
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
        : ((rule && this.returns?.owns(out.rule) ? this.returns.skipReason(r) : null) ?? rule?.reason);
    const problems = this.validator.problems(out, rowNumber);
    const rejected = this.rejectedMarks.get(r);
    if (rejected !== undefined) problems.push({ field: '', severity: 'error', message: rejectionMessage(rowNumber, rejected) });
    const notSent = rejected === undefined && this.notSentMarks.has(r);
    if (notSent) problems.push({ field: '', severity: 'warning', message: `Row ${rowNumber}: not sent; the push stopped before this row. Send again to send it.` });
    return {
      rowIndex: r,
      rowNumber,
      cells,
      problems,
      status: out.status === STATUS_ERROR ? 'error' : out.status === STATUS_WARNING ? 'warning' : 'valid',
      skipped: byYou || rule !== undefined,
      skippedByYou: byYou,
      ...(skipReason !== undefined ? { skipReason } : {}),
      ...(rejected !== undefined ? { rejectedByStockTrim: rejected } : {}),
      ...(notSent ? { notSent: true } : {}),
      source: this.store.fields(this.firstData + r),
    };
  }

  /**
   * The user typed `raw` into a field of row `rowIndex`. The edit replaces the text read from
   * the file (typing the original text back removes the edit). The row is revalidated, and so
   * are the rows whose duplicate status the change can affect. Recorded for undo.
   */
  setCell(rowIndex: number, fieldKey: string, raw: string): { row: PreviewRow; summary: ValidationSummary; history: EditHistoryState } {
    if (rowIndex < 0 || rowIndex >= this.rowCount) throw new RangeError(`There is no data row ${rowIndex}.`);
    const fieldIndex = this.fieldIndexOf(fieldKey);
    const before = this.edits.get(rowIndex)?.[fieldKey];
    const after = this.editFor(rowIndex, fieldIndex, raw);
    if (after !== before) {
      const cells = new CellChanges();
      cells.add(rowIndex, fieldKey, before, after);
      const rowNumber = this.store.rowNumber(this.firstData + rowIndex);
      this.commit(`edit of ${this.dataset.fields[fieldIndex]!.label} in row ${rowNumber}`, cells.seal(), new SkipChanges());
    }
    return { row: this.previewRow(rowIndex), summary: this.validation(), history: this.history.state() };
  }

  /** Marks rows as skipped (not sent, not counted as errors) or brings them back. Recorded for undo. */
  setSkipped(rowIndices: readonly number[], skipped: boolean): ValidationSummary {
    const targets = [...new Set(rowIndices)].filter((r) => r >= 0 && r < this.rowCount && this.skippedByUser(r) !== skipped);
    if (targets.length === 0) return this.validation();
    const skips = new SkipChanges();
    for (const r of targets.sort((a, b) => a - b)) skips.add(r, skipped);
    const rows = targets.length === 1 ? `row ${this.store.rowNumber(this.firstData + targets[0]!)}` : `${targets.length} rows`;
    this.commit(skipped ? `skip of ${rows}` : `bringing back ${rows}`, new CellChanges(), skips.seal());
    return this.validation();
  }

  // ---------------------------------------------------------------- bulk edits and undo

  private fieldIndexOf(fieldKey: string): number {
    const i = this.dataset.fields.findIndex((f) => f.key === fieldKey);
    if (i < 0) throw new Error(`${this.dataset.label} has no field "${fieldKey}".`);
    return i;
  }

  private skippedByUser(r: number): boolean {
    return (this.flags[r]! & FLAG_SKIPPED) !== 0;
  }

  /**
   * The edit that makes a field of row r read `text`: none when that is the file's own text,
   * except on a ragged row, where keeping it is how the user confirms a value that may have
   * shifted.
   */
  private editFor(r: number, fieldIndex: number, text: string): string | undefined {
    const column = this.validator.columnOf(fieldIndex);
    if (column === null) return text;
    const rec = this.firstData + r;
    const ragged = this.source.format !== 'xlsx' && this.store.fieldCount(rec) !== this.columnCount;
    return !ragged && text === this.store.field(rec, column) ? undefined : text;
  }

  /** One field of every row, for planning a fill or a replace. */
  private fieldCells(fieldKey: string): FieldCells {
    const fieldIndex = this.fieldIndexOf(fieldKey);
    const column = this.validator.columnOf(fieldIndex);
    const continuation = this.rules.findIndex((rule) => rule.kind === 'continuation') + 1;
    return {
      rowCount: this.rowCount,
      fieldKey,
      label: this.dataset.fields[fieldIndex]!.label,
      nullAsBlank: this.readings.decisions.nullAsBlank,
      editOf: (r) => this.edits.get(r)?.[fieldKey],
      fileText: (r) => (column === null ? '' : this.store.field(this.firstData + r, column)),
      editFor: (r, text) => this.editFor(r, fieldIndex, text),
      skippedByUser: (r) => this.skippedByUser(r),
      continuation: (r) => continuation !== 0 && this.ruleOf[r] === continuation,
    };
  }

  /**
   * Writes an entry's changes into the edits and skip flags (its "after" side going forward,
   * its "before" side going back) and revalidates what they touch. Every edit, undo and redo
   * comes through here, so the counts and the duplicate index follow one path.
   */
  private applyEntry(entry: Pick<EditEntry, 'cells' | 'skips' | 'clearedMarks' | 'marksGeneration'>, forward: boolean): { changedRows: number; cleared: Map<number, string> } {
    const { cells, skips } = entry;
    const nextEdits = new Map<number, Record<string, string>>();
    const order = (k: number) => (forward ? k : cells.length - 1 - k);
    for (let i = 0; i < cells.length; i++) {
      const k = order(i);
      const r = cells.row(k);
      let next = nextEdits.get(r);
      if (!next) {
        next = { ...(this.edits.get(r) ?? {}) };
        nextEdits.set(r, next);
      }
      const text = forward ? cells.after(k) : cells.before(k);
      if (text === undefined) delete next[cells.field(k)];
      else next[cells.field(k)] = text;
    }
    const nextSkip = new Map<number, boolean>();
    for (let k = 0; k < skips.length; k++) {
      const r = skips.row(k);
      const want = forward ? skips.skippedAfter(k) : !skips.skippedAfter(k);
      if (this.skippedByUser(r) !== want) nextSkip.set(r, want);
      else nextSkip.delete(r);
    }
    const touched = new Set<number>(nextEdits.keys());
    for (const r of nextSkip.keys()) touched.add(r);

    const writeEdits = () => {
      for (const [r, next] of nextEdits) {
        if (Object.keys(next).length > 0) this.edits.set(r, next);
        else this.edits.delete(r);
        this.editedByFieldCache = null;
      }
    };
    const writeFlags = () => {
      for (const [r, skip] of nextSkip) {
        if (skip) this.flags[r]! |= FLAG_SKIPPED;
        else this.flags[r]! &= ~FLAG_SKIPPED;
      }
    };

    let incremental = touched.size <= INCREMENTAL_RECHECK_LIMIT;
    let affected: Set<number> = touched;
    const keyMoves: { r: number; from: string | null; to: string | null }[] = [];
    if (incremental && this.dataset.uniqueKey) {
      // A row's key can only matter to rows sharing its old or its new key.
      affected = new Set(touched);
      for (const r of touched) {
        const skippedAfter = nextSkip.get(r) ?? this.skippedByUser(r);
        const from = this.skippedByUser(r) ? null : this.keyOf(r, this.edits.get(r));
        const to = skippedAfter ? null : this.keyOf(r, nextEdits.has(r) ? nextEdits.get(r) : this.edits.get(r));
        for (const o of this.keyIndex.rows(from)) affected.add(o);
        for (const o of this.keyIndex.rows(to)) affected.add(o);
        if (from !== to) keyMoves.push({ r, from, to });
        if (affected.size > INCREMENTAL_RECHECK_LIMIT) break;
      }
      incremental = affected.size <= INCREMENTAL_RECHECK_LIMIT;
    }
    if (incremental) {
      this.recheck(affected, () => {
        writeEdits();
        for (const skip of nextSkip.values()) this.counts.skipped += skip ? 1 : -1;
        writeFlags();
        for (const m of keyMoves) {
          if (m.from !== null) this.keyIndex.remove(m.from, m.r);
          if (m.to !== null) this.keyIndex.add(m.to, m.r);
        }
      });
    } else {
      writeEdits();
      writeFlags();
      this.validateAll();
    }

    // Editing a row StockTrim rejected makes it a candidate for a retry; undo brings the mark
    // back while the marks are still those of the same push.
    const cleared = new Map<number, string>();
    if (forward) {
      for (const r of nextEdits.keys()) {
        const mark = this.rejectedMarks.get(r);
        if (mark === undefined) continue;
        cleared.set(r, mark);
        this.rejectedMarks.delete(r);
      }
    } else if (entry.marksGeneration === this.marksGeneration) {
      for (const [r, mark] of entry.clearedMarks) this.rejectedMarks.set(r, mark);
    }
    return { changedRows: touched.size, cleared };
  }

  /** Applies a new action and records it for undo (which drops the redo stack). */
  private commit(description: string, cells: CellChanges, skips: SkipChanges): number {
    const { changedRows, cleared } = this.applyEntry({ cells, skips, clearedMarks: new Map(), marksGeneration: this.marksGeneration }, true);
    this.history.record({ description, cells, skips, clearedMarks: cleared, marksGeneration: this.marksGeneration });
    return changedRows;
  }

  private bulkResult(changedRows: number, changedCells: number, message: string): BulkEditResult {
    return { changedRows, changedCells, message, summary: this.validation(), history: this.history.state() };
  }

  private applyPlanned(plan: PlannedEdit): BulkEditResult {
    const n = plan.cells.length;
    if (n === 0) return this.bulkResult(0, 0, plan.message);
    const changedRows = this.commit(plan.description, plan.cells, new SkipChanges());
    return this.bulkResult(changedRows, n, plan.message);
  }

  /**
   * Puts `value` into every empty cell of one field (empty after the user's edits; a value
   * read from a fallback column does not count), in the given rows or all. Rows the user
   * skipped or deleted, and continuation rows, are left as they are. One undo step.
   */
  fillEmpty(request: FillEmptyRequest): BulkEditResult {
    return this.applyPlanned(planFill(this.fieldCells(request.fieldKey), request.value, request.rowIndices));
  }

  /**
   * Find and replace within one field's text (after edits), literally: every occurrence, or
   * whole cells (trimmed). Rows the user skipped are left as they are. A dry run only counts.
   */
  replaceInColumn(request: ReplaceRequest): BulkEditResult {
    const plan = planReplace(this.fieldCells(request.fieldKey), request);
    // One field, so each changed cell is its own row.
    if (request.dryRun) return this.bulkResult(plan.cells.length, plan.cells.length, plan.message);
    return this.applyPlanned(plan);
  }

  /** "Delete selected rows": they become skipped by the user's choice, so nothing is lost and Undo brings them back. */
  deleteRows(rowIndices: readonly number[]): BulkEditResult {
    const wanted = [...new Set(rowIndices)].sort((a, b) => a - b);
    for (const r of wanted) if (!Number.isInteger(r) || r < 0 || r >= this.rowCount) throw new RangeError(`There is no data row ${r}.`);
    const skips = new SkipChanges();
    for (const r of wanted) if (!this.skippedByUser(r)) skips.add(r, true);
    const n = skips.seal().length;
    const already = wanted.length - n;
    const alreadyNote = already === 0 ? '' : ` ${already === 1 ? '1 selected row was' : `${already} selected rows were`} already deleted or skipped.`;
    if (wanted.length === 0) return this.bulkResult(0, 0, 'No rows are selected; select the rows to delete first.');
    if (n === 0) return this.bulkResult(0, 0, `Nothing to delete: the selected ${wanted.length === 1 ? 'row is' : 'rows are'} already deleted or skipped.`);
    const rows = n === 1 ? '1 row' : `${n} rows`;
    this.commit(`delete of ${rows}`, new CellChanges(), skips);
    return this.bulkResult(n, 0, `Deleted ${rows} (not sent; Undo brings ${n === 1 ? 'it' : 'them'} back).${alreadyNote}`);
  }

  undo(): BulkEditResult {
    const entry = this.history.peekUndo();
    if (!entry) return this.bulkResult(0, 0, 'Nothing to undo.');
    const { changedRows } = this.applyEntry(entry, false);
    this.history.undone();
    return this.bulkResult(changedRows, entry.cells.length, `Undid ${entry.description}.`);
  }

  redo(): BulkEditResult {
    const entry = this.history.peekRedo();
    if (!entry) return this.bulkResult(0, 0, 'Nothing to redo.');
    const { changedRows } = this.applyEntry(entry, true);
    this.history.redone();
    return this.bulkResult(changedRows, entry.cells.length, `Redid ${entry.description}.`);
  }

  getHistory(): EditHistoryState {
    return this.history.state();
  }

  /**
   * StockTrim's answer to the last push: each rejected row shows the answer as an error and
   * is found by the 'rejected' filter, without changing the file check's counts. Replaces the
   * previous marks; unknown row numbers are ignored.
   */
  markPushOutcome(marks: PushOutcomeMarks): ValidationSummary {
    const next = new Map<number, string>();
    for (const { rowNumber, message } of marks.rejected) {
      const r = this.rowIndexOf(rowNumber);
      if (r < 0) continue;
      const answer = message.trim() === '' ? 'no reason was given' : message.trim();
      const prev = next.get(r);
      next.set(r, prev === undefined || prev === answer ? answer : `${endSentence(prev)} ${answer}`);
    }
    this.rejectedMarks = next;
    this.notSentMarks = new Set((marks.notSent ?? []).map((n) => this.rowIndexOf(n)).filter((r) => r >= 0 && !next.has(r)));
    this.marksGeneration++;
    return this.validation();
  }

  // ---------------------------------------------------------------- returns, references, preflight

  /** Returns choice and reference check for the current fields and mapping; their rules join the table's. */
  private setUpRowHooks(): void {
    const fields = this.dataset.fields;
    const q = fields.findIndex((f) => f.returnsChoice);
    const product = fields.findIndex((f) => f.productReference);
    this.returns = null;
    if (q >= 0 && product >= 0 && this.validator.isMapped(q)) {
      const at = (key: string) => fields.findIndex((f) => f.key === key);
      this.returns = new ReturnsNetting({
        choice: this.options.returns ?? 'exclude',
        quantityIndex: q,
        productIndex: product,
        orderKeyIndices: (this.dataset.orderKey?.fields ?? []).map(at),
        orderKeyOf: (out) => (this.dataset.orderKey ? this.orderKeyOf(out) : ''),
        rowNumberOf: (r) => this.store.rowNumber(this.firstData + r),
      });
      for (const rule of this.returns.rules(this.rules.length)) this.rules.push(rule);
    }
    const refs = new ProductReferenceCheck(this.dataset, (i) => this.validator.isMapped(i));
    if (this.refs) refs.adopt(this.refs);
    this.refs = refs;
  }

  /** Before a full validation pass: forget counted codes, replan the netting. */
  private beforeFullPass(): void {
    this.refs?.reset();
    this.preflightCache = null;
    this.replanReturns();
  }

  /** `changed`: the only rows whose cells, edits or skip flag changed since the last plan. */
  private replanReturns(changed?: Iterable<number>): number[] {
    if (!this.returns?.netting) return [];
    const out = this.validator.newCheck();
    const buf: string[] = [];
    return this.returns.replan(
      this.rowCount,
      (r, o) => {
        if (this.flags[r]! & FLAG_SKIPPED) return false;
        const rec = this.firstData + r;
        const n = this.store.read(rec, buf);
        this.validator.check(buf, n, this.editsOf(r), this.store.parseError(rec), o);
        this.applyRules(r, o);
        return o.rule === 0;
      },
      out,
      changed,
    );
  }

  /**
   * After rows changed: the netting is planned again, and rows outside the change whose
   * outcome moved (the other lines of a group the change touched) are subtracted under the old
   * plan; the caller adds them back under the new one with the changed rows.
   */
  private afterRowsChange(rows: readonly number[], flagsBefore: Uint8Array | null): number[] {
    this.preflightCache = null;
    const returns = this.returns;
    if (!returns?.netting || !flagsBefore) return [];
    const inChange = new Set(rows);
    // Rows unskipped by the change may be outside `rows` (they are admitted by the caller).
    const changed = new Set(rows);
    for (let r = 0; r < this.rowCount; r++) if (flagsBefore[r] !== this.flags[r]) changed.add(r);
    const moved = this.replanReturns(changed).filter((r) => !inChange.has(r) && !(flagsBefore[r]! & FLAG_SKIPPED) && !(this.flags[r]! & FLAG_SKIPPED));
    const old = this.validator.newCheck();
    returns.withPrevious(() => {
      for (const r of moved) this.contribute(this.evaluate(r, old), -1);
    });
    return moved;
  }

  private returnsDecision(): ImportDecisions['returns'] | null {
    const returns = this.returns;
    if (!returns) return null;
    const label = this.dataset.fields.find((f) => f.returnsChoice)?.label ?? 'Quantity';
    let excluded = 0;
    this.rules.forEach((rule, k) => {
      if (returns.owns(k + 1)) excluded += this.ruleCounts[k] ?? 0;
    });
    return returns.decision(label, this.options.returns ? 'user' : 'default', excluded);
  }

  /** The product codes the rows name (rows not skipped, after edits), and which are unchecked. */
  productReferences(): ProductReferences {
    return this.refs?.references() ?? { fields: [], codes: [], unchecked: [] };
  }

  /** Stores a reference check's answer (adding to earlier ones) and revalidates every row. */
  setKnownProducts(known: KnownProducts): ValidationSummary {
    this.refs?.record(known);
    this.validateAll();
    return this.validation();
  }

  /** The counts before a push and, for sales orders, lines per month; kept until rows change. */
  preflight(): PushPreflight {
    if (this.preflightCache) return this.preflightCache;
    const label = this.sentDays ? this.dataset.fields[this.sentDateIndex]!.label : '';
    this.preflightCache = buildPreflight(this.validation(), this.sentDays?.history(label) ?? null);
    return this.preflightCache;
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
          const id = this.lineIdentities().reference(out, r);
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

  private identities: SalesLineIdentities | null = null;

  /** What each sales line's reference is made from (see sales-line-identities.ts). */
  private lineIdentities(): SalesLineIdentities {
    this.identities ??= new SalesLineIdentities({
      fields: this.dataset.fields,
      originalQuantity: (r) => this.returns?.originalQuantity(r),
      isEdited: (r) => this.edits.has(r),
      uneditedCheck: (r) => {
        const rec = this.firstData + r;
        const n = this.store.readColumns(rec, this.buf, this.readCols);
        this.fileCheck ??= this.validator.newCheck();
        this.validator.check(this.buf, n, undefined, this.store.parseError(rec), this.fileCheck);
        return this.fileCheck;
      },
    });
    return this.identities;
  }

  private fileCheck: RowCheck | null = null;

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
        const id = this.lineIdentities().reference(out, r);
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
