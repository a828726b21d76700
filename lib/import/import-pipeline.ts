/**
 * Bytes → ImportTable, the steps in order: decode, detect the delimiter, parse, then the table
 * finds the header, maps columns, decides readings and validates. Pure apart from the XLSX
 * reader, which is loaded only when a spreadsheet arrives (and works inside a Web Worker).
 */
import type { DatasetDef, DatasetId } from '@/lib/datasets/field-def';
import type { ColumnMapping, Delimiter, ImportOptions } from './import-types';
import { decodeText, encodingLabel } from './decode-text';
import { parseDelimited } from './parse-delimited';
import { ImportTable } from './import-table';
import { sheetRowsToStore, type SheetCell } from './xlsx-rows';

import type { LoadPhase } from './import-protocol';

export type { LoadPhase } from './import-protocol';

export type ProgressCallback = (phase: LoadPhase, fraction: number) => void;

export interface LoadArgs {
  readonly fileName: string;
  readonly dataset: DatasetDef | DatasetId;
  readonly options?: ImportOptions;
  readonly mapping?: ColumnMapping;
  readonly onProgress?: ProgressCallback;
}

export type FileKind = 'delimited' | 'xlsx' | 'xls' | 'unsupported';

/** By content first (a renamed file keeps its bytes), then by extension. */
export function detectFileKind(bytes: Uint8Array, fileName: string): FileKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return 'xlsx';
  if (lower.endsWith('.xls')) return 'xls';
  if (lower.endsWith('.numbers') || lower.endsWith('.ods')) return 'unsupported';
  return 'delimited';
}

export function preferredDelimiterFor(fileName: string): Delimiter | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return '\t';
  return undefined;
}

export const EMPTY_FILE_MESSAGE = 'The file is empty';

/**
 * Refuses what is not a text spreadsheet before it is shown as one: an empty file (no bytes, or
 * only blank lines), and a binary file renamed .csv (NUL characters, or mostly control
 * characters), which would otherwise appear as a garbage header.
 */
export function assertSpreadsheetText(text: string, fileName: string): void {
  if (text.trim() === '') throw new Error(`${EMPTY_FILE_MESSAGE}: "${fileName}" has no rows. Check that you chose the right file, or export it again.`);
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) {
      control = sample.length;
      break;
    }
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) control++;
  }
  if (control > sample.length * 0.1) {
    throw new Error(
      `"${fileName}" is not a text spreadsheet: it holds binary data (perhaps a program's own file format renamed). Open it in the program that made it and save it as CSV or XLSX, then load that.`,
    );
  }
}

export function importDelimitedBytes(bytes: Uint8Array, args: LoadArgs): ImportTable {
  const options = args.options ?? {};
  args.onProgress?.('decoding', 0);
  const decoded = decodeText(bytes, options.encoding ? { encoding: options.encoding } : {});
  assertSpreadsheetText(decoded.text, args.fileName);
  args.onProgress?.('decoding', 1);
  return importDelimitedText(decoded.text, args, {
    encoding: decoded.encoding,
    encodingSource: decoded.source,
    notes: [`Encoding: ${encodingLabel(decoded.encoding)}${decoded.bom ? ' (with byte-order mark, removed)' : ''}.`, ...decoded.notes],
  });
}

export function importDelimitedText(
  text: string,
  args: LoadArgs,
  decoded: { encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | null; encodingSource: 'bom' | 'detected' | 'fallback' | 'forced' | null; notes: readonly string[] } = {
    encoding: null,
    encodingSource: null,
    notes: [],
  },
): ImportTable {
  const options = args.options ?? {};
  const preferred = preferredDelimiterFor(args.fileName);
  const parsed = parseDelimited(text, {
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(preferred ? { preferredDelimiter: preferred } : {}),
    onProgress: (f) => args.onProgress?.('parsing', f),
  });
  const notes = [...decoded.notes];
  if (parsed.delimiterUncertain) notes.push(`Separator: ${parsed.delimiterReason} Please confirm it.`);
  for (const p of parsed.problems.slice(0, 5)) notes.push(p.message);
  if (parsed.problems.length > 5) notes.push(`${parsed.problems.length - 5} more rows could not be split cleanly.`);
  return new ImportTable({
    dataset: args.dataset,
    store: parsed.store,
    source: {
      fileName: args.fileName,
      format: 'delimited',
      encoding: decoded.encoding,
      encodingSource: decoded.encodingSource,
      delimiter: parsed.delimiter,
      delimiterUncertain: parsed.delimiterUncertain,
      delimiterReason: parsed.delimiterReason,
      sheetNames: [],
      sheet: null,
      blankRowNumbers: parsed.blankRowNumbers,
      blankRowCount: parsed.blankRowCount,
      notes,
    },
    options,
    ...(args.mapping ? { mapping: args.mapping } : {}),
    onProgress: (f) => args.onProgress?.('validating', f),
  });
}

export function importSheetRows(
  rows: readonly (readonly SheetCell[])[],
  args: LoadArgs & { readonly sheetNames: readonly string[]; readonly sheet: string },
): ImportTable {
  const { store, blankRowNumbers, blankRowCount } = sheetRowsToStore(rows);
  return new ImportTable({
    dataset: args.dataset,
    store,
    source: {
      fileName: args.fileName,
      format: 'xlsx',
      encoding: null,
      encodingSource: null,
      delimiter: null,
      delimiterUncertain: false,
      sheetNames: args.sheetNames,
      sheet: args.sheet,
      blankRowNumbers,
      blankRowCount,
      notes: args.sheetNames.length > 1 ? [`The workbook has ${args.sheetNames.length} sheets; "${args.sheet}" is shown. Choose another sheet if needed.`] : [],
    },
    ...(args.options ? { options: args.options } : {}),
    ...(args.mapping ? { mapping: args.mapping } : {}),
    onProgress: (f) => args.onProgress?.('validating', f),
  });
}

export interface WorkbookSheet {
  readonly sheet: string;
  readonly data: readonly (readonly SheetCell[])[];
}

/**
 * Reads every sheet of an .xlsx. Uses read-excel-file's "/browser" entry, which is the one
 * meant for browsers and Web Workers (the package has no root export; "/web-worker" is a
 * deprecated alias of it). Imported lazily so CSV-only sessions never load the zip code.
 */
export async function readWorkbook(data: ArrayBuffer): Promise<WorkbookSheet[]> {
  const mod = await import('read-excel-file/browser');
  const sheets = await mod.default(data, { trim: false });
  return sheets.map((s) => ({ sheet: s.sheet, data: s.data as unknown as readonly (readonly SheetCell[])[] }));
}
