/**
 * Messages between the import page and the import worker. Each request carries an id; the
 * worker answers with exactly one result or error for it, and may send progress for it first.
 */
import type { DatasetId, FieldDef } from '@/lib/datasets/field-def';
import type {
  BulkEditResult,
  EditHistoryState,
  FillEmptyRequest,
  KnownProducts,
  ProductReferences,
  PushOutcomeMarks,
  PushPreflight,
  ReplaceRequest,
  ColumnMapping,
  ImportDecisions,
  ImportOptions,
  MappingInfo,
  ParsedFileSummary,
  PreviewRow,
  PushPlan,
  PushRow,
  RowFilter,
  ValidationSummary,
} from './import-types';

export type LoadPhase = 'reading' | 'decoding' | 'parsing' | 'validating';

/** What the page learns about a loaded (or re-read) file. */
export interface LoadResult {
  readonly summary: ParsedFileSummary;
  /** The fields rows are checked against (the registry's, plus one per location column in a wide file). */
  readonly fields: readonly FieldDef[];
  readonly mapping: ColumnMapping;
  readonly validation: ValidationSummary;
  /** How numbers, dates, codes and NULLs are read; each is changeable through setOptions. */
  readonly decisions: ImportDecisions;
  readonly mappingInfo: MappingInfo;
  /** Options in force (the user's overrides). */
  readonly options: ImportOptions;
}

export interface RowsRequest {
  readonly offset: number;
  readonly limit: number;
  readonly filter?: RowFilter;
}

export interface RowsPage {
  readonly rows: PreviewRow[];
  readonly total: number;
}

export interface CellEditResult {
  readonly row: PreviewRow;
  readonly summary: ValidationSummary;
  readonly history: EditHistoryState;
}

export interface LoadArgs {
  readonly file: Blob | ArrayBuffer;
  readonly fileName: string;
  readonly datasetId: DatasetId;
  readonly options?: ImportOptions;
}

/** The worker's methods: name → (argument) → result. */
export interface ImportWorkerMethods {
  load(args: LoadArgs): LoadResult;
  setOptions(options: ImportOptions): LoadResult;
  setMapping(mapping: ColumnMapping): ValidationSummary;
  getState(): LoadResult;
  getRows(request: RowsRequest): RowsPage;
  setCell(args: { readonly rowIndex: number; readonly fieldKey: string; readonly raw: string }): CellEditResult;
  setSkipped(args: { readonly rowIndices: readonly number[]; readonly skipped: boolean }): ValidationSummary;
  /** Fills the empty cells of one field (recorded for undo). */
  fillEmpty(args: FillEmptyRequest): BulkEditResult;
  /** Find and replace within one field (recorded for undo unless dryRun). */
  replaceInColumn(args: ReplaceRequest): BulkEditResult;
  /** "Delete selected rows": they are skipped by the user's choice, never lost (recorded for undo). */
  deleteRows(args: { readonly rowIndices: readonly number[] }): BulkEditResult;
  undo(): BulkEditResult;
  redo(): BulkEditResult;
  getHistory(): EditHistoryState;
  /** Marks the rows StockTrim rejected in the last push, so the grid shows them. */
  markPushOutcome(marks: PushOutcomeMarks): ValidationSummary;
  /** Product codes the rows name, for the reference check. */
  productReferences(): ProductReferences;
  /** The answer of a reference check; rows naming a checked code StockTrim lacks get an error. */
  setKnownProducts(known: KnownProducts): ValidationSummary;
  /** Counts and, for sales orders, lines per month of the rows that would be sent. */
  preflight(): PushPreflight;
  planPush(args: { readonly batchSize?: number }): PushPlan;
  getPushBatch(args: { readonly index: number }): PushRow[];
  rejectedRowsCsv(): string;
  close(): null;
}

export type MethodName = keyof ImportWorkerMethods;
export type MethodArg<M extends MethodName> = Parameters<ImportWorkerMethods[M]> extends [infer A] ? A : undefined;
export type MethodResult<M extends MethodName> = ReturnType<ImportWorkerMethods[M]>;

export interface WorkerRequest<M extends MethodName = MethodName> {
  readonly id: number;
  readonly method: M;
  readonly arg: MethodArg<M>;
}

export type WorkerResponse =
  | { readonly id: number; readonly kind: 'result'; readonly result: unknown }
  | { readonly id: number; readonly kind: 'error'; readonly message: string }
  | { readonly id: number; readonly kind: 'progress'; readonly phase: LoadPhase; readonly fraction: number; readonly overall: number };

/** Share of the whole load each phase stands for, so one bar can show them all. */
export const PHASE_SPAN: Readonly<Record<LoadPhase, readonly [number, number]>> = {
  reading: [0, 0.05],
  decoding: [0.05, 0.1],
  parsing: [0.1, 0.65],
  validating: [0.65, 1],
};

export function overallProgress(phase: LoadPhase, fraction: number): number {
  const [a, b] = PHASE_SPAN[phase];
  return a + (b - a) * Math.max(0, Math.min(1, fraction));
}
