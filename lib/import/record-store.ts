/**
 * Compact storage for parsed records. An array of string arrays costs one array plus one
 * string object per cell, and half a million rows of that does not fit comfortably in a
 * browser tab. Two layouts share one interface:
 *
 * - Text-backed (what the delimited scanner builds): the decoded file text itself plus typed
 *   arrays of where each record starts and where each of its fields ends. Nothing is copied
 *   while parsing, so the parse allocates no strings at all; a field is sliced out only when
 *   someone reads it, and reading one field is O(1) instead of a split of the whole row.
 * - Appended (XLSX sheets, tests, the papaparse fallback for malformed text): each record is
 *   one flat string (fields joined by U+001F) plus typed arrays for its metadata.
 */

/** Unit separator: a control character that real spreadsheet text essentially never holds. */
const SEP = '\u001f';
const SEP_CODE = 0x1f;
const QUOTE = 0x22;
const DOUBLED_QUOTES = /""/g;

/** What the delimited scanner hands over: spans into `text`, one entry per kept record. */
export interface TextSpans {
  readonly text: string;
  readonly count: number;
  /** Offset of each record's first character. */
  readonly starts: Uint32Array;
  /** count + 1 entries: record i's fields are ends[fieldBase[i] .. fieldBase[i + 1]). */
  readonly fieldBase: Uint32Array;
  /** Offset just past each field's raw text (the delimiter, line break or end of text). */
  readonly ends: Uint32Array;
  readonly rowNumbers: Uint32Array;
}

/**
 * A field's value from its raw span. The scanner only builds spans for well-formed quoting,
 * so a field that starts with a quote ends with the closing one and doubled quotes inside
 * are escapes.
 */
function cellOf(text: string, start: number, end: number): string {
  if (start < end && text.charCodeAt(start) === QUOTE) {
    const inner = text.slice(start + 1, end - 1);
    return inner.indexOf('"') === -1 ? inner : inner.replace(DOUBLED_QUOTES, '"');
  }
  return text.slice(start, end);
}

export class RecordStore {
  private joined: string[] = [];
  private rowNumbers: Uint32Array = new Uint32Array(1024);
  private fieldCounts = new Uint32Array(1024);
  /** Records whose text contains U+001F are kept as arrays so splitting stays exact. */
  private readonly exact = new Map<number, readonly string[]>();
  private readonly parseErrors = new Map<number, string>();
  private count = 0;
  /** Set false when the source text is known to contain no U+001F, to skip the per-field check. */
  private readonly checkSeparators: boolean;
  private readonly text: string | null = null;
  private readonly starts: Uint32Array | null = null;
  private readonly fieldBase: Uint32Array | null = null;
  private readonly ends: Uint32Array | null = null;

  constructor(options: { readonly sourceMayContainSeparator?: boolean; readonly spans?: TextSpans } = {}) {
    this.checkSeparators = options.sourceMayContainSeparator ?? true;
    const spans = options.spans;
    if (spans) {
      this.text = spans.text;
      this.starts = spans.starts;
      this.fieldBase = spans.fieldBase;
      this.ends = spans.ends;
      this.rowNumbers = spans.rowNumbers;
      this.count = spans.count;
    }
  }

  get length(): number {
    return this.count;
  }

  append(fields: readonly string[], rowNumber: number, parseError?: string): number {
    if (this.text !== null) throw new Error('A text-backed record store cannot take appended records.');
    const index = this.count;
    if (index === this.rowNumbers.length) this.grow();
    let hasSep = false;
    for (let i = 0; this.checkSeparators && i < fields.length; i++) {
      if (fields[i]!.indexOf(SEP) !== -1) {
        hasSep = true;
        break;
      }
    }
    if (hasSep) {
      this.exact.set(index, fields.slice());
      this.joined.push('');
    } else {
      // join() copies into a fresh flat string, releasing the parser's slices of the file.
      this.joined.push(fields.length === 1 ? flatCopy(fields[0]!) : fields.join(SEP));
    }
    this.rowNumbers[index] = rowNumber;
    this.fieldCounts[index] = fields.length;
    if (parseError) this.parseErrors.set(index, parseError);
    this.count++;
    return index;
  }

  private grow(): void {
    const size = this.rowNumbers.length * 2;
    const rn = new Uint32Array(size);
    rn.set(this.rowNumbers);
    this.rowNumbers = rn;
    const fc = new Uint32Array(size);
    fc.set(this.fieldCounts);
    this.fieldCounts = fc;
  }

  rowNumber(index: number): number {
    return this.rowNumbers[index]!;
  }

  fieldCount(index: number): number {
    const base = this.fieldBase;
    return base !== null ? base[index + 1]! - base[index]! : this.fieldCounts[index]!;
  }

  parseError(index: number): string | undefined {
    return this.parseErrors.size === 0 ? undefined : this.parseErrors.get(index);
  }

  /**
   * Fills `out` with the record's fields and returns how many there are. Reusing `out` keeps
   * full-file passes from allocating an array per row.
   */
  read(index: number, out: string[]): number {
    const text = this.text;
    if (text !== null) {
      const ends = this.ends!;
      const first = this.fieldBase![index]!;
      const n = this.fieldBase![index + 1]! - first;
      let start = this.starts![index]!;
      for (let i = 0; i < n; i++) {
        const end = ends[first + i]!;
        out[i] = cellOf(text, start, end);
        start = end + 1;
      }
      return n;
    }
    const n = this.fieldCounts[index]!;
    const exact = this.exact.size === 0 ? undefined : this.exact.get(index);
    if (exact) {
      for (let i = 0; i < n; i++) out[i] = exact[i]!;
      return n;
    }
    const s = this.joined[index]!;
    let start = 0;
    for (let i = 0; i < n - 1; i++) {
      const end = s.indexOf(SEP, start);
      out[i] = s.slice(start, end);
      start = end + 1;
    }
    out[n - 1] = s.slice(start);
    return n;
  }

  /**
   * Like read, but fills only the listed columns (others in `out` keep stale values): passes
   * that look at a few mapped columns skip slicing the rest.
   */
  readColumns(index: number, out: string[], columns: readonly number[]): number {
    const text = this.text;
    if (text === null) return this.read(index, out);
    // The row's bounds are looked up once, not once per column: this runs for every row of
    // every validation pass.
    const ends = this.ends!;
    const first = this.fieldBase![index]!;
    const n = this.fieldBase![index + 1]! - first;
    const rowStart = this.starts![index]!;
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k]!;
      if (c >= n) continue;
      const start = c === 0 ? rowStart : ends[first + c - 1]! + 1;
      const end = ends[first + c]!;
      out[c] = cellOf(text, start, end);
    }
    return n;
  }

  fields(index: number): string[] {
    const out: string[] = new Array<string>(this.fieldCount(index));
    this.read(index, out);
    return out;
  }

  field(index: number, column: number): string {
    const text = this.text;
    if (text !== null) {
      const first = this.fieldBase![index]!;
      if (column >= this.fieldBase![index + 1]! - first) return '';
      const ends = this.ends!;
      const start = column === 0 ? this.starts![index]! : ends[first + column - 1]! + 1;
      return cellOf(text, start, ends[first + column]!);
    }
    const n = this.fieldCounts[index]!;
    if (column >= n) return '';
    const exact = this.exact.size === 0 ? undefined : this.exact.get(index);
    if (exact) return exact[column]!;
    const s = this.joined[index]!;
    let start = 0;
    for (let i = 0; i < column; i++) start = s.indexOf(SEP, start) + 1;
    let end = start;
    const len = s.length;
    while (end < len && s.charCodeAt(end) !== SEP_CODE) end++;
    return s.slice(start, end);
  }
}

/**
 * A single-field record would otherwise be stored as the parser's slice of the whole text.
 * Concatenation with a separator and slicing back forces a flat copy in V8 without relying
 * on engine internals.
 */
function flatCopy(value: string): string {
  return value.length < 13 ? value : (SEP + value).slice(1);
}
