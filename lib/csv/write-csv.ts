/**
 * Writing CSV that is safe to open in Excel. Text starting with = + - @ (or a tab / CR) runs
 * as a formula when the file is opened (CSV injection, case 20), so such text cells get a
 * leading apostrophe, which Excel shows as plain text. Real numbers such as -2 are left alone
 * because they are numbers, not formulas.
 */

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

function looksNumeric(s: string): boolean {
  // A plain signed decimal ("-2", "+3.5", "-1,200.50"): Excel reads these as numbers.
  let i = 0;
  if (s[0] === '-' || s[0] === '+') i = 1;
  if (i >= s.length) return false;
  let digits = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c !== 0x2e && c !== 0x2c) return false;
  }
  return digits > 0;
}

/** Makes one cell's text inert for spreadsheet programs. */
export function neutraliseFormula(value: string): string {
  if (value === '' || !FORMULA_START.has(value[0]!)) return value;
  if (looksNumeric(value)) return value;
  return `'${value}`;
}

/** Quotes a field when it contains the delimiter, a quote or a line break. */
export function quoteCsvField(value: string, delimiter = ','): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

export type CsvCell = string | number | boolean | null | undefined;

/** One CSV line; numbers and booleans are written as they are, text is neutralised and quoted. */
export function csvLine(cells: readonly CsvCell[], delimiter = ','): string {
  return cells
    .map((c) => {
      if (c === null || c === undefined) return '';
      if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
      if (typeof c === 'boolean') return c ? 'true' : 'false';
      return quoteCsvField(neutraliseFormula(c), delimiter);
    })
    .join(delimiter);
}

/** A whole CSV document (CRLF, as Excel writes) with a UTF-8 BOM so Excel picks the encoding. */
export function toCsv(rows: readonly (readonly CsvCell[])[], delimiter = ','): string {
  return '\uFEFF' + rows.map((r) => csvLine(r, delimiter)).join('\r\n') + '\r\n';
}
