/**
 * Numbers as people type them: "1,200", "1.419,06", "$1,234.56", "(12.50)", "€12", "95%".
 * parseFloat("1,200") is 1 and Number("") is 0, so neither is used on raw text: a hand-written
 * scanner validates the shape under the file's number format and only then hands a canonical
 * string ("-1234.56") to Number(). No regex and no objects per cell.
 */

export type DecimalMark = '.' | ',';

export interface NumberFormat {
  readonly decimal: DecimalMark;
  /**
   * How to read a value whose only separator is the decimal mark followed by exactly three
   * digits ("2.500" in a dot-decimal file): "ask" rejects it as ambiguous (2.5 or 2500?),
   * "decimal" reads it with the file's decimal mark.
   */
  readonly threeDigitDecimals: 'ask' | 'decimal';
  /**
   * True while the file has not proven its decimal mark: a value whose only separator is the
   * other mark followed by exactly three digits ("2,500" in an assumed dot-decimal file) is
   * then ambiguous too, rather than quietly read as a thousands grouping.
   */
  readonly groupingAmbiguous?: boolean;
}

export const DEFAULT_NUMBER_FORMAT: NumberFormat = { decimal: '.', threeDigitDecimals: 'ask' };

export interface NumberParse {
  /** 0 = blank, 1 = number, 2 = not a number / not valid in this format. */
  status: 0 | 1 | 2;
  value: number;
  percent: boolean;
  /** "(12.50)" style. */
  accountingNegative: boolean;
  currency: boolean;
  scientific: boolean;
  /** More than 15 significant digits: a double cannot hold them exactly. */
  tooPrecise: boolean;
  /** Why status is 2, phrased to follow the quoted value. */
  reason: string;
}

export function newNumberParse(): NumberParse {
  return { status: 0, value: 0, percent: false, accountingNegative: false, currency: false, scientific: false, tooPrecise: false, reason: '' };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x202f || c === 0x2007 || c === 0x2009 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Currency signs accepted before or after a number. Letters (USD, EUR) are not: "7 days" must fail. */
function isCurrencySign(c: number): boolean {
  return (
    c === 0x24 /* $ */ || c === 0x20ac /* € */ || c === 0xa3 /* £ */ || c === 0xa5 /* ¥ */ || c === 0x20b9 /* ₹ */ ||
    c === 0xa2 /* ¢ */ || c === 0x20a9 /* ₩ */ || c === 0x20bd /* ₽ */ || c === 0x20ba /* ₺ */ || c === 0x20aa /* ₪ */ ||
    c === 0x0e3f /* ฿ */ || c === 0x20ab /* ₫ */ || c === 0x20b4 /* ₴ */ || c === 0x20a6 /* ₦ */ || c === 0x20b1 /* ₱ */
  );
}

function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

function isMinus(c: number): boolean {
  return c === 0x2d || c === 0x2212 /* − */ || c === 0x2013 /* – */;
}

/**
 * Evidence one value gives about the file's decimal mark, for detection:
 * 1 = proves ".", -1 = proves ",", 0 = says nothing. `threeDecimals` is set when the value
 * proves that three-decimal values occur ("0.125", "1234.500").
 */
export interface DecimalEvidence {
  vote: -1 | 0 | 1;
  ambiguous: boolean;
  threeDecimals: boolean;
  /** The single mark of an ambiguous value ("." for 2.500, "," for 1,200), else 0. */
  ambiguousMark: 0 | 0x2e | 0x2c;
  /** A thousands grouping is certainly used: "1,234.56", "1.234.567", "1 234". */
  grouped: 0 | 0x2e | 0x2c | 0x20;
  /** Four or more integer digits with no grouping at all ("1200.5", "15000"). */
  ungroupedLarge: boolean;
}

interface Shape {
  start: number;
  end: number;
  negative: boolean;
  paren: boolean;
  percent: boolean;
  currency: boolean;
}

const shape: Shape = { start: 0, end: 0, negative: false, paren: false, percent: false, currency: false };

/** Peels sign, brackets, currency and % off both ends; leaves [start, end) on the numeric body. */
function peel(s: string): 0 | 1 | 2 {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  shape.negative = false;
  shape.paren = false;
  shape.percent = false;
  shape.currency = false;
  if (a === b) return 0;
  let sawPlus = false;
  if (s.charCodeAt(a) === 0x28 && s.charCodeAt(b - 1) === 0x29) {
    shape.paren = true;
    shape.negative = true;
    a++;
    b--;
  }
  for (let pass = 0; pass < 3; pass++) {
    while (a < b && isSpace(s.charCodeAt(a))) a++;
    while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
    if (a >= b) break;
    const c0 = s.charCodeAt(a);
    const c1 = s.charCodeAt(b - 1);
    if (isMinus(c0)) {
      // "--5" and "(-5)" have no clear meaning.
      if (shape.negative || sawPlus) return 2;
      shape.negative = true;
      a++;
      continue;
    }
    if (c0 === 0x2b) {
      if (shape.negative || sawPlus) return 2;
      sawPlus = true;
      a++;
      continue;
    }
    if (isCurrencySign(c0) && !shape.currency) {
      shape.currency = true;
      a++;
      continue;
    }
    // "US$12", "A$12", "NZ$12": up to two capitals glued to a leading $.
    if (isUpper(c0) && !shape.currency) {
      let k = a;
      while (k < b && k - a < 2 && isUpper(s.charCodeAt(k))) k++;
      if (s.charCodeAt(k) === 0x24) {
        shape.currency = true;
        a = k + 1;
        continue;
      }
    }
    if (c1 === 0x25 /* % */ && !shape.percent) {
      shape.percent = true;
      b--;
      continue;
    }
    if (isCurrencySign(c1) && !shape.currency) {
      shape.currency = true;
      b--;
      continue;
    }
    if (isMinus(c1) && !shape.negative && b - 1 > a && isDigit(s.charCodeAt(b - 2))) {
      // SAP and some ledgers put the minus after the number: "12.50-".
      shape.negative = true;
      b--;
      continue;
    }
    break;
  }
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  if (a >= b) return 2;
  shape.start = a;
  shape.end = b;
  return 1;
}

function isGroupSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x27 /* ' */ || c === 0x2019 /* ’ */;
}

const GROUPING_HINT = 'thousands separators must split the digits into groups of three';

/**
 * Parses `s` under `format` into `out`. Accepts digits, one decimal mark, grouping by the
 * other mark, spaces or apostrophes in groups of three (or the Indian 2-2-3 pattern),
 * a leading sign or trailing minus, accounting brackets, one currency sign, a trailing %,
 * and E-notation (flagged). Anything else is status 2 with a reason.
 */
export function parseNumberInto(s: string, format: NumberFormat, out: NumberParse): NumberParse {
  out.percent = false;
  out.accountingNegative = false;
  out.currency = false;
  out.scientific = false;
  out.tooPrecise = false;
  out.reason = '';
  out.value = 0;
  if (format.decimal === '.') {
    const plain = plainDecimalValue(s);
    if (plain >= 0) {
      out.value = plain;
      out.status = 1;
      return out;
    }
  }
  const peeled = peel(s);
  if (peeled === 0) {
    out.status = 0;
    return out;
  }
  out.percent = shape.percent;
  out.accountingNegative = shape.paren;
  out.currency = shape.currency;
  if (peeled === 2) return fail(out, 'is not a number');

  const decimalCode = format.decimal === '.' ? 0x2e : 0x2c;
  const otherCode = format.decimal === '.' ? 0x2c : 0x2e;
  const { start, end } = shape;

  // One pass that only classifies positions; strings are built once at the end.
  let decPos = -1;
  let expPos = end;
  let intCount = 0;
  let fracCount = 0;
  let firstIntDigit = -1;
  let groups = 0;
  let groupLen = 0;
  let firstGroupLen = -1;
  let prevGroupLen = -1;
  let allThrees = true;
  let twosSoFar = true;
  let groupByOther = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      if (decPos === -1) {
        if (firstIntDigit === -1) firstIntDigit = i;
        intCount++;
        groupLen++;
      } else fracCount++;
      continue;
    }
    if (c === decimalCode) {
      if (decPos !== -1) return fail(out, `has more than one "${format.decimal}"; ${formatPhrase(format)}`);
      decPos = i;
      continue;
    }
    if (c === otherCode || isGroupSpace(c)) {
      if (decPos !== -1) {
        return fail(out, c === otherCode ? `does not match the file's number format; ${formatPhrase(format)}` : 'is not a number');
      }
      if (groupLen === 0) return fail(out, 'is not a number');
      if (c === otherCode) groupByOther = true;
      if (firstGroupLen === -1) firstGroupLen = groupLen;
      else {
        if (groupLen !== 3) allThrees = false;
        if (prevGroupLen !== -1 && prevGroupLen !== 2) twosSoFar = false;
        prevGroupLen = groupLen;
      }
      groups++;
      groupLen = 0;
      continue;
    }
    if ((c === 0x65 || c === 0x45) && intCount + fracCount > 0) {
      // E-notation: the rest must be an optional sign and digits.
      let j = i + 1;
      if (s.charCodeAt(j) === 0x2b || s.charCodeAt(j) === 0x2d) j++;
      const digitsFrom = j;
      while (j < end && isDigit(s.charCodeAt(j))) j++;
      if (j === digitsFrom || j !== end) return fail(out, 'is not a number');
      expPos = i;
      out.scientific = true;
      break;
    }
    return fail(out, textAfterNumber(s, start, end) ? 'is not a plain number (remove the units or words)' : 'is not a number');
  }
  if (intCount + fracCount === 0) return fail(out, 'is not a number');
  if (groups > 0) {
    if (groupLen !== 3) allThrees = false;
    if (prevGroupLen !== -1 && prevGroupLen !== 2) twosSoFar = false;
    // Western: 1–3 then threes. Indian: 1–2, then twos, then a final three.
    const western = firstGroupLen <= 3 && allThrees;
    const indian = firstGroupLen <= 2 && groupLen === 3 && twosSoFar;
    if (!western && !indian) return fail(out, `has a misplaced separator; ${GROUPING_HINT}, and ${formatPhrase(format)}`);
    if (
      format.groupingAmbiguous &&
      groups === 1 &&
      groupByOther &&
      decPos === -1 &&
      !out.scientific &&
      groupLen === 3 &&
      firstGroupLen >= 1 &&
      firstGroupLen <= 3 &&
      s.charCodeAt(firstIntDigit) !== 0x30
    ) {
      const sep = s.indexOf(format.decimal === '.' ? ',' : '.', firstIntDigit);
      const intPart = s.slice(firstIntDigit, sep);
      const fracPart = s.slice(sep + 1, sep + 4);
      return fail(out, ambiguousReason(Number(intPart + '.' + fracPart), Number(intPart + fracPart)));
    }
  } else if (
    decPos !== -1 &&
    format.threeDigitDecimals === 'ask' &&
    fracCount === 3 &&
    intCount >= 1 &&
    intCount <= 3 &&
    s.charCodeAt(firstIntDigit) !== 0x30 &&
    !out.scientific
  ) {
    const intPart = s.slice(firstIntDigit, decPos);
    const fracPart = s.slice(decPos + 1, decPos + 4);
    return fail(out, ambiguousReason(Number(intPart + '.' + fracPart), Number(intPart + fracPart)));
  }

  // Significant digits, ignoring leading zeros and trailing fractional zeros.
  let significant = 0;
  let seenNonZero = false;
  let pendingZeros = 0;
  for (let i = start; i < expPos; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) continue;
    if (c === 0x30) {
      if (seenNonZero) pendingZeros++;
      continue;
    }
    seenNonZero = true;
    significant += pendingZeros + 1;
    pendingZeros = 0;
  }
  if (decPos === -1) significant += pendingZeros;
  out.tooPrecise = significant > 15;

  let canonical: string;
  if (groups === 0 && decimalCode === 0x2e) {
    canonical = start === 0 && end === s.length ? s : s.slice(start, end);
  } else {
    canonical = '';
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if (i === decPos) canonical += '.';
      else if (isDigit(c) || i >= expPos) canonical += s[i];
    }
  }
  if (shape.negative) canonical = '-' + canonical;
  const value = Number(out.percent ? canonical + 'e-2' : canonical);
  if (!Number.isFinite(value)) return fail(out, 'is too large to be a number');
  out.value = value === 0 ? 0 : value; // no -0 in JSON
  out.status = 1;
  return out;
}

/**
 * Where the only mark in `s` is, for the shape most cells have: ASCII digits with at most one
 * "." and nothing else (no sign, spaces, grouping or units). Returns -2 for any other shape,
 * -1 for digits only, else the index of the ".". Both the parser and the evidence reader take
 * a short path for it; everything else goes through the full scanner.
 */
function plainDotPosition(s: string): number {
  const len = s.length;
  let dot = -1;
  let digits = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && dot === -1) dot = i;
    else return -2;
  }
  return digits === 0 ? -2 : dot;
}

/** Exact powers of ten up to 10^14: a plain decimal has at most 15 characters. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14];

/**
 * The value of `s` when it is a plain decimal the full parser would read as Number(s) with
 * nothing to flag: ASCII digits and at most one ".", at most 15 characters (so never too
 * precise) and, under "ask", not the "2.500" shape that is ambiguous. -1 otherwise (the
 * caller takes the full path).
 *
 * The value is built from the digits rather than by Number(s), which was the costliest step
 * of reading a typical quantity or price: 15 digits make an integer below 2^53, held exactly,
 * and dividing it by an exact power of ten rounds once to the nearest double, the very double
 * Number(s) gives for the same decimal.
 */
function plainDecimalValue(s: string): number {
  const len = s.length;
  if (len === 0 || len > 15) return -1;
  let digits = 0;
  let dot = -1;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits = digits * 10 + (c - 0x30);
    else if (c === 0x2e && dot === -1) dot = i;
    else return -1;
  }
  if (dot === -1) return digits;
  if (len === 1) return -1;
  const decimals = len - dot - 1;
  if (decimals === 3 && dot >= 1 && dot <= 3 && s.charCodeAt(0) !== 0x30) return -1;
  return decimals === 0 ? digits : digits / POW10[decimals]!;
}

function ambiguousReason(asDecimal: number, asThousands: number): string {
  return `is ambiguous: it could be ${asDecimal} or ${asThousands}. Type it without separators (e.g. ${asThousands}) or with more or fewer decimals, or change how the file's numbers are read`;
}

function fail(out: NumberParse, reason: string): NumberParse {
  out.status = 2;
  out.reason = reason;
  out.value = 0;
  return out;
}

function textAfterNumber(s: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (isDigit(s.charCodeAt(i)) || s.charCodeAt(i) === 0x2e || s.charCodeAt(i) === 0x2c)) i++;
  return i > start && i < end;
}

export function formatPhrase(format: NumberFormat): string {
  return format.decimal === '.'
    ? 'this file uses "." for decimals and "," for thousands'
    : 'this file uses "," for decimals and "." for thousands';
}

/** Allocating convenience for tests and one-off use; the table uses parseNumberInto. */
export function parseNumber(s: string, format: NumberFormat = DEFAULT_NUMBER_FORMAT): NumberParse {
  return { ...parseNumberInto(s, format, newNumberParse()) };
}

/**
 * What one value says about the decimal mark. Only shapes that cannot be read both ways
 * vote: "1200.5" proves ".", "375,00" proves ",", "1.419,06" proves ",". "1,200" and "2.500"
 * (a single mark followed by three digits) are ambiguous and do not vote.
 */
export function decimalEvidenceInto(s: string, out: DecimalEvidence): DecimalEvidence {
  out.vote = 0;
  out.ambiguous = false;
  out.threeDecimals = false;
  out.ambiguousMark = 0;
  out.grouped = 0;
  out.ungroupedLarge = false;
  const dot = plainDotPosition(s);
  if (dot !== -2) {
    // The same answers as the general reading below, for digits with at most one ".".
    if (dot === -1) {
      out.ungroupedLarge = s.length >= 4;
      return out;
    }
    if (dot >= 4) out.ungroupedLarge = true;
    const after = s.length - dot - 1;
    if (after !== 3) {
      out.vote = after === 0 ? 0 : 1;
      return out;
    }
    if (dot === 0 || dot > 3 || s.charCodeAt(0) === 0x30) {
      out.vote = 1;
      out.threeDecimals = true;
      return out;
    }
    out.ambiguous = true;
    out.ambiguousMark = 0x2e;
    return out;
  }
  if (peel(s) !== 1) return out;
  const { start, end } = shape;
  let dots = 0;
  let commas = 0;
  let spaces = 0;
  let lastDot = -1;
  let lastComma = -1;
  let leadingDigits = 0;
  let inLeading = true;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      if (inLeading) leadingDigits++;
      continue;
    }
    inLeading = false;
    if (c === 0x2e) {
      dots++;
      lastDot = i;
    } else if (c === 0x2c) {
      commas++;
      lastComma = i;
    } else if (isGroupSpace(c)) {
      spaces++;
    } else {
      return out;
    }
  }
  if (spaces > 0) out.grouped = 0x20;
  if (dots > 0 && commas > 0) {
    out.vote = lastDot > lastComma ? 1 : -1;
    out.grouped = lastDot > lastComma ? 0x2c : 0x2e;
    return out;
  }
  if (dots + commas === 0) {
    if (leadingDigits >= 4 && spaces === 0) out.ungroupedLarge = true;
    return out;
  }
  const mark = dots > 0 ? 0x2e : 0x2c;
  const count = dots + commas;
  const last = dots > 0 ? lastDot : lastComma;
  if (leadingDigits >= 4 && spaces === 0) out.ungroupedLarge = true;
  if (count > 1) {
    // "1.234.567": repeated marks are grouping, so the other one is the decimal mark.
    out.vote = mark === 0x2e ? -1 : 1;
    out.grouped = mark;
    return out;
  }
  const after = end - last - 1;
  let firstDigit = start;
  while (firstDigit < last && !isDigit(s.charCodeAt(firstDigit))) firstDigit++;
  const before = last - firstDigit;
  const vote: -1 | 1 = mark === 0x2e ? 1 : -1;
  if (after !== 3) {
    out.vote = after === 0 ? 0 : vote;
    return out;
  }
  // Exactly three digits after a single mark: grouping only if 1–3 digits precede it and the
  // first is not 0 ("0.125" and "1234.500" can only be decimals).
  if (before === 0 || before > 3 || s.charCodeAt(firstDigit) === 0x30) {
    out.vote = vote;
    out.threeDecimals = true;
    return out;
  }
  out.ambiguous = true;
  out.ambiguousMark = mark;
  return out;
}

export interface NumberFormatDetection {
  readonly format: NumberFormat;
  readonly dotVotes: number;
  readonly commaVotes: number;
  readonly ambiguousCount: number;
  readonly ambiguousExamples: readonly string[];
  /** Ambiguous values by their single mark: "2.500" under ".", "1,200" under ",". */
  readonly ambiguousExamplesByMark: Readonly<Record<DecimalMark, readonly string[]>>;
  /** True when the file gave no evidence (or conflicting evidence) and ambiguous values exist. */
  readonly uncertain: boolean;
}

export function newDecimalEvidence(): DecimalEvidence {
  return { vote: 0, ambiguous: false, threeDecimals: false, ambiguousMark: 0, grouped: 0, ungroupedLarge: false };
}

/** Accumulates evidence over the values of all numeric columns; decide() picks the format. */
export class NumberFormatDetector {
  private dot = 0;
  private comma = 0;
  private ambiguous = 0;
  private three = 0;
  private ungroupedLarge = 0;
  /** Values that use a thousands grouping, by grouping mark (".", "," or space). */
  private groupedBy = { dot: 0, comma: 0, space: 0 };
  /** Ambiguous values by their single mark. */
  private ambiguousBy = { dot: 0, comma: 0 };
  private readonly examples: string[] = [];
  private readonly examplesBy: Record<DecimalMark, string[]> = { '.': [], ',': [] };
  private readonly ev: DecimalEvidence = { vote: 0, ambiguous: false, threeDecimals: false, ambiguousMark: 0, grouped: 0, ungroupedLarge: false };

  add(value: string): void {
    if (value.length === 0) return;
    this.count(decimalEvidenceInto(value, this.ev), value);
  }

  /**
   * Counts evidence already read from `value` (by decimalEvidenceInto): a column that
   * repeats a value counts it again without reading it again.
   */
  count(ev: DecimalEvidence, value: string): void {
    if (value.length === 0) return;
    if (ev.vote === 1) this.dot++;
    else if (ev.vote === -1) this.comma++;
    if (ev.threeDecimals) this.three++;
    if (ev.ungroupedLarge) this.ungroupedLarge++;
    if (ev.grouped === 0x2e) this.groupedBy.dot++;
    else if (ev.grouped === 0x2c) this.groupedBy.comma++;
    else if (ev.grouped === 0x20) this.groupedBy.space++;
    if (ev.ambiguous) {
      this.ambiguous++;
      if (ev.ambiguousMark === 0x2e) this.ambiguousBy.dot++;
      else this.ambiguousBy.comma++;
      const v = value.trim();
      if (this.examples.length < 3 && !this.examples.includes(v)) this.examples.push(v);
      const by = this.examplesBy[ev.ambiguousMark === 0x2e ? '.' : ','];
      if (by.length < 3 && !by.includes(v)) by.push(v);
    }
  }

  decide(): NumberFormatDetection {
    const decimal: DecimalMark = this.comma > this.dot ? ',' : '.';
    const conflicting = this.dot > 0 && this.comma > 0;
    // "2.500" is only a real question when the writer groups thousands somewhere ("1,200").
    // A file that proves three-decimal values ("0.125"), or writes large numbers without any
    // grouping ("1059.31") and never groups, means its "706.811" is a decimal.
    const groupingSeen =
      this.groupedBy.space > 0 ||
      (decimal === '.' ? this.groupedBy.comma + this.ambiguousBy.comma > 0 : this.groupedBy.dot + this.ambiguousBy.dot > 0);
    const threeAreDecimals = this.three > 0 || (this.ungroupedLarge > 0 && !groupingSeen);
    return {
      format: { decimal, threeDigitDecimals: threeAreDecimals ? 'decimal' : 'ask' },
      dotVotes: this.dot,
      commaVotes: this.comma,
      ambiguousCount: this.ambiguous,
      ambiguousExamples: this.examples,
      ambiguousExamplesByMark: this.examplesBy,
      uncertain: conflicting || (this.dot === 0 && this.comma === 0 && this.ambiguous > 0),
    };
  }
}
