import type { DatasetId } from '@/lib/datasets/field-def';
import type { PushPlan } from '@/lib/import/import-types';
import type { ImportWorkerClient } from '@/lib/import/import-worker-client';
import { RUN_BATCH_ROWS, RUN_CHUNK_MAX_BYTES, RUN_CHUNK_MAX_ROWS, type UploadRow } from '@/lib/server/runs/run-api';
import { DashboardApiError } from './dashboard-api';
import { controlRun, createRun, startRun, uploadRunRows } from './run-calls';

export type RunUploadSource = Pick<ImportWorkerClient, 'planPush' | 'getPushBatch' | 'getRows'>;

export interface FileProblemRow {
  readonly rowNumber: number;
  readonly message: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface RunUploadInput {
  readonly dataset: DatasetId;
  readonly fileName: string;
  /** Data rows in the file. */
  readonly fileRows: number;
  readonly source: RunUploadSource;
  /** Rows the file check refused, with the check's reason, so the run's account is complete. */
  readonly loadFileErrors: () => Promise<readonly FileProblemRow[]>;
  readonly pushOptions?: Readonly<Record<string, boolean>>;
  readonly signal: AbortSignal;
  readonly onProgress: (uploaded: number, total: number) => void;
  readonly onPlan?: (plan: PushPlan) => void;
  /** The run exists (and may start sending its complete batches from the first chunk on). */
  readonly onRunCreated?: (runId: string) => void;
}

// Headroom under the route's limit for the JSON around the rows.
const CHUNK_BYTES = Math.floor(RUN_CHUNK_MAX_BYTES * 0.8);
/**
 * The first chunk is small so the server starts sending soon (a few batches per lane); the
 * later ones are full, as fewer requests cost the server less.
 */
const FIRST_CHUNK_ROWS = 200;
const MESSAGE_CHARS = 5000;

const NON_ASCII = /[^\u0000-\u007f]/;
const utf8 = new TextEncoder();

/** The body's limit is in bytes, and names in Arabic or Chinese take two or three a character. */
function utf8Bytes(text: string): number {
  return NON_ASCII.test(text) ? utf8.encode(text).length : text.length;
}

function scalars(values: Readonly<Record<string, unknown>>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v === undefined ? null : typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as string | number | boolean | null);
  return out;
}

async function skippedRows(source: RunUploadSource): Promise<FileProblemRow[]> {
  const out: FileProblemRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await source.getRows({ offset, limit: 1000, filter: 'skipped' });
    for (const row of page.rows) out.push({ rowNumber: row.rowNumber, message: '', values: Object.fromEntries(Object.entries(row.cells).map(([k, c]) => [k, c.raw])) });
    if (offset + 1000 >= page.total) return out;
  }
}

/** A chunk is stored by row number, so sending it again after a dropped connection is harmless. */
async function sendChunk(runId: string, rows: readonly string[], signal: AbortSignal, readyBatches: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await uploadRunRows(runId, rows, signal, readyBatches);
      return;
    } catch (error) {
      const passing = error instanceof DashboardApiError && (error.status === 0 || error.status >= 500);
      if (!passing || attempt >= 3 || signal.aborted) throw error;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

/**
 * Uploads the validated rows (in the worker's batches, which never split an order) plus the
 * rows the file check refused or the user skipped, then hands the run to the server, which
 * sends it from there on whether or not this page stays open. Answers the run id.
 *
 * Each chunk tells the server which batches it now holds completely, and the server starts
 * sending those while the rest is uploaded (the run reads "uploading" until the hand-over).
 * A cancel or a failure before the hand-over cancels the run: rows already sent stay sent and
 * are listed so, the others are not sent. If the page goes away mid-upload, the server
 * cancels the run after a time-out, with a message saying so.
 */
export async function uploadRun(input: RunUploadInput): Promise<string> {
  const { source, signal } = input;
  const run = await createRun(
    { dataset: input.dataset, fileName: input.fileName, fileRows: input.fileRows, batchRows: RUN_BATCH_ROWS, ...(input.pushOptions ? { pushOptions: input.pushOptions } : {}) },
    signal,
  );
  input.onRunCreated?.(run.id);
  try {
    const plan = await source.planPush(RUN_BATCH_ROWS);
    input.onPlan?.(plan);
    // The rows to send go first, so the server starts sending at once; the rows refused by the
    // file check and the skipped ones (a page of the worker's rows at a time) follow.
    let total = plan.rowsToSend + plan.rowsWithErrors + (plan.rowsSkipped ?? 0);
    let uploaded = 0;
    // Each row written as JSON once: its length sizes the chunk, and the text is the body.
    let chunk: string[] = [];
    let chunkBytes = 0;
    let chunkRows = FIRST_CHUNK_ROWS;
    // Batches below this are in the chunk or before it, whole.
    let completeBatches = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      await sendChunk(run.id, chunk, signal, completeBatches);
      chunkRows = RUN_CHUNK_MAX_ROWS;
      uploaded += chunk.length;
      chunk = [];
      chunkBytes = 0;
      input.onProgress(uploaded, total);
    };
    const add = async (row: UploadRow) => {
      const json = JSON.stringify(row);
      const bytes = utf8Bytes(json);
      if (chunk.length > 0 && chunkBytes + bytes > CHUNK_BYTES) await flush();
      chunk.push(json);
      chunkBytes += bytes;
      // A full chunk goes now, not when the next row turns up (which may be a page of skipped rows away).
      if (chunk.length >= chunkRows) await flush();
    };
    for (let batch = 0; batch < plan.batchCount; batch++) {
      for (const row of await source.getPushBatch(batch)) await add({ kind: 'send', rowNumber: row.rowNumber, batch, values: row.values });
      completeBatches = batch + 1;
    }
    const fileErrors = await input.loadFileErrors();
    const skipped = await skippedRows(source);
    total = plan.rowsToSend + fileErrors.length + skipped.length;
    // Rows that are not sent still get a batch of their own, so a fix retried later goes alone.
    let batch = plan.batchCount;
    for (const row of fileErrors) {
      await add({ kind: 'file-error', rowNumber: row.rowNumber, batch: batch++, values: scalars(row.values), message: (row.message || 'Problem in the file.').slice(0, MESSAGE_CHARS) });
    }
    for (const row of skipped) await add({ kind: 'skipped', rowNumber: row.rowNumber, batch: batch++, values: scalars(row.values) });
    await flush();
    await startRun(run.id, { uploadedRows: uploaded }, signal);
    return run.id;
  } catch (error) {
    await controlRun(run.id, 'cancel').catch(() => undefined);
    throw error;
  }
}
