/**
 * One data row + mapping + registry → coerced values and problems. The validator is compiled
 * once per mapping and reused for every row; its output object is reused too, and message
 * strings are only built for rows someone looks at (or that the caller asks to explain).
 */
import type { DatasetDef, FieldDef } from '@/lib/datasets/field-def';
import type { CellProblem, CellValue, ColumnMapping, SourceColumn } from './import-types';
import { coerceInto, newCoerceOutput, DEFAULT_COERCE_CONTEXT, type CoerceContext, type Severity } from './coerce-value';

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
  /** Coerced value of the dataset's uniqueKey, when it is valid. */
  key: string | null;
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
}

interface CompiledField {
  readonly def: FieldDef;
  readonly index: number;
  readonly column: number | null;
  readonly label: string;
  readonly ctx: CoerceContext;
}

export type RowEdits = Readonly<Record<string, string>>;

export class RowValidator {
  readonly dataset: DatasetDef;
  private readonly fields: CompiledField[];
  private readonly expected: number | null;
  private readonly delimiterWord: string;
  private readonly keyIndex: number;
  private readonly out = newCoerceOutput();

  constructor(options: RowValidatorOptions) {
    this.dataset = options.dataset;
    this.expected = options.expectedFieldCount;
    this.delimiterWord = options.delimiterWord ?? 'comma';
    const byIndex = new Map(options.columns.map((c) => [c.index, c]));
    this.fields = options.dataset.fields.map((def, index) => {
      const col = options.mapping[def.key];
      const column = col === null || col === undefined ? null : col;
      const source = column === null ? undefined : byIndex.get(column);
      return {
        def,
        index,
        column,
        label: source ? source.label : def.label,
        ctx: column !== null && options.contextFor ? options.contextFor(column) : DEFAULT_COERCE_CONTEXT,
      };
    });
    this.keyIndex = options.dataset.uniqueKey ? options.dataset.fields.findIndex((f) => f.key === options.dataset.uniqueKey) : -1;
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

  /** Is this field mapped to a column? */
  isMapped(fieldIndex: number): boolean {
    return this.fields[fieldIndex]!.column !== null;
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
    const fs = this.fields;
    const c = this.out;
    for (let i = 0; i < fs.length; i++) {
      const f = fs[i]!;
      const edit = edits === undefined ? undefined : edits[f.def.key];
      out.edited[i] = edit !== undefined;
      let raw: string;
      if (edit !== undefined) raw = edit;
      else if (f.column === null) {
        out.raws[i] = '';
        out.values[i] = null;
        if (f.def.required) {
          out.severities[i] = 'error';
          out.reasons[i] = '';
          status = STATUS_ERROR;
        } else {
          out.severities[i] = null;
          out.reasons[i] = '';
        }
        continue;
      } else raw = f.column < fieldCount ? fields[f.column]! : '';
      out.raws[i] = raw;
      coerceInto(raw, f.def, f.ctx, c);
      out.values[i] = c.value;
      if (c.severity === null && c.blank && f.def.required) {
        out.severities[i] = 'error';
        out.reasons[i] = '';
        status = STATUS_ERROR;
        continue;
      }
      out.severities[i] = c.severity;
      out.reasons[i] = c.reason;
      if (c.severity === 'error') status = STATUS_ERROR;
      else if (c.severity === 'warning' && status === STATUS_VALID) status = STATUS_WARNING;
      if (i === this.keyIndex && c.severity !== 'error' && typeof c.value === 'string') out.key = c.value;
    }
    if (parseError !== undefined) {
      out.rowSeverity = 'error';
      out.rowReason = parseError;
      status = STATUS_ERROR;
    } else if (this.expected !== null && fieldCount !== this.expected && !this.allMappedEdited(edits)) {
      out.rowSeverity = 'error';
      out.rowReason =
        fieldCount > this.expected
          ? `${fieldCount} fields where the header has ${this.expected}; a ${this.delimiterWord} inside a value needs quotes around the value. None of this row's values are sent until it is fixed`
          : `${fieldCount} fields where the header has ${this.expected}; a value is missing or the values have moved left. None of this row's values are sent until it is fixed`;
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
    for (const f of this.fields) if (f.column !== null && edits[f.def.key] === undefined) return false;
    return true;
  }

  /** Marks a checked row as repeating the unique key of an earlier row. */
  markDuplicate(out: RowCheck, firstRowNumber: number): void {
    if (out.rowSeverity === 'error') {
      out.rowReason += `; it also repeats ${this.keyLabel()} "${out.key}" from row ${firstRowNumber}`;
    } else {
      out.rowSeverity = 'error';
      out.rowReason = `repeats ${this.keyLabel()} "${out.key}" from row ${firstRowNumber}; each ${this.keyLabel()} may appear once in a file, so this later row is not sent`;
    }
    out.status = STATUS_ERROR;
  }

  private keyLabel(): string {
    return this.keyIndex >= 0 ? this.fields[this.keyIndex]!.def.label : 'key';
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
    const where = f.column === null ? `${f.def.label}` : `column "${f.label}"`;
    const also = f.column !== null && f.label.toLowerCase() !== f.def.label.toLowerCase() ? ` (${f.def.label})` : '';
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
      if (f.column === null && !out.edited[i]) continue;
      values[f.def.key] = out.values[i]!;
    }
    return values;
  }
}

function endSentence(text: string): string {
  return text.endsWith('.') ? text : text + '.';
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
