/**
 * Promise wrapper the React page uses to talk to the import worker. Every call gets a request
 * id; answers (and load progress) are matched back to it.
 */
import type { DatasetId } from '@/lib/datasets/field-def';
import type {
  BulkEditResult,
  ColumnMapping,
  EditHistoryState,
  FillEmptyRequest,
  ImportOptions,
  KnownProducts,
  ProductReferences,
  PushOutcomeMarks,
  PushPlan,
  PushPreflight,
  PushRow,
  ReplaceRequest,
  ValidationSummary,
} from './import-types';
import type {
  CellEditResult,
  LoadPhase,
  LoadResult,
  MethodArg,
  MethodName,
  MethodResult,
  RowsPage,
  RowsRequest,
  WorkerRequest,
  WorkerResponse,
} from './import-protocol';

export type { CellEditResult, LoadPhase, LoadResult, RowsPage, RowsRequest } from './import-protocol';

/** (overall 0–1 across all phases, phase, fraction of that phase) */
export type LoadProgressListener = (overall: number, phase: LoadPhase, fraction: number) => void;

export interface ImportWorkerClient {
  /** Reads, parses and validates a file in the worker. */
  load(file: File | Blob | ArrayBuffer, datasetId: DatasetId, options?: ImportOptions, onProgress?: LoadProgressListener): Promise<LoadResult>;
  /** Encoding / delimiter / sheet / header row re-read the file; number format, date orders etc. revalidate. */
  setOptions(options: ImportOptions, onProgress?: LoadProgressListener): Promise<LoadResult>;
  setMapping(mapping: ColumnMapping): Promise<ValidationSummary>;
  getState(): Promise<LoadResult>;
  getRows(request: RowsRequest): Promise<RowsPage>;
  setCell(rowIndex: number, fieldKey: string, raw: string): Promise<CellEditResult>;
  setSkipped(rowIndices: readonly number[], skipped: boolean): Promise<ValidationSummary>;
  fillEmpty(request: FillEmptyRequest): Promise<BulkEditResult>;
  replaceInColumn(request: ReplaceRequest): Promise<BulkEditResult>;
  deleteRows(rowIndices: readonly number[]): Promise<BulkEditResult>;
  undo(): Promise<BulkEditResult>;
  redo(): Promise<BulkEditResult>;
  getHistory(): Promise<EditHistoryState>;
  markPushOutcome(marks: PushOutcomeMarks): Promise<ValidationSummary>;
  productReferences(): Promise<ProductReferences>;
  setKnownProducts(known: KnownProducts): Promise<ValidationSummary>;
  preflight(): Promise<PushPreflight>;
  planPush(batchSize?: number): Promise<PushPlan>;
  getPushBatch(index: number): Promise<PushRow[]>;
  /** Rows with errors as a CSV (formula-safe) the user can fix and re-import. */
  rejectedRowsCsv(): Promise<string>;
  /** Stops the worker; pending calls are rejected. */
  dispose(): void;
}

/** The part of Worker the client uses; tests can pass an in-process stand-in. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: LoadProgressListener;
}

function startWorker(): WorkerLike {
  return new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'stocktrim-import' });
}

export function createImportWorkerClient(options: { readonly worker?: WorkerLike } = {}): ImportWorkerClient {
  const worker = options.worker ?? startWorker();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let disposed = false;

  worker.addEventListener('message', (event: MessageEvent) => {
    const msg = event.data as WorkerResponse;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'progress') {
      p.onProgress?.(msg.overall, msg.phase, msg.fraction);
      return;
    }
    pending.delete(msg.id);
    if (msg.kind === 'result') p.resolve(msg.result);
    else p.reject(new Error(msg.message));
  });
  worker.addEventListener('error', (event: ErrorEvent) => {
    // A crashed worker answers nothing more; fail every waiting call instead of hanging.
    const error = new Error(`The import worker stopped: ${event.message || 'unknown error'}`);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  });

  function call<M extends MethodName>(method: M, arg: MethodArg<M>, onProgress?: LoadProgressListener): Promise<MethodResult<M>> {
    if (disposed) return Promise.reject(new Error('The import worker has been stopped.'));
    const id = nextId++;
    return new Promise<MethodResult<M>>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
      const request: WorkerRequest<M> = { id, method, arg };
      worker.postMessage(request);
    });
  }

  return {
    load(file, datasetId, loadOptions, onProgress) {
      const fileName = typeof File !== 'undefined' && file instanceof File ? file.name : 'upload';
      return call('load', { file, fileName, datasetId, ...(loadOptions ? { options: loadOptions } : {}) }, onProgress);
    },
    setOptions: (o, onProgress) => call('setOptions', o, onProgress),
    setMapping: (mapping) => call('setMapping', mapping),
    getState: () => call('getState', undefined),
    getRows: (request) => call('getRows', request),
    setCell: (rowIndex, fieldKey, raw) => call('setCell', { rowIndex, fieldKey, raw }),
    setSkipped: (rowIndices, skipped) => call('setSkipped', { rowIndices, skipped }),
    fillEmpty: (request) => call('fillEmpty', request),
    replaceInColumn: (request) => call('replaceInColumn', request),
    deleteRows: (rowIndices) => call('deleteRows', { rowIndices }),
    undo: () => call('undo', undefined),
    redo: () => call('redo', undefined),
    getHistory: () => call('getHistory', undefined),
    markPushOutcome: (marks) => call('markPushOutcome', marks),
    productReferences: () => call('productReferences', undefined),
    setKnownProducts: (known) => call('setKnownProducts', known),
    preflight: () => call('preflight', undefined),
    planPush: (batchSize) => call('planPush', batchSize === undefined ? {} : { batchSize }),
    getPushBatch: (index) => call('getPushBatch', { index }),
    rejectedRowsCsv: () => call('rejectedRowsCsv', undefined),
    dispose() {
      if (disposed) return;
      disposed = true;
      worker.terminate();
      const error = new Error('The import worker has been stopped.');
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    },
  };
}
