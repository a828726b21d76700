/**
 * Text → records. We choose the delimiter ourselves because papaparse's guesser falls back to
 * "," on small or two-column files (case 04), and we number records as spreadsheet rows so
 * every message can cite the row a person sees in Excel.
 *
 * Well-formed text is split by our own single-pass scanner, which records where fields end
 * instead of building a string per cell (papaparse's arrays of slices were most of the
 * parse's time and garbage on a 500k-row file). It reads exactly as papaparse does; the
 * moment it meets quoting papaparse would report as broken (a quote never closed, text after
 * a closing quote), the whole text goes to papaparse instead, so fault files keep papaparse's
 * reading and its error positions.
 */
import { endSentence } from '@/lib/text/sentence';
import Papa from 'papaparse';
import type { Delimiter } from './import-types';
import { RecordStore, type TextSpans } from './record-store';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export interface DelimiterDetection {
  readonly delimiter: Delimiter;
  /** True when the file does not make the choice clear; the UI should ask. */
  readonly uncertain: boolean;
  /** Share of sampled records that have the most common field count, per delimiter (0 when it never splits). */
  readonly scores: Readonly<Record<Delimiter, number>>;
  /** Most common field count per delimiter. */
  readonly fieldCounts: Readonly<Record<Delimiter, number>>;
  readonly reason: string;
}

export interface DetectDelimiterOptions {
  /** How many records to look at; quoted line breaks do not end a record. */
  readonly sampleRecords?: number;
  /** A hint such as the file extension (.tsv → tab); used only to break ties. */
  readonly preferred?: Delimiter;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Counts, for one candidate delimiter, the fields of each of the first records, honouring
 * quotes the way CSV does: a quote opens a quoted value only at the start of a field, and
 * inside one a doubled quote is a literal quote.
 */
function sampleFieldCounts(text: string, delimiter: number, maxRecords: number, maxChars: number): number[] {
  const counts: number[] = [];
  const end = Math.min(text.length, maxChars);
  let fields = 1;
  let fieldStart = true;
  let inQuotes = false;
  let blank = true;
  for (let i = 0; i < end && counts.length < maxRecords; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === QUOTE && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      blank = false;
    } else if (c === delimiter) {
      fields++;
      fieldStart = true;
      blank = false;
    } else if (c === LF || c === CR) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      if (!blank) counts.push(fields);
      fields = 1;
      fieldStart = true;
      blank = true;
    } else {
      fieldStart = false;
      if (c !== 0x20 && c !== 0x09) blank = false;
    }
  }
  // The last record counts only if the sample reached the end of the text; a record cut off
  // by maxChars would look short and spoil the consistency score.
  if (!blank && end === text.length && counts.length < maxRecords) counts.push(fields);
  return counts;
}

function modeOf(values: readonly number[]): { value: number; share: number } {
  if (values.length === 0) return { value: 1, share: 0 };
  const freq = new Map<number, number>();
  let best = values[0]!;
  let bestCount = 0;
  for (const v of values) {
    const n = (freq.get(v) ?? 0) + 1;
    freq.set(v, n);
    // Ties go to the count seen first (usually the header's).
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return { value: best, share: bestCount / values.length };
}

export function delimiterLabel(d: Delimiter): string {
  switch (d) {
    case ',':
      return 'comma';
    case ';':
      return 'semicolon';
    case '\t':
      return 'tab';
    case '|':
      return 'pipe';
  }
}

/**
 * Picks the delimiter whose field count is the same on the most records. Title rows above
 * the header lower every candidate equally, so consistency is measured over all sampled
 * records but a candidate must split the header-like majority into 2+ fields to count.
 */
export function detectDelimiter(text: string, options: DetectDelimiterOptions = {}): DelimiterDetection {
  const maxRecords = options.sampleRecords ?? 50;
  const scores = { ',': 0, ';': 0, '\t': 0, '|': 0 } as Record<Delimiter, number>;
  const fieldCounts = { ',': 1, ';': 1, '\t': 1, '|': 1 } as Record<Delimiter, number>;
  let sampled = 0;
  for (const d of DELIMITERS) {
    const counts = sampleFieldCounts(text, d.charCodeAt(0), maxRecords, 256 * 1024);
    sampled = Math.max(sampled, counts.length);
    const { value, share } = modeOf(counts);
    fieldCounts[d] = value;
    scores[d] = value > 1 ? share : 0;
  }

  const ranked = [...DELIMITERS].sort((a, b) => {
    const diff = scores[b] - scores[a];
    if (Math.abs(diff) > 1e-9) return diff;
    if (options.preferred === a) return -1;
    if (options.preferred === b) return 1;
    return fieldCounts[b] - fieldCounts[a];
  });
  const best = ranked[0]!;
  const second = ranked[1]!;

  if (scores[best] === 0) {
    const d = options.preferred ?? ',';
    return {
      delimiter: d,
      uncertain: sampled > 0,
      scores,
      fieldCounts,
      reason: `No comma, semicolon, tab or pipe separates the values, so the file reads as one column. Check the separator if it should have more.`,
    };
  }

  const close = scores[second] > 0 && scores[best] - scores[second] < 0.1;
  const weak = scores[best] < 0.8;
  const tooFew = sampled < 2;
  const uncertain = close || weak || tooFew;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  let reason = `${delimiterLabel(best)} gives ${n(fieldCounts[best], 'column')} on ${Math.round(scores[best] * 100)}% of ${sampled === 1 ? 'the first row' : `the first ${sampled} rows`}`;
  if (close) reason += `; ${delimiterLabel(second)} fits almost as well (${n(fieldCounts[second], 'column')})`;
  else if (weak) reason += '; the rows do not agree on a column count';
  else if (tooFew) reason += '; there are too few rows to be sure';
  return { delimiter: best, uncertain, scores, fieldCounts, reason: reason + '.' };
}

export interface ParseProblem {
  readonly rowNumber: number;
  readonly message: string;
}

export interface ParseDelimitedOptions {
  /** Forced delimiter; detected when absent. */
  readonly delimiter?: Delimiter;
  readonly preferredDelimiter?: Delimiter;
  /** Called with a 0–1 fraction of the text parsed. */
  readonly onProgress?: (fraction: number) => void;
  /** Characters per papaparse chunk (and between progress reports); smaller gives finer progress. */
  readonly chunkSize?: number;
  /** Tests only: force papaparse even for well-formed text, to compare the two readings. */
  readonly engine?: 'auto' | 'papaparse';
}

export interface ParseDelimitedResult {
  readonly store: RecordStore;
  readonly delimiter: Delimiter;
  readonly delimiterUncertain: boolean;
  readonly delimiterReason: string;
  /** Row numbers of blank records that sit between non-blank ones (trailing blanks are not rows). */
  readonly blankRowNumbers: readonly number[];
  readonly blankRowCount: number;
  readonly problems: readonly ParseProblem[];
}

function isBlankRecord(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    for (let j = 0; j < f.length; j++) {
      const c = f.charCodeAt(j);
      if (c !== 0x20 && c !== 0x09 && c !== 0xa0 && c !== CR && c !== LF) return false;
    }
  }
  return true;
}

function swallowedLines(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    let at = f.indexOf('\n');
    while (at !== -1) {
      n++;
      at = f.indexOf('\n', at + 1);
    }
  }
  return n;
}

function describePapaError(code: string, delimiter: Delimiter, fields: readonly string[]): string {
  switch (code) {
    case 'MissingQuotes': {
      const lines = swallowedLines(fields);
      return `a quoted value (starting with ") is never closed, so ${lines === 0 ? 'the rest of the file was' : lines === 1 ? 'the line after it was' : `the ${lines} lines after it were`} read into this row; add the closing quote`;
    }
    case 'InvalidQuotes':
      return 'a quote inside a quoted value must be written twice (""); the value may be cut wrongly';
    default:
      return `this row could not be split cleanly at ${delimiterLabel(delimiter)}s`;
  }
}

const LINE_GUESS_CHARS = 1024 * 1024;
const QUOTED_SPAN = /"[^]*?"/g;

/**
 * The line break papaparse would use: it decides once, from the first 1 MB with quoted
 * sections removed, and splits every later row on that exact sequence (so under "\n" a
 * stray "\r" stays in the last field). Our scanner must split the same way.
 */
export function guessLineBreak(text: string): '\n' | '\r\n' | '\r' {
  const head = (text.length > LINE_GUESS_CHARS ? text.slice(0, LINE_GUESS_CHARS) : text).replace(QUOTED_SPAN, '');
  const firstCr = head.indexOf('\r');
  if (firstCr === -1) return '\n';
  const firstLf = head.indexOf('\n');
  if (firstLf !== -1 && firstLf < firstCr) return '\n';
  let crs = 0;
  let crlf = 0;
  for (let at = firstCr; at !== -1; at = head.indexOf('\r', at + 1)) {
    crs++;
    if (head.charCodeAt(at + 1) === LF) crlf++;
  }
  return crlf >= (crs + 1) / 2 ? '\r\n' : '\r';
}

/** Growable Uint32Array; the scanner's only allocations are these doublings. */
class U32 {
  a: Uint32Array;
  n = 0;
  constructor(size: number) {
    this.a = new Uint32Array(size);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  /**
   * The filled part. When much of the array is unused (after a doubling), an exact copy, so
   * the slack is not kept for the life of the import; otherwise a view, which costs no copy.
   */
  done(): Uint32Array {
    return this.n >= this.a.length * 0.9 ? this.a.subarray(0, this.n) : this.a.slice(0, this.n);
  }
}

const SAMPLE_CHARS = 32_768;

/**
 * About how many lines the text has, a little over rather than under. The first lines alone
 * can mislead (a file whose early lines are shorter than its later ones made the arrays grow
 * by doubling, then be copied to size, on the full Online Retail file), so lines are counted
 * in windows at the start, a third and two thirds of the way in.
 */
function estimateLines(text: string): number {
  const len = text.length;
  if (len <= 4 * SAMPLE_CHARS) {
    let lines = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
    return Math.max(16, lines);
  }
  let lines = 0;
  for (const from of [0, Math.floor(len / 3), Math.floor((2 * len) / 3)]) {
    const to = from + SAMPLE_CHARS;
    for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) lines++;
  }
  return Math.max(16, Math.ceil((len / (3 * SAMPLE_CHARS)) * (lines + 1) * 1.04));
}

interface ScanResult {
  readonly spans: TextSpans;
  readonly blankRowNumbers: number[];
}

function isBlankChar(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === CR || c === LF;
}

/**
 * Splits well-formed text into spans, or returns null when quoting is broken somewhere (the
 * caller then lets papaparse read the text and report where). A field is quoted when a quote
 * is its first character; inside, a doubled quote is a literal quote, and the closing quote
 * must be followed by the delimiter, the line break or the end of the text.
 */
function scanWellFormed(text: string, delimiter: Delimiter, onProgress: ((fraction: number) => void) | undefined, progressEvery: number): ScanResult | null {
  const len = text.length;
  const d = delimiter.charCodeAt(0);
  const newline = guessLineBreak(text);
  const nl = newline.charCodeAt(0);
  const nlLen = newline.length;
  // Sizes estimated from samples of the text (line length, fields on the first line) avoid
  // doublings, and copies at the end, on big files.
  let firstLineFields = 1;
  const firstBreak = text.indexOf('\n');
  for (let at = text.indexOf(delimiter); at !== -1 && (firstBreak === -1 || at < firstBreak); at = text.indexOf(delimiter, at + 1)) firstLineFields++;
  const guessRows = estimateLines(text);
  const starts = new U32(guessRows);
  const rowNumbers = new U32(guessRows);
  const fieldBase = new U32(guessRows + 1);
  const ends = new U32(guessRows * Math.min(64, firstLineFields));
  const blankRowNumbers: number[] = [];
  let pendingBlanks: number[] = [];
  let recordNumber = 0;
  let nextReport = progressEvery;
  let pos = 0;
  let nextDelim = -1;
  let nextBreak = -1;
  fieldBase.push(0);
  while (pos < len) {
    const recordStart = pos;
    const firstField = ends.n;
    let sawQuote = false;
    let recordEnd: number;
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        sawQuote = true;
        let q = pos + 1;
        for (;;) {
          q = text.indexOf('"', q);
          if (q === -1) return null;
          if (text.charCodeAt(q + 1) === QUOTE) q += 2;
          else break;
        }
        const after = q + 1;
        ends.push(after);
        if (after >= len) {
          recordEnd = pos = len;
          break;
        }
        const c = text.charCodeAt(after);
        if (c === d) {
          pos = after + 1;
          continue;
        }
        if (c === nl && (nlLen === 1 || text.charCodeAt(after + 1) === LF)) {
          recordEnd = after;
          pos = after + nlLen;
          break;
        }
        return null;
      }
      // Unquoted: up to the next delimiter or line break, each found with indexOf (native
      // and far faster than a loop over char codes) and kept until the scan passes it.
      if (nextDelim < pos) {
        nextDelim = text.indexOf(delimiter, pos);
        if (nextDelim === -1) nextDelim = len;
      }
      if (nextBreak < pos) {
        nextBreak = text.indexOf(newline, pos);
        if (nextBreak === -1) nextBreak = len;
      }
      if (nextDelim < nextBreak) {
        // A delimiter as the very last character leaves one more, empty, field: the next
        // turn of this loop records it at the end of the text.
        ends.push(nextDelim);
        pos = nextDelim + 1;
        continue;
      }
      ends.push(nextBreak);
      recordEnd = nextBreak;
      pos = nextBreak >= len ? len : nextBreak + nlLen;
      break;
    }
    recordNumber++;
    // Most records show a non-blank character at once; one with quotes is judged on its values.
    let blank = true;
    if (sawQuote) {
      blank = spanFieldsBlank(text, recordStart, ends.a, firstField, ends.n);
    } else {
      for (let i = recordStart; i < recordEnd; i++) {
        const c = text.charCodeAt(i);
        if (c !== d && !isBlankChar(c)) {
          blank = false;
          break;
        }
      }
    }
    if (blank) {
      ends.n = firstField;
      pendingBlanks.push(recordNumber);
    } else {
      if (pendingBlanks.length > 0) {
        // Blank rows only count once something follows them.
        for (const b of pendingBlanks) blankRowNumbers.push(b);
        pendingBlanks = [];
      }
      starts.push(recordStart);
      rowNumbers.push(recordNumber);
      fieldBase.push(ends.n);
    }
    if (pos >= nextReport) {
      onProgress?.(Math.min(1, pos / len));
      nextReport = pos + progressEvery;
    }
  }
  onProgress?.(1);
  return {
    spans: { text, count: starts.n, starts: starts.done(), fieldBase: fieldBase.done(), ends: ends.done(), rowNumbers: rowNumbers.done() },
    blankRowNumbers,
  };
}

function spanFieldsBlank(text: string, start: number, ends: Uint32Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const end = ends[k]!;
    let a = start;
    let b = end;
    if (a < b && text.charCodeAt(a) === QUOTE) {
      // The quotes around a value are not part of it; a doubled quote inside is.
      a++;
      b--;
    }
    for (let i = a; i < b; i++) if (!isBlankChar(text.charCodeAt(i))) return false;
    start = end + 1;
  }
  return true;
}

/**
 * Parses the whole text into a RecordStore. Every record keeps its own spreadsheet row number
 * (header included, quoted line breaks not); blank records are counted but not stored, so
 * trailing blank lines never become rows.
 */
export function parseDelimited(text: string, options: ParseDelimitedOptions = {}): ParseDelimitedResult {
  const detection = options.delimiter
    ? null
    : detectDelimiter(text, options.preferredDelimiter ? { preferred: options.preferredDelimiter } : {});
  const delimiter = options.delimiter ?? detection!.delimiter;
  const chunkSize = options.chunkSize ?? 1024 * 1024;
  const scanned = options.engine === 'papaparse' ? null : scanWellFormed(text, delimiter, options.onProgress, chunkSize);
  const read = scanned
    ? { store: new RecordStore({ spans: scanned.spans }), blankRowNumbers: scanned.blankRowNumbers, problems: [] }
    : parseWithPapa(text, delimiter, chunkSize, options.onProgress);
  const { store, blankRowNumbers, problems } = read;
  return {
    store,
    delimiter,
    delimiterUncertain: detection ? detection.uncertain : false,
    delimiterReason: detection ? detection.reason : `${delimiterLabel(delimiter)} chosen by the user.`,
    blankRowNumbers: blankRowNumbers.length > 1000 ? blankRowNumbers.slice(0, 1000) : blankRowNumbers,
    blankRowCount: blankRowNumbers.length,
    problems,
  };
}

function parseWithPapa(
  text: string,
  delimiter: Delimiter,
  chunkSize: number,
  onProgress: ((fraction: number) => void) | undefined,
): { store: RecordStore; blankRowNumbers: number[]; problems: ParseProblem[] } {
  const store = new RecordStore({ sourceMayContainSeparator: text.indexOf('\u001f') !== -1 });
  const problems: ParseProblem[] = [];
  const pendingBlanks: number[] = [];
  const blankRowNumbers: number[] = [];
  let recordNumber = 0;
  let completed = false;
  const total = text.length || 1;

  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    chunkSize,
    chunk(results: Papa.ParseResult<string[]>) {
      const rows = results.data;
      // papaparse numbers errors by row within the chunk.
      let errorsByRow: Map<number, string> | null = null;
      for (const err of results.errors) {
        if (typeof err.row !== 'number') continue;
        errorsByRow ??= new Map();
        // An unclosed quote is the worse of the two quote errors: it swallows later rows.
        if (!errorsByRow.has(err.row) || err.code === 'MissingQuotes') errorsByRow.set(err.row, err.code ?? '');
      }
      for (let r = 0; r < rows.length; r++) {
        const fields = rows[r]!;
        recordNumber++;
        const code = errorsByRow?.get(r);
        const error = code === undefined ? undefined : describePapaError(code, delimiter, fields);
        if (!error && isBlankRecord(fields)) {
          pendingBlanks.push(recordNumber);
          continue;
        }
        if (pendingBlanks.length > 0) {
          // Blank rows only count once something follows them.
          for (const b of pendingBlanks) blankRowNumbers.push(b);
          pendingBlanks.length = 0;
        }
        store.append(fields, recordNumber, error);
        if (error) problems.push({ rowNumber: recordNumber, message: `Row ${recordNumber}: ${endSentence(error)}` });
      }
      onProgress?.(Math.min(1, results.meta.cursor / total));
    },
    complete() {
      completed = true;
    },
  });
  // papaparse streams a string synchronously; the rest of the pipeline relies on that.
  if (!completed) throw new Error('The parser did not finish synchronously.');

  return { store, blankRowNumbers, problems };
}

/** Convenience for small inputs and tests: every non-blank record with its row number. */
export function parseDelimitedToArrays(
  text: string,
  options: ParseDelimitedOptions = {},
): { records: string[][]; rowNumbers: number[]; result: ParseDelimitedResult } {
  const result = parseDelimited(text, options);
  const records: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = 0; i < result.store.length; i++) {
    records.push(result.store.fields(i));
    rowNumbers.push(result.store.rowNumber(i));
  }
  return { records, rowNumbers, result };
}
