/**
 * Compact storage for parsed records. An array of string arrays costs one array plus one
 * string object per cell, and papaparse's cells are slices that keep the whole decoded file
 * alive; half a million rows of that does not fit comfortably in a browser tab. Here each
 * record is one flat string (fields joined by U+001F) plus typed arrays for its metadata,
 * so memory is about the size of the text plus a few bytes per row.
 */

/** Unit separator: a control character that real spreadsheet text essentially never holds. */
const SEP = '\u001f';
const SEP_CODE = 0x1f;

export class RecordStore {
  private joined: string[] = [];
  private rowNumbers = new Uint32Array(1024);
  private fieldCounts = new Uint32Array(1024);
  /** Records whose text contains U+001F are kept as arrays so splitting stays exact. */
  private readonly exact = new Map<number, readonly string[]>();
  private readonly parseErrors = new Map<number, string>();
  private count = 0;
  /** Set false when the source text is known to contain no U+001F, to skip the per-field check. */
  private readonly checkSeparators: boolean;

  constructor(options: { readonly sourceMayContainSeparator?: boolean } = {}) {
    this.checkSeparators = options.sourceMayContainSeparator ?? true;
  }

  get length(): number {
    return this.count;
  }

  append(fields: readonly string[], rowNumber: number, parseError?: string): number {
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
    return this.fieldCounts[index]!;
  }

  parseError(index: number): string | undefined {
    return this.parseErrors.size === 0 ? undefined : this.parseErrors.get(index);
  }

  /**
   * Fills `out` with the record's fields and returns how many there are. Reusing `out` keeps
   * full-file passes from allocating an array per row.
   */
  read(index: number, out: string[]): number {
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

  fields(index: number): string[] {
    const out: string[] = new Array<string>(this.fieldCounts[index]!);
    this.read(index, out);
    return out;
  }

  field(index: number, column: number): string {
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
