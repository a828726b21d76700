/**
 * Writes CSV that is safe to open in Excel: text that would run as a formula (= + - @, tab, CR
 * at the start) gets a leading apostrophe, while real numbers such as -2 stay numbers.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map((h) => quote(neutraliseCell(h))).join(',')];
  for (const row of rows) lines.push(row.map((c) => quote(neutraliseCell(c))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
