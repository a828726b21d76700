/**
 * read-excel-file cells → text records. XLSX cells are typed (number, boolean, Date, text), but
 * the rest of the pipeline reads text so that CSV and XLSX go through the same coercers and
 * the preview shows the same thing for both. Dates become ISO text (the date parser reads it
 * back exactly); numbers are written out in full, never in E-notation, so a number cell is
 * not mistaken for Excel's damaged "5.01E+12" text.
 */
import { RecordStore } from './record-store';

export type SheetCell = string | number | boolean | Date | null | undefined;

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * read-excel-file returns date cells as Date objects in UTC holding the sheet's wall-clock time,
 * so the UTC fields are the date and time as the spreadsheet shows them.
 */
export function dateCellToIso(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** Plain decimal text for a number: 1e-7 → "0.0000001", 1e21 → "1000000000000000000000". */
export function numberCellToText(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  if (s.indexOf('e') === -1) return s;
  if (Number.isInteger(n)) return BigInt(n).toString();
  const fixed = n.toFixed(20);
  let end = fixed.length;
  while (end > 0 && fixed[end - 1] === '0') end--;
  if (fixed[end - 1] === '.') end--;
  return fixed.slice(0, end);
}

export function cellToText(cell: SheetCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return numberCellToText(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) return dateCellToIso(cell);
  return String(cell);
}

export interface SheetRecords {
  readonly store: RecordStore;
  readonly blankRowNumbers: readonly number[];
  readonly blankRowCount: number;
}

/** Row i of the sheet is spreadsheet row i + 1 (read-excel-file keeps gaps as empty rows). */
export function sheetRowsToStore(rows: readonly (readonly SheetCell[])[]): SheetRecords {
  const store = new RecordStore();
  const blanks: number[] = [];
  let pending: number[] = [];
  const fields: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    fields.length = row.length;
    let blank = true;
    for (let c = 0; c < row.length; c++) {
      const t = cellToText(row[c]);
      fields[c] = t;
      if (blank && t.trim() !== '') blank = false;
    }
    if (blank) {
      pending.push(i + 1);
      continue;
    }
    if (pending.length > 0) {
      for (const b of pending) blanks.push(b);
      pending = [];
    }
    store.append(fields.length === 0 ? [''] : fields, i + 1);
  }
  return { store, blankRowNumbers: blanks.length > 1000 ? blanks.slice(0, 1000) : blanks, blankRowCount: blanks.length };
}
