/**
 * One data row + mapping + registry → coerced values and problems. The validator is compiled
 * once per mapping and reused for every row; its output object is reused too, and message
 * strings are only built for rows someone looks at (or that the caller asks to explain).
 */
import { endSentence } from '@/lib/text/sentence';
import { type DatasetDef, type FieldDef, fallbackKey } from '@/lib/datasets/field-def';
import type { CellProblem, CellValue, ColumnMapping, NegativeChoice, SourceColumn } from './import-types';
import { coerceInto, newCoerceOutput, DEFAULT_COERCE_CONTEXT, type CoerceContext, type CoerceOutput, type Severity } from './coerce-value';

export const STATUS_VALID = 0;
export const STATUS_WARNING = 1;
export const STATUS_ERROR = 2;
export type RowStatusCode = 0 | 1 | 2;

/** Reused result of one row check. Arrays are indexed by the dataset's field order. */
export interface RowCheck {
  status: RowStatusCode;
  values: CellValue[];
  /** The raw text each field was read from ('' when absent). */
  raws: string[];
  severities: (Severity | null)[];
  reasons: string[];
  edited: boolean[];
  /** Row-level problem (ragged row, broken quotes, duplicate key). */
  rowSeverity: Severity | null;
  rowReason: string;
  /** The dataset's uniqueKey values joined, when the key fields are valid. */
  key: string | null;
  /** True where a field's value came from its fallback column (its own cell was empty). */
  fromFallback: boolean[];
  /** A field that asks about negative values has one (before the user's choice is applied). */
  negative: boolean;
  /** Set by the import table: 1 + the index of the rule that skips this row, or 0. */
  rule: number;
}

export interface RowValidatorOptions {
  readonly dataset: DatasetDef;
  readonly mapping: ColumnMapping;
  readonly columns: readonly SourceColumn[];
  /** Fields a well-formed row has; null for sources that cannot be ragged (XLSX). */
  readonly expectedFieldCount: number | null;
  /** Word for the delimiter in the ragged-row message ("comma"). */
  readonly delimiterWord?: string;
  /** Coercion settings of one source column. */
  readonly contextFor?: (columnIndex: number) => CoerceContext;
  /** What negative values of the fields that ask become; 'send' when not given. */
  readonly negatives?: NegativeChoice;
}

/**
 * A field as the per-row loop reads it. The registry's FieldDef objects have a different shape
 * for nearly every field (optional keys), so reading their properties in the loop is a
 * megamorphic lookup per cell; the flags the loop needs are copied here, one shape for all.
 */
interface CompiledField {
  readonly def: FieldDef;
  readonly key: string;
  readonly required: boolean;
  readonly negativeChoice: boolean;
  readonly zeroWarning: string | null;
  readonly index: number;
  readonly column: number | null;
  readonly label: string;
  readonly ctx: CoerceContext;
  /** The column read when this field's own cell is empty. */
  readonly fallback: number | null;
  readonly fallbackLabel: string;
  readonly fallbackCtx: CoerceContext;
}

/** A list's code field, and the other fields of that list a row may fill. */
interface ListCheck {
  readonly identity: number;
  readonly members: readonly number[];
}

/** The last text a field coerced, and what it gave. */
interface FieldMemo {
  raw: string | null;
  ctx: CoerceContext | null;
  readonly result: CoerceOutput;
}

const KEY_JOIN = '\u001f';

export type RowEdits = Readonly<Record<string, string>>;

export class RowValidator {
  readonly dataset: DatasetDef;
  private readonly fields: CompiledField[];
  private readonly expected: number | null;
  private readonly delimiterWord: string;
  private readonly keyIndices: readonly number[];
  private readonly negatives: NegativeChoice;
  private readonly listChecks: readonly ListCheck[];
  /**
   * Per field, the last raw text coerced and its outcome. Exports repeat a value down a
   * column (every line of an order has its date, order number and customer), and coercion
   * depends only on the text and the field's settings, so a repeat reuses the outcome instead
   * of parsing the text again and building the same ISO string. A miss coerces straight into
   * the memo, so keeping it costs nothing extra.
   */
  private readonly memos: FieldMemo[];

  constructor(options: RowValidatorOptions) {
    this.dataset = options.dataset;
    this.expected = options.expectedFieldCount;
    this.delimiterWord = options.delimiterWord ?? 'comma';
    this.negatives = options.negatives ?? 'send';
    const byIndex = new Map(options.columns.map((c) => [c.index, c]));
    const columnOf = (key: string) => {
      const col = options.mapping[key];
      return col === null || col === undefined ? null : col;
    };
    const ctxOf = (column: number | null) => (column !== null && options.contextFor ? options.contextFor(column) : DEFAULT_COERCE_CONTEXT);
    this.fields = options.dataset.fields.map((def, index) => {
      const column = columnOf(def.key);
      const source = column === null ? undefined : byIndex.get(column);
      const fallback = def.fallback ? columnOf(fallbackKey(def.key)) : null;
      return {
        def,
        key: def.key,
        required: def.required,
        negativeChoice: def.negativeChoice === true,
        zeroWarning: def.zeroWarning ?? null,
        index,
        column,
        label: source ? source.label : def.label,
        ctx: ctxOf(column),
        fallback,
        fallbackLabel: fallback === null ? '' : (byIndex.get(fallback)?.label ?? def.fallback!.label),
        fallbackCtx: ctxOf(fallback),
      };
    });
    const at = (key: string) => options.dataset.fields.findIndex((f) => f.key === key);
    this.keyIndices = (options.dataset.uniqueKey ?? []).map(at).filter((i) => i >= 0);
    this.listChecks = (options.dataset.lists ?? []).flatMap((list) => {
      const fields = options.dataset.fields;
      const identity = fields.findIndex((f) => f.listEntry?.list === list.property && f.listEntry.property === list.identity && f.listEntry.identity === undefined);
      if (identity < 0 || fields[identity]!.required) return [];
      const members = fields.flatMap((f, i) => (i !== identity && f.listEntry?.list === list.property && f.listEntry.identity === undefined ? [i] : []));
      return [{ identity, members }];
    });
    const n = this.fields.length;
    this.memos = Array.from({ length: n }, () => ({ raw: null, ctx: null, result: newCoerceOutput() }));
  }

  newCheck(): RowCheck {
    const n = this.fields.length;
    return {
      status: STATUS_VALID,
      values: new Array<CellValue>(n).fill(null),
      raws: new Array<string>(n).fill(''),
      severities: new Array<Severity | null>(n).fill(null),
      reasons: new Array<string>(n).fill(''),
      edited: new Array<boolean>(n).fill(false),
      rowSeverity: null,
      rowReason: '',
      key: null,
      fromFallback: new Array<boolean>(n).fill(false),
      negative: false,
      rule: 0,
    };
  }

  get fieldDefs(): readonly FieldDef[] {
    return this.dataset.fields;
  }

  /** Column index a field reads from, or null. */
  columnOf(fieldIndex: number): number | null {
    return this.fields[fieldIndex]!.column;
  }

  labelOf(fieldIndex: number): string {
    return this.fields[fieldIndex]!.label;
  }

  /** Is this field mapped to a column (its own, or a fallback)? */
  isMapped(fieldIndex: number): boolean {
    const f = this.fields[fieldIndex]!;
    return f.column !== null || f.fallback !== null;
  }

  /** The fallback column of a field, or null. */
  fallbackOf(fieldIndex: number): number | null {
    return this.fields[fieldIndex]!.fallback;
  }

  /** The column label a checked value was read from (its fallback's when it came from there). */
  sourceLabelOf(out: RowCheck, fieldIndex: number): string {
    const f = this.fields[fieldIndex]!;
    return out.fromFallback[fieldIndex] ? f.fallbackLabel : f.label;
  }

  /**
   * Checks one row. `fields` holds the row's cells ([0, fieldCount)); `edits` replace the raw
   * text of individual fields. A ragged row is an error until the user has set every mapped
   * value of it.
   */
  check(fields: readonly string[], fieldCount: number, edits: RowEdits | undefined, parseError: string | undefined, out: RowCheck): RowCheck {
    let status: RowStatusCode = STATUS_VALID;
    out.rowSeverity = null;
    out.rowReason = '';
    out.key = null;
    out.negative = false;
    out.rule = 0;
    const fs = this.fields;
    for (let i = 0; i < fs.length; i++) {
      const f = fs[i]!;
      const edit = edits === undefined ? undefined : edits[f.key];
      out.edited[i] = edit !== undefined;
      out.fromFallback[i] = false;
      let raw: string;
      let ctx = f.ctx;
      if (edit !== undefined) raw = edit;
      else if (f.column === null && f.fallback === null) {
        out.raws[i] = '';
        out.values[i] = null;
        out.severities[i] = f.required ? 'error' : null;
        out.reasons[i] = '';
        if (f.required) status = STATUS_ERROR;
        continue;
      } else {
        raw = f.column !== null && f.column < fieldCount ? fields[f.column]! : '';
        if (f.fallback !== null && isBlankCell(raw, f.ctx)) {
          raw = f.fallback < fieldCount ? fields[f.fallback]! : '';
          ctx = f.fallbackCtx;
          out.fromFallback[i] = true;
        }
      }
      out.raws[i] = raw;
      const memo = this.memos[i]!;
      if (raw !== memo.raw || ctx !== memo.ctx) {
        coerceInto(raw, f.def, ctx, memo.result);
        memo.raw = raw;
        memo.ctx = ctx;
      }
      const { value, severity, reason, blank } = memo.result;
      out.values[i] = value;
      if (severity === null && blank && f.required) {
        out.severities[i] = 'error';
        out.reasons[i] = '';
        status = STATUS_ERROR;
        continue;
      }
      out.severities[i] = severity;
      out.reasons[i] = reason;
      if (f.negativeChoice && severity !== 'error' && typeof value === 'number' && value < 0) this.applyNegative(out, i);
      // A 0 the registry flags (a sales line of nothing) is still sent, with the field's warning.
      if (f.zeroWarning !== null && severity === null && value === 0) {
        out.severities[i] = 'warning';
        out.reasons[i] = f.zeroWarning;
      }
      const sev = out.severities[i];
      if (sev === 'error') status = STATUS_ERROR;
      else if (sev === 'warning' && status === STATUS_VALID) status = STATUS_WARNING;
    }
    for (const list of this.listChecks) {
      if (this.checkListIdentity(out, list)) status = STATUS_ERROR;
    }
    out.key = this.keyOf(out);
    if (parseError !== undefined) {
      out.rowSeverity = 'error';
      out.rowReason = parseError;
      status = STATUS_ERROR;
    } else if (this.expected !== null && fieldCount !== this.expected && !this.allMappedEdited(edits)) {
      out.rowSeverity = 'error';
      out.rowReason =
        fieldCount > this.expected
          ? `${fieldCount === 1 ? '1 field' : `${fieldCount} fields`} where the header has ${this.expected}; a ${this.delimiterWord} inside a value needs quotes around the value. None of this row's values are sent until it is fixed`
          : `${fieldCount === 1 ? '1 field' : `${fieldCount} fields`} where the header has ${this.expected}; a value is missing or the values have moved left. None of this row's values are sent until it is fixed`;
      status = STATUS_ERROR;
    }
    out.status = status;
    return out;
  }

  /**
   * A ragged row's values may have shifted, so it is sent only once the user has set (or
   * confirmed) every mapped value of it.
   */
  allMappedEdited(edits: RowEdits | undefined): boolean {
    if (edits === undefined) return false;
    for (const f of this.fields) if ((f.column !== null || f.fallback !== null) && edits[f.def.key] === undefined) return false;
    return true;
  }

  /** The user's choice for a negative value; the fact that it was negative is kept either way. */
  private applyNegative(out: RowCheck, i: number): void {
    out.negative = true;
    if (this.negatives !== 'zero') return;
    out.values[i] = 0;
    out.severities[i] = 'warning';
    out.reasons[i] = 'is negative; it is sent as 0, as you chose for negative values';
  }

  /** A row that gives a list entry's figures must say which entry (location, supplier) they are for. */
  private checkListIdentity(out: RowCheck, list: ListCheck): boolean {
    const id = list.identity;
    if (out.values[id] !== null || out.severities[id] !== null) return false;
    const given = list.members.find((m) => out.values[m] !== null);
    if (given === undefined) return false;
    const idLabel = this.fields[id]!.def.label;
    out.severities[id] = 'error';
    out.reasons[id] = `is empty, but this row gives ${this.fields[given]!.def.label}, which needs a ${idLabel} to say where it belongs`;
    return true;
  }

  /** The unique key's values joined; null when a key field is invalid or the first is empty. */
  private keyOf(out: RowCheck): string | null {
    const ks = this.keyIndices;
    if (ks.length === 0) return null;
    const first = out.values[ks[0]!];
    if (typeof first !== 'string' || out.severities[ks[0]!] === 'error') return null;
    if (ks.length === 1) return first;
    let key = first;
    for (let k = 1; k < ks.length; k++) {
      const i = ks[k]!;
      if (out.severities[i] === 'error') return null;
      const v = out.values[i];
      key += KEY_JOIN + (v === null ? '' : String(v));
    }
    return key;
  }

  /** Marks a checked row as repeating the unique key of an earlier row. */
  markDuplicate(out: RowCheck, firstRowNumber: number): void {
    const named = this.keyIndices
      .filter((i, k) => k === 0 || out.values[i] !== null)
      .map((i) => `${this.fields[i]!.def.label} "${String(out.values[i])}"`)
      .join(' and ');
    if (out.rowSeverity === 'error') {
      out.rowReason += `; it also repeats ${named} from row ${firstRowNumber}`;
    } else {
      out.rowSeverity = 'error';
      out.rowReason = `repeats ${named} from row ${firstRowNumber}; each ${this.keyPhrase()} may appear once in a file, so this later row is not sent`;
    }
    out.status = STATUS_ERROR;
  }

  private keyPhrase(): string {
    const labels = this.keyIndices.map((i) => this.fields[i]!.def.label);
    if (labels.length === 0) return 'key';
    if (labels.length === 1) return labels[0]!;
    return `combination of ${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  }

  /** Builds the messages of a checked row; each names the row, the column and the value. */
  problems(out: RowCheck, rowNumber: number): CellProblem[] {
    const problems: CellProblem[] = [];
    if (out.rowSeverity !== null) {
      problems.push({ field: '', severity: out.rowSeverity, message: `Row ${rowNumber}: ${endSentence(out.rowReason)}` });
    }
    for (let i = 0; i < this.fields.length; i++) {
      const sev = out.severities[i];
      if (!sev) continue;
      const f = this.fields[i]!;
      problems.push({ field: f.def.key, severity: sev, message: this.message(f, out, i, rowNumber) });
    }
    return problems;
  }

  private message(f: CompiledField, out: RowCheck, i: number, rowNumber: number): string {
    const reason = out.reasons[i]!;
    const fromColumn = out.fromFallback[i] || f.column !== null;
    const label = this.sourceLabelOf(out, i);
    const where = fromColumn ? `column "${label}"` : `${f.def.label}`;
    const also = fromColumn && label.toLowerCase() !== f.def.label.toLowerCase() ? ` (${f.def.label}${out.fromFallback[i] ? `, read because "${f.label}" is empty` : ''})` : '';
    if (reason === '') {
      if (f.column === null && !out.edited[i]) return `Row ${rowNumber}: ${f.def.label} is required but no column is mapped to it.`;
      return `Row ${rowNumber}, ${where}${also}: empty, but ${f.def.label} is required.`;
    }
    return `Row ${rowNumber}, ${where}${also}: "${out.raws[i]}" ${endSentence(reason)}`;
  }

  /** Coerced values of the mapped (or edited) fields, keyed by field key. */
  valuesOf(out: RowCheck): Record<string, CellValue> {
    const values: Record<string, CellValue> = {};
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i]!;
      if (f.column === null && f.fallback === null && !out.edited[i]) continue;
      values[f.def.key] = out.values[i]!;
    }
    return values;
  }
}

/** Empty after trimming, or a NULL the file's reading treats as empty. */
function isBlankCell(raw: string, ctx: CoerceContext): boolean {
  const t = raw.trim();
  return t === '' || (ctx.nullAsBlank && t.length === 4 && t.toLowerCase() === 'null');
}


export interface ValidatedRow {
  readonly status: 'valid' | 'warning' | 'error';
  readonly values: Record<string, CellValue>;
  readonly problems: CellProblem[];
}

/**
 * One-off validation of a single row (tests, server-side checks). Cross-row duplicate checks
 * need the whole file and live in ImportTable; pass `duplicateOfRow` to apply one here.
 */
export function validateRow(
  options: RowValidatorOptions & { readonly fields: readonly string[]; readonly rowNumber: number; readonly edits?: RowEdits; readonly duplicateOfRow?: number },
): ValidatedRow {
  const v = new RowValidator(options);
  const out = v.check(options.fields, options.fields.length, options.edits, undefined, v.newCheck());
  if (options.duplicateOfRow !== undefined && out.key !== null) v.markDuplicate(out, options.duplicateOfRow);
  return {
    status: out.status === STATUS_ERROR ? 'error' : out.status === STATUS_WARNING ? 'warning' : 'valid',
    values: v.valuesOf(out),
    problems: v.problems(out, options.rowNumber),
  };
}
