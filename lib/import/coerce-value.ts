/**
 * Raw cell text → the value StockTrim gets, one explicit parser per registry field type.
 * Only fields whose type is a number are converted; codes stay text exactly as written
 * (leading zeros, long digit strings, case). Each coercer writes into a reused CoerceOutput so
 * a full-file pass allocates nothing for valid cells; reasons are built only when a cell fails.
 */
import type { FieldDef, FieldType } from '@/lib/datasets/field-def';
import type { CellValue } from './import-types';
import { parseNumberInto, newNumberParse, type NumberFormat, DEFAULT_NUMBER_FORMAT } from './coerce-number';
import { scanDate, resolveDate, newDateParts, newDateResult, type DateOrder } from './coerce-date';

export type Severity = 'error' | 'warning';

export interface CoerceOutput {
  value: CellValue;
  /** null when the cell is fine. */
  severity: Severity | null;
  /** Follows the quoted value in a message: `"7 days" ${reason}`. */
  reason: string;
  /** True when the cell is blank (after trimming and NULL handling). */
  blank: boolean;
}

export function newCoerceOutput(): CoerceOutput {
  return { value: null, severity: null, reason: '', blank: true };
}

/** Per-column settings decided once for the file (and changeable by the user). */
export interface CoerceContext {
  readonly numberFormat: NumberFormat;
  /** Day/month order of this date column; null when not decided. */
  readonly dateOrder: DateOrder | null;
  /** Read a literal NULL (as SQL exports write it) as an empty cell. */
  readonly nullAsBlank: boolean;
  /** Code column exported from a float column: "17850.0" → "17850". */
  readonly stripTrailingZeroDecimal: boolean;
  /**
   * Read a bare number in a date column as an Excel date serial (18269 → 1950-01-06). Off by
   * default: in a text file a number in a date column is far more often an id or a quantity
   * mapped to the wrong field, so it is an error until the user says otherwise.
   */
  readonly readDateSerials?: boolean;
}

export const DEFAULT_COERCE_CONTEXT: CoerceContext = {
  numberFormat: DEFAULT_NUMBER_FORMAT,
  dateOrder: null,
  nullAsBlank: false,
  stripTrailingZeroDecimal: false,
};

const EXCEL_ERRORS = new Set(['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#FIELD!', '#GETTING_DATA', '#N/A N/A']);

/** What Excel's General format writes for a long number: 5.01235E+12, 1E+15, -4.5E-05. */
const SCIENTIFIC_RE = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]\d+$/;
const FLOAT_INTEGER_RE = /^\d+\.0+$/;

function trimmed(raw: string): string {
  const s = raw.trim();
  // String.prototype.trim already removes NBSP and BOM; this keeps one fast path.
  return s;
}

function setOk(out: CoerceOutput, value: CellValue): CoerceOutput {
  out.value = value;
  out.severity = null;
  out.reason = '';
  out.blank = value === null;
  return out;
}

function setProblem(out: CoerceOutput, severity: Severity, reason: string, value: CellValue = null): CoerceOutput {
  out.value = value;
  out.severity = severity;
  out.reason = reason;
  out.blank = false;
  return out;
}

/**
 * Checks every type shares: an Excel error value (#N/A) is a broken formula, and U+FFFD means
 * the file's bytes were not readable in the chosen encoding. Returns true when handled.
 */
function commonChecks(s: string, out: CoerceOutput): boolean {
  if (s.charCodeAt(0) === 0x23 /* # */ && EXCEL_ERRORS.has(s.toUpperCase())) {
    setProblem(out, 'error', 'is an Excel error value: the formula behind this cell failed. Fix it in the spreadsheet and export again');
    return true;
  }
  if (s.indexOf('\uFFFD') !== -1) {
    setProblem(out, 'error', 'contains "\uFFFD", a character that could not be read; choose the file\'s correct encoding');
    return true;
  }
  return false;
}

/**
 * "'=HYPERLINK(…)": the apostrophe a CSV writer (ours included) puts before text that would run
 * as a formula. Excel never saves it into a CSV, so in a text or code cell it is the
 * neutralising mark, not part of the value. Other leading apostrophes are kept.
 */
export function hasFormulaApostrophe(s: string): boolean {
  if (s.length < 2 || s.charCodeAt(0) !== 0x27) return false;
  const c = s.charCodeAt(1);
  return c === 0x3d /* = */ || c === 0x2b /* + */ || c === 0x2d /* - */ || c === 0x40 /* @ */ || c === 0x09 || c === 0x0d;
}

function withoutFormulaApostrophe(s: string): string {
  return hasFormulaApostrophe(s) ? s.slice(1).trim() : s;
}

function isNullMarker(s: string): boolean {
  return s.length === 4 && (s === 'NULL' || s === 'null' || s === 'Null');
}

/** Marks codeMarks finds. */
const HAS_REPLACEMENT = 1;
const HAS_E = 2;

/**
 * One pass over a code for what its checks look for (U+FFFD, and an "e" that may make it
 * scientific notation): a product code is read on every row, and three indexOf scans of it
 * cost more than one loop over its few characters.
 */
function codeMarks(s: string): number {
  let marks = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x45 || c === 0x65) marks |= HAS_E;
    else if (c === 0xfffd) marks |= HAS_REPLACEMENT;
  }
  return marks;
}

export function coerceCode(raw: string, ctx: CoerceContext, out: CoerceOutput): CoerceOutput {
  let s = withoutFormulaApostrophe(trimmed(raw));
  if (s === '' || (ctx.nullAsBlank && isNullMarker(s))) return setOk(out, null);
  const marks = codeMarks(s);
  if (s.charCodeAt(0) === 0x23 /* # */ || (marks & HAS_REPLACEMENT) !== 0) {
    if (commonChecks(s, out)) return out;
  }
  if ((marks & HAS_E) !== 0 && SCIENTIFIC_RE.test(s)) {
    return setProblem(
      out,
      'error',
      'is in scientific notation: Excel has already rounded this code and the original digits are gone. Re-export the column formatted as text',
    );
  }
  if (ctx.stripTrailingZeroDecimal && s.endsWith('0') && FLOAT_INTEGER_RE.test(s)) s = s.slice(0, s.indexOf('.'));
  return setOk(out, s);
}

export function coerceText(raw: string, ctx: CoerceContext, out: CoerceOutput): CoerceOutput {
  const s = withoutFormulaApostrophe(trimmed(raw));
  if (s === '' || (ctx.nullAsBlank && isNullMarker(s))) return setOk(out, null);
  if (commonChecks(s, out)) return out;
  return setOk(out, s);
}

/** Text that must be one of the field's choices; any case is accepted and sent as the registry writes it. */
export function coerceChoice(raw: string, choices: readonly string[], ctx: CoerceContext, out: CoerceOutput): CoerceOutput {
  coerceText(raw, ctx, out);
  if (out.severity !== null || out.value === null) return out;
  const typed = String(out.value).toLowerCase();
  const choice = choices.find((c) => c.toLowerCase() === typed);
  if (choice === undefined) return setProblem(out, 'error', `is not one of ${choices.join(', ')}`);
  return setOk(out, choice);
}

export function coerceBoolean(raw: string, ctx: CoerceContext, out: CoerceOutput): CoerceOutput {
  const s = trimmed(raw);
  if (s === '' || (ctx.nullAsBlank && isNullMarker(s))) return setOk(out, null);
  if (commonChecks(s, out)) return out;
  switch (s.toLowerCase()) {
    case 'yes':
    case 'y':
    case 'true':
    case '1':
      return setOk(out, true);
    case 'no':
    case 'n':
    case 'false':
    case '0':
      return setOk(out, false);
    default:
      return setProblem(out, 'error', 'is not yes or no; use yes/no, true/false, y/n or 1/0');
  }
}

const numberScratch = newNumberParse();

function describeNumber(n: number): string {
  return String(n);
}

/** Shared by number, integer and fraction: parse, then range-check against the field. */
function coerceNumeric(raw: string, field: FieldDef, ctx: CoerceContext, out: CoerceOutput, kind: FieldType): CoerceOutput {
  const s = raw;
  const p = parseNumberInto(s, ctx.numberFormat, numberScratch);
  if (p.status === 0) return setOk(out, null);
  if (p.status === 2) {
    // Only text the number parser rejects can be a NULL marker, an Excel error or hold U+FFFD.
    const t = s.trim();
    if (ctx.nullAsBlank && isNullMarker(t)) return setOk(out, null);
    if (commonChecks(t, out)) return out;
    // Ambiguity and format mismatches explain themselves; only "not a number" needs the hint.
    if (!p.reason.startsWith('is not')) return setProblem(out, 'error', p.reason);
    if (kind === 'integer') return setProblem(out, 'error', `${p.reason}; ${field.label} takes a whole number such as 7, without units`);
    if (kind === 'fraction') return setProblem(out, 'error', `${p.reason}; ${field.label} takes a fraction such as 0.95 or a percentage such as 95%`);
    return setProblem(out, 'error', `${p.reason}; ${field.label} takes a number`);
  }
  let value = p.value;
  if (kind === 'fraction') {
    if (!p.percent && value > 1) {
      return setProblem(
        out,
        'error',
        value <= 100
          ? `is not a fraction; ${field.label} is a fraction, so write ${describeNumber(value)}% or ${describeNumber(Number(String(value) + 'e-2'))}`
          : `is more than 100%; ${field.label} is a fraction between 0 and 1 (or 0% to 100%)`,
      );
    }
    if (p.percent && value > 1) return setProblem(out, 'error', `is more than 100%; ${field.label} is between 0% and 100%`);
  } else if (p.percent) {
    return setProblem(out, 'error', `has a % sign; ${field.label} takes a plain number`);
  }
  if (kind === 'integer' && !Number.isInteger(value)) {
    return setProblem(out, 'error', `is not a whole number; ${field.label} takes a whole number`);
  }
  if (field.min !== undefined && value < field.min) {
    const shown = p.accountingNegative
      ? ` is ${describeNumber(value)} (brackets mean negative in accounting), and`
      : value < 0
        ? ' is negative;'
        : ` is below ${field.min};`;
    // The registry help explains what the field means, which tells the user why (e.g. that
    // returns are not sales).
    return setProblem(out, 'error', `${shown.slice(1)} StockTrim only accepts ${field.min} or more for ${field.label}. ${field.help}`);
  }
  if (value === 0 && Object.is(value, -0)) value = 0;
  if (p.scientific) {
    return setProblem(out, 'warning', `is in scientific notation and was read as ${describeNumber(value)}; check that Excel did not round it`, value);
  }
  if (p.tooPrecise) {
    return setProblem(out, 'warning', `has more digits than can be stored exactly; it will be sent as ${describeNumber(value)}`, value);
  }
  return setOk(out, value);
}

const dateParts = newDateParts();
const dateResult = newDateResult();

export function coerceDate(raw: string, ctx: CoerceContext, out: CoerceOutput): CoerceOutput {
  const s = trimmed(raw);
  if (s === '' || (ctx.nullAsBlank && isNullMarker(s))) return setOk(out, null);
  if (commonChecks(s, out)) return out;
  const parts = scanDate(s, dateParts);
  const r = resolveDate(parts, ctx.dateOrder, dateResult);
  if (parts.shape === 'serial' && !ctx.readDateSerials) {
    return setProblem(
      out,
      'error',
      r.status === 1
        ? `is a number, not a date (as an Excel date serial it would be ${r.iso.slice(0, 10)}; if the column holds Excel date serials, choose to read its numbers as dates)`
        : `is a number, not a date${r.reason ? ` (${r.reason})` : ''}`,
    );
  }
  if (r.status === 2) {
    if (parts.shape === 'serial') return setProblem(out, 'error', `is a number, not a date${r.reason ? ` (${r.reason})` : ''}`);
    return setProblem(out, 'error', r.reason);
  }
  if (r.status === 0) return setOk(out, null);
  if (r.warning) {
    // An Excel day number that lands far from today is almost certainly not a date at all.
    if (parts.shape === 'serial') return setProblem(out, 'error', `is a number, not a date (as an Excel day number it would be ${r.iso.slice(0, 10)})`);
    return setProblem(out, 'warning', r.warning, r.iso);
  }
  return setOk(out, r.iso);
}

/** Dispatches on the registry type. */
export function coerceInto(raw: string, field: FieldDef, ctx: CoerceContext, out: CoerceOutput): CoerceOutput {
  switch (field.type) {
    case 'code':
      return coerceCode(raw, ctx, out);
    case 'text':
      return field.choices ? coerceChoice(raw, field.choices, ctx, out) : coerceText(raw, ctx, out);
    case 'number':
    case 'integer':
    case 'fraction':
      return coerceNumeric(raw, field, ctx, out, field.type);
    case 'date':
      return coerceDate(raw, ctx, out);
    case 'boolean':
      return coerceBoolean(raw, ctx, out);
  }
}

/** Allocating convenience for tests and one-off calls. */
export function coerceValue(raw: string, field: FieldDef, ctx: Partial<CoerceContext> = {}): CoerceOutput {
  return { ...coerceInto(raw, field, { ...DEFAULT_COERCE_CONTEXT, ...ctx }, newCoerceOutput()) };
}
