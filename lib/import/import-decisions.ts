/**
 * Per-file and per-column reading decisions, made once from the whole column rather than cell
 * by cell: the number format (decimal mark), each date column's day/month order, whether a
 * code column is a float column in disguise ("17850.0"), and whether literal NULLs mean empty.
 * Each is shown to the user and can be overridden through ImportOptions.
 */
import type { DatasetDef, FieldDef } from '@/lib/datasets/field-def';
import type {
  CodeColumnDecision,
  ColumnMapping,
  DateColumnDecision,
  ImportDecisions,
  ImportOptions,
  NumberFormatDecision,
  SourceColumn,
} from './import-types';
import { NumberFormatDetector, DEFAULT_NUMBER_FORMAT, decimalEvidenceInto, newDecimalEvidence, type NumberFormat } from './coerce-number';
import { DateOrderDetector, decideDateOrder, bothReadings, serialReading, TWO_DIGIT_YEAR_PIVOT, type DateOrder } from './coerce-date';
import { DEFAULT_COERCE_CONTEXT, hasFormulaApostrophe, type CoerceContext } from './coerce-value';

/** Rows read by one data pass; the source keeps them compact. */
export interface RowSource {
  readonly rowCount: number;
  /** Fills `out` with row i's fields, returns the field count. */
  read(row: number, out: string[]): number;
  /** Like read, but need only fill the listed columns. */
  readColumns?(row: number, out: string[], columns: readonly number[]): number;
}

const FLOAT_INTEGER_RE = /^\d+\.0+$/;

interface MappedField {
  field: FieldDef;
  column: number;
}

function mappedFields(dataset: DatasetDef, mapping: ColumnMapping): MappedField[] {
  const out: MappedField[] = [];
  for (const field of dataset.fields) {
    const c = mapping[field.key];
    if (c !== null && c !== undefined) out.push({ field, column: c });
  }
  return out;
}

export interface DecisionsResult {
  readonly decisions: ImportDecisions;
  /** Coercion settings of each source column under these decisions. */
  contextFor(column: number): CoerceContext;
}

/** The evidence of the file's rows about how to read them, gathered row by row. */
export interface ReadingEvidence {
  /** The columns add() looks at; a row's other fields need not be filled. */
  readonly columns: readonly number[];
  /** Counts one row's evidence (rows must come in file order, each once). */
  add(fields: readonly string[], fieldCount: number): void;
  /** Decisions from the rows added so far (callable again after more rows). */
  decide(): DecisionsResult;
}

/**
 * Evidence for the reading decisions, collected from rows as a pass meets them, so the table
 * can gather it during its own validation pass rather than reading every row twice.
 */
export function readingEvidence(args: {
  readonly dataset: DatasetDef;
  readonly mapping: ColumnMapping;
  readonly columns: readonly SourceColumn[];
  readonly options?: ImportOptions;
}): ReadingEvidence {
  const { dataset, mapping, columns, options = {} } = args;
  const mapped = mappedFields(dataset, mapping);
  const numeric = mapped.filter((m) => m.field.type === 'number' || m.field.type === 'integer' || m.field.type === 'fraction');
  const dates = mapped.filter((m) => m.field.type === 'date');
  const codes = mapped.filter((m) => m.field.type === 'code');
  const texts = [...new Set(mapped.filter((m) => m.field.type === 'code' || m.field.type === 'text').map((m) => m.column))];
  let apostrophes = 0;

  const numberDetector = new NumberFormatDetector();
  const dateDetectors = dates.map(() => new DateOrderDetector());
  const codeFloatLike = codes.map(() => 0);
  const codeOther = codes.map(() => 0);
  let nullCells = 0;

  // Each check remembers the last text it saw in its column: a repeated value (every line
  // of an order repeats its date) counts its evidence again without being read again.
  const lastNumeric: (string | null)[] = numeric.map(() => null);
  const numericEvidence = numeric.map(() => newDecimalEvidence());
  const lastDate: (string | null)[] = dates.map(() => null);
  const lastCode: (string | null)[] = codes.map(() => null);
  const lastCodeKind = codes.map(() => 0);

  function add(buf: readonly string[], n: number): void {
    for (const m of mapped) {
      if (m.column >= n) continue;
      const v = buf[m.column]!;
      if (v.length === 4 && (v === 'NULL' || v === 'null')) nullCells++;
    }
    for (const col of texts) {
      if (col >= n) continue;
      const v = buf[col]!;
      if (v.length < 2) continue;
      // Only a value that starts with the apostrophe, or with something trimStart removes
      // (spaces, or any character from U+0080 up), can have one after trimming.
      const first = v.charCodeAt(0);
      if (first !== 0x27 && first > 0x20 && first < 0x80) continue;
      if (v.trimStart().charCodeAt(0) === 0x27 && hasFormulaApostrophe(v.trim())) apostrophes++;
    }
    for (let k = 0; k < numeric.length; k++) {
      const col = numeric[k]!.column;
      if (col >= n) continue;
      const v = buf[col]!;
      if (v !== lastNumeric[k]) {
        lastNumeric[k] = v;
        decimalEvidenceInto(v, numericEvidence[k]!);
      }
      numberDetector.count(numericEvidence[k]!, v);
    }
    for (let d = 0; d < dates.length; d++) {
      const col = dates[d]!.column;
      if (col >= n) continue;
      const v = buf[col]!;
      if (v === lastDate[d]) dateDetectors[d]!.repeat(v);
      else {
        lastDate[d] = v;
        dateDetectors[d]!.add(v);
      }
    }
    for (let c = 0; c < codes.length; c++) {
      const col = codes[c]!.column;
      if (col >= n) continue;
      const raw = buf[col]!;
      let kind = lastCodeKind[c]!;
      if (raw !== lastCode[c]) {
        lastCode[c] = raw;
        const v = raw.trim();
        kind = v === '' || v === 'NULL' ? 0 : v.endsWith('0') && FLOAT_INTEGER_RE.test(v) ? 1 : 2;
        lastCodeKind[c] = kind;
      }
      if (kind === 1) codeFloatLike[c]!++;
      else if (kind === 2) codeOther[c]!++;
    }
  }

  function decide(): DecisionsResult {
    const byIndex = new Map(columns.map((c) => [c.index, c]));
    const labelOf = (col: number) => byIndex.get(col)?.label ?? `column ${col + 1}`;

    const detected = numberDetector.decide();
    let format: NumberFormat = detected.format;
    let numberSource: NumberFormatDecision['source'] =
      detected.dotVotes + detected.commaVotes > 0 ? 'detected' : 'default';
    if (options.numberFormat) {
      format = {
        decimal: options.numberFormat.decimal,
        threeDigitDecimals: options.numberFormat.threeDigitDecimals ?? (options.numberFormat.decimal === detected.format.decimal ? detected.format.threeDigitDecimals : 'ask'),
      };
      numberSource = 'user';
    }
    // Proven when the user chose, or when values vote for one mark only. Until then, "2,500" is
    // as much a question as "1.234": nothing with one separator and three digits is guessed.
    const decimalProven = numberSource === 'user' || (detected.dotVotes > 0) !== (detected.commaVotes > 0);
    if (!decimalProven) format = { decimal: format.decimal, threeDigitDecimals: 'ask', groupingAmbiguous: true };
    const numberFormat: NumberFormatDecision = {
      decimal: format.decimal,
      threeDigitDecimals: format.threeDigitDecimals,
      source: numberSource,
      uncertain: numberSource !== 'user' && detected.uncertain,
      dotVotes: detected.dotVotes,
      commaVotes: detected.commaVotes,
      ambiguousExamples: decimalProven ? detected.ambiguousExamplesByMark[format.decimal] : detected.ambiguousExamples,
      decimalProven,
    };

    const dateOrders = new Map<number, DateOrder | null>();
    const readSerials = new Map<number, boolean>();
    const dateColumns: DateColumnDecision[] = dates.map((m, d) => {
      const e = dateDetectors[d]!.evidence();
      const decided = decideDateOrder(e);
      const forced = options.dateOrders?.[m.column];
      const order = forced ?? decided.order;
      dateOrders.set(m.column, order);
      const notes: string[] = [];
      if (decided.status === 'proven') {
        notes.push(`${order === 'dmy' ? 'Day-first' : 'Month-first'}: ${e.proofExamples[0] ?? ''} can only be read that way.`);
      } else if (decided.status === 'conflict') {
        notes.push(
          `The column mixes orders: ${e.dayFirstProofs} value${e.dayFirstProofs === 1 ? '' : 's'} only fit day-first and ${e.monthFirstProofs} only fit month-first. ${decided.order === 'dmy' ? 'Day-first' : 'Month-first'} is used; values that do not fit are rejected.`,
        );
      } else if (decided.status === 'ambiguous' && !forced) {
        notes.push(`No value shows whether the day or the month comes first (e.g. ${e.ambiguousExamples[0] ?? ''}); choose the order.`);
      }
      if (e.twoDigitYears > 0) {
        notes.push(`${e.twoDigitYears} value${e.twoDigitYears === 1 ? ' has' : 's have'} a two-digit year: 00–${TWO_DIGIT_YEAR_PIVOT - 1} are read as 20xx and ${TWO_DIGIT_YEAR_PIVOT}–99 as 19xx.`);
      }
      const serialChoice = options.dateSerials?.[m.column];
      const readThem = serialChoice === true;
      readSerials.set(m.column, readThem);
      const serialExamples = e.serialExamples.map((raw) => ({ raw, asDate: serialReading(raw) }));
      if (e.serials > 0) {
        const ex = serialExamples[0];
        const shown = ex ? ` (e.g. ${ex.raw}${ex.asDate ? ` would be ${ex.asDate.slice(0, 10)}` : ''})` : '';
        notes.push(
          readThem
            ? `${e.serials} value${e.serials === 1 ? ' is a plain number' : 's are plain numbers'}, read as Excel date serials as you chose${shown}.`
            : `${e.serials} value${e.serials === 1 ? ' is a plain number' : 's are plain numbers'}, not dates, and ${e.serials === 1 ? 'is an error' : 'are errors'}${shown}. If the column holds Excel date serials, choose to read them as dates; if not, check the mapping.`,
        );
      }
      if (e.offsets > 0) notes.push('Some times carry a time zone; it is dropped and the clock time as written is kept, because StockTrim takes local times.');
      return {
        field: m.field.key,
        columnIndex: m.column,
        columnLabel: labelOf(m.column),
        order,
        status: forced ? 'user' : decided.status,
        examples: e.ambiguousExamples.map((raw) => ({ raw, ...bothReadings(raw) })),
        notes,
        ...(e.serials > 0 || serialChoice !== undefined
          ? { serials: { count: e.serials, read: readThem, source: serialChoice !== undefined ? ('user' as const) : ('default' as const), examples: serialExamples } }
          : {}),
      };
    });

    const strip = new Map<number, boolean>();
    const codeColumns: CodeColumnDecision[] = [];
    codes.forEach((m, c) => {
      const floatLike = codeFloatLike[c]!;
      const detectedStrip = floatLike > 0 && codeOther[c] === 0;
      const forced = options.stripTrailingZeroDecimal?.[m.column];
      const value = forced ?? detectedStrip;
      strip.set(m.column, value);
      if (detectedStrip || forced !== undefined) {
        codeColumns.push({
          field: m.field.key,
          columnIndex: m.column,
          columnLabel: labelOf(m.column),
          stripTrailingZeroDecimal: value,
          source: forced !== undefined ? 'user' : 'detected',
        });
      }
    });

    const nullAsBlank = options.nullAsBlank ?? nullCells > 0;
    const decisions: ImportDecisions = {
      numberFormat,
      dateColumns,
      codeColumns,
      nullAsBlank,
      nullCellsSeen: nullCells,
      ...(apostrophes > 0 ? { formulaApostrophes: apostrophes } : {}),
    };

    const contexts = new Map<number, CoerceContext>();
    return {
      decisions,
      contextFor(column: number): CoerceContext {
        let ctx = contexts.get(column);
        if (!ctx) {
          ctx = {
            ...DEFAULT_COERCE_CONTEXT,
            numberFormat: format ?? DEFAULT_NUMBER_FORMAT,
            dateOrder: dateOrders.get(column) ?? null,
            nullAsBlank,
            stripTrailingZeroDecimal: strip.get(column) ?? false,
            readDateSerials: readSerials.get(column) ?? false,
          };
          contexts.set(column, ctx);
        }
        return ctx;
      },
    };
  }

  return { columns: [...new Set(mapped.map((m) => m.column))], add, decide };
}

/**
 * One pass over the mapped columns collects all evidence; overrides then replace detected
 * choices. `rowLimit` caps the pass for very large files (evidence in the first rows decides).
 */
export function decideReadings(args: {
  readonly dataset: DatasetDef;
  readonly mapping: ColumnMapping;
  readonly columns: readonly SourceColumn[];
  readonly rows: RowSource;
  readonly options?: ImportOptions;
  readonly rowLimit?: number;
}): DecisionsResult {
  const evidence = readingEvidence(args);
  const limit = Math.min(args.rows.rowCount, args.rowLimit ?? Number.POSITIVE_INFINITY);
  const buf: string[] = [];
  const wanted = evidence.columns;
  for (let r = 0; r < limit; r++) evidence.add(buf, args.rows.readColumns ? args.rows.readColumns(r, buf, wanted) : args.rows.read(r, buf));
  return evidence.decide();
}

/** File-level problems the user must resolve or confirm, in words. */
export function decisionProblems(decisions: ImportDecisions): string[] {
  const out: string[] = [];
  for (const d of decisions.dateColumns) {
    if (d.status === 'ambiguous' && d.order === null) {
      const ex = d.examples[0];
      out.push(
        `Column "${d.columnLabel}": the day/month order is unclear${ex ? ` ("${ex.raw}" could be ${ex.asDayFirst?.slice(0, 10) ?? '?'} or ${ex.asMonthFirst?.slice(0, 10) ?? '?'})` : ''}. Choose day-first or month-first; until then those dates are not sent.`,
      );
    }
  }
  for (const d of decisions.dateColumns) {
    if (d.serials && !d.serials.read && d.serials.count > 0) {
      const ex = d.serials.examples[0];
      out.push(
        `Column "${d.columnLabel}" has ${d.serials.count} plain number${d.serials.count === 1 ? '' : 's'} where dates are expected${ex ? ` (e.g. "${ex.raw}"${ex.asDate ? `, which as an Excel date serial would be ${ex.asDate.slice(0, 10)}` : ''})` : ''}; they are errors. Read them as Excel date serials only if that is what they are.`,
      );
    }
  }
  const nf = decisions.numberFormat;
  if (nf.uncertain) {
    out.push(
      nf.dotVotes > 0 && nf.commaVotes > 0
        ? `Numbers use both "." and "," as the decimal mark; "${nf.decimal}" is used. Check the number format.`
        : `The file does not show which decimal mark it uses${nf.ambiguousExamples.length > 0 ? ` (${nf.ambiguousExamples.slice(0, 2).map((e) => `"${e}"`).join(', ')} could each be read two ways)` : ''}; "${nf.decimal}" is assumed, and such values are flagged and not sent until you choose the decimal mark.`,
    );
  }
  return out;
}

/** True when two sets of decisions read every one of the first `columnCount` columns alike. */
export function sameReadings(a: DecisionsResult, b: DecisionsResult, columnCount: number): boolean {
  for (let c = 0; c < columnCount; c++) {
    const x = a.contextFor(c);
    const y = b.contextFor(c);
    if (
      x.numberFormat.decimal !== y.numberFormat.decimal ||
      x.numberFormat.threeDigitDecimals !== y.numberFormat.threeDigitDecimals ||
      (x.numberFormat.groupingAmbiguous ?? false) !== (y.numberFormat.groupingAmbiguous ?? false) ||
      x.dateOrder !== y.dateOrder ||
      x.nullAsBlank !== y.nullAsBlank ||
      x.stripTrailingZeroDecimal !== y.stripTrailingZeroDecimal ||
      (x.readDateSerials ?? false) !== (y.readDateSerials ?? false)
    ) {
      return false;
    }
  }
  return a.decisions.nullAsBlank === b.decisions.nullAsBlank;
}
