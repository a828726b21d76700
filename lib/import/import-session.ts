/**
 * The worker's state and request handling, without any worker API: it holds the file's bytes
 * and the ImportTable and answers the protocol's methods. import-worker.ts wires it to
 * `self`; tests drive it directly.
 */
import type { ColumnMapping, ImportOptions, KnownProducts } from './import-types';
import type { ImportWorkerMethods, LoadArgs, LoadPhase, LoadResult, MethodArg, MethodName, MethodResult } from './import-protocol';
import type { DatasetDef, DatasetId } from '@/lib/datasets/field-def';
import { getDataset } from '@/lib/datasets/registry';
import { findHeaderRow } from './header-row';
import { cellToText } from './xlsx-rows';
import { ImportTable } from './import-table';
import { NO_EDIT_HISTORY } from './edit-history';
import { detectFileKind, EMPTY_FILE_MESSAGE, importDelimitedBytes, importSheetRows, readWorkbook, type WorkbookSheet } from './import-pipeline';

function bestSheet(dataset: DatasetDef, sheets: readonly WorkbookSheet[]): WorkbookSheet {
  let best: WorkbookSheet | undefined;
  let bestMatches = 0;
  for (const s of sheets) {
    const head = s.data.slice(0, 25).map((row) => row.map(cellToText));
    if (head.length === 0) continue;
    const { matches } = findHeaderRow(dataset, head);
    if (matches > bestMatches) {
      best = s;
      bestMatches = matches;
    }
  }
  return best ?? sheets.find((s) => s.data.length > 0) ?? sheets[0]!;
}

function bytesToBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}

export type SessionProgress = (phase: LoadPhase, fraction: number) => void;

const READ_OPTION_KEYS = ['encoding', 'delimiter', 'sheet', 'headerRowNumber'] as const;

interface Loaded {
  bytes: Uint8Array;
  fileName: string;
  datasetId: DatasetId;
  kind: 'delimited' | 'xlsx';
  table: ImportTable;
}

export class ImportSession {
  private loaded: Loaded | null = null;
  private options: ImportOptions = {};
  /** Reference checks answered for this file; a re-read (new encoding, sheet…) applies them again. */
  private knownAnswers: KnownProducts[] = [];

  private get table(): ImportTable {
    if (!this.loaded) throw new Error('No file is loaded yet.');
    return this.loaded.table;
  }

  async handle<M extends MethodName>(method: M, arg: MethodArg<M>, progress: SessionProgress = () => {}): Promise<MethodResult<M>> {
    const m = method as MethodName;
    switch (m) {
      case 'load':
        return (await this.load(arg as LoadArgs, progress)) as MethodResult<M>;
      case 'setOptions':
        return (await this.setOptions(arg as ImportOptions, progress)) as MethodResult<M>;
      default: {
        const handlers: Omit<ImportWorkerMethods, 'load' | 'setOptions'> = {
          setMapping: (mapping) => this.table.setMapping(mapping),
          getState: () => this.state(),
          getRows: (request) => this.table.getRows(request),
          setCell: ({ rowIndex, fieldKey, raw }) => this.table.setCell(rowIndex, fieldKey, raw),
          // Undo history lives in the table, so a re-read (a new table) starts a new one while
          // mapping and reading changes keep it.
          fillEmpty: (request) => this.table.fillEmpty(request),
          replaceInColumn: (request) => this.table.replaceInColumn(request),
          deleteRows: ({ rowIndices }) => this.table.deleteRows(rowIndices),
          undo: () => this.table.undo(),
          redo: () => this.table.redo(),
          getHistory: () => (this.loaded ? this.table.getHistory() : NO_EDIT_HISTORY),
          markPushOutcome: (marks) => this.table.markPushOutcome(marks),
          productReferences: () => this.table.productReferences(),
          setKnownProducts: (known) => {
            const summary = this.table.setKnownProducts(known);
            this.knownAnswers.push(known);
            return summary;
          },
          preflight: () => this.table.preflight(),
          setSkipped: ({ rowIndices, skipped }) => this.table.setSkipped(rowIndices, skipped),
          planPush: ({ batchSize }) => this.table.planPush(batchSize),
          getPushBatch: ({ index }) => this.table.getPushBatch(index),
          rejectedRowsCsv: () => this.table.rejectedRowsCsv(),
          close: () => {
            this.loaded = null;
            return null;
          },
        };
        const fn = handlers[m as keyof typeof handlers] as (a: unknown) => unknown;
        if (!fn) throw new Error(`Unknown request "${String(method)}".`);
        return fn(arg) as MethodResult<M>;
      }
    }
  }

  private state(): LoadResult {
    const t = this.table;
    return {
      summary: t.summary(),
      fields: t.dataset.fields,
      mapping: t.getMapping(),
      validation: t.validation(),
      decisions: t.decisions(),
      mappingInfo: t.mappingInfo(),
      options: this.options,
    };
  }

  async load(args: LoadArgs, progress: SessionProgress): Promise<LoadResult> {
    progress('reading', 0);
    const buffer = args.file instanceof ArrayBuffer ? args.file : await args.file.arrayBuffer();
    progress('reading', 1);
    const bytes = new Uint8Array(buffer);
    if (bytes.length === 0) throw new Error(`${EMPTY_FILE_MESSAGE}: "${args.fileName}" has no rows. Check that you chose the right file, or export it again.`);
    const kind = detectFileKind(bytes, args.fileName);
    if (kind === 'xls') throw new Error(`"${args.fileName}" is an old Excel .xls file. Save it as .xlsx or CSV and load that instead.`);
    if (kind === 'unsupported') throw new Error(`"${args.fileName}" is not a CSV, TSV, TXT or XLSX file. Export it as CSV or XLSX first.`);
    this.options = { ...(args.options ?? {}) };
    this.loaded = null;
    // Parsed sheets are dropped once the table is built (the table keeps its own compact
    // copy); switching sheets reads the workbook again from the bytes.
    const sheets = kind === 'xlsx' ? await this.readSheets(buffer, args.fileName) : null;
    const table = this.build(bytes, args.fileName, args.datasetId, kind, sheets, undefined, progress);
    this.loaded = { bytes, fileName: args.fileName, datasetId: args.datasetId, kind, table };
    this.knownAnswers = [];
    return this.state();
  }

  private async readSheets(buffer: ArrayBuffer, fileName: string): Promise<WorkbookSheet[]> {
    try {
      // A copy: the zip reader may hand its input to a helper worker (detaching it), and the
      // session keeps the bytes to re-read the workbook.
      const sheets = await readWorkbook(buffer.slice(0));
      if (sheets.length === 0) throw new Error('no sheets');
      return sheets;
    } catch (e) {
      throw new Error(`"${fileName}" could not be read as an Excel workbook (${e instanceof Error ? e.message : String(e)}).`);
    }
  }

  private build(
    bytes: Uint8Array,
    fileName: string,
    datasetId: DatasetId,
    kind: 'delimited' | 'xlsx',
    sheets: WorkbookSheet[] | null,
    mapping: ColumnMapping | undefined,
    progress: SessionProgress,
  ): ImportTable {
    const common = { fileName, dataset: datasetId, options: this.options, onProgress: progress, ...(mapping ? { mapping } : {}) };
    if (kind === 'xlsx' && sheets) {
      // The sheet asked for, else the one whose header names the most fields (a "Notes" or
      // "Instructions" sheet in front is common), else the first sheet with data.
      const wanted = this.options.sheet ? sheets.find((s) => s.sheet === this.options.sheet) : undefined;
      if (this.options.sheet && !wanted) throw new Error(`The workbook has no sheet called "${this.options.sheet}".`);
      const sheet = wanted ?? bestSheet(getDataset(datasetId), sheets);
      return importSheetRows(sheet.data, { ...common, sheetNames: sheets.map((s) => s.sheet), sheet: sheet.sheet });
    }
    return importDelimitedBytes(bytes, common);
  }

  /**
   * Encoding, delimiter, sheet or header row re-read the file (the user's mapping is kept when
   * the columns are unchanged); number format, date orders and the like only revalidate.
   */
  async setOptions(options: ImportOptions, progress: SessionProgress): Promise<LoadResult> {
    const loaded = this.loaded;
    if (!loaded) throw new Error('No file is loaded yet.');
    const before = this.options;
    const merged: Record<string, unknown> = { ...before };
    for (const [k, v] of Object.entries(options)) {
      if (v === undefined) delete merged[k];
      else if ((k === 'dateOrders' || k === 'dateSerials' || k === 'stripTrailingZeroDecimal') && typeof v === 'object') merged[k] = { ...((before as Record<string, object>)[k] ?? {}), ...v };
      else merged[k] = v;
    }
    this.options = merged as ImportOptions;
    const reread = READ_OPTION_KEYS.some((k) => k in options && options[k] !== before[k]);
    if (reread) {
      const oldColumns = loaded.table.summary().columns.map((c) => c.header);
      const oldMapping = loaded.table.getMapping();
      const sheets = loaded.kind === 'xlsx' ? await this.readSheets(bytesToBuffer(loaded.bytes), loaded.fileName) : null;
      const table = this.build(loaded.bytes, loaded.fileName, loaded.datasetId, loaded.kind, sheets, undefined, progress);
      const sameColumns = JSON.stringify(table.summary().columns.map((c) => c.header)) === JSON.stringify(oldColumns);
      if (sameColumns) table.setMapping(oldMapping);
      else if (this.options.skipRules) {
        // Skip rules name columns by position; on other columns they would skip the wrong rows.
        const { skipRules: _dropped, ...rest } = this.options;
        void _dropped;
        this.options = rest;
        table.setReadingOptions({ skipRules: undefined });
      }
      for (const known of this.knownAnswers) table.setKnownProducts(known);
      loaded.table = table;
    } else {
      loaded.table.setReadingOptions(this.options);
    }
    return this.state();
  }
}
