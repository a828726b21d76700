import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { startWalCheckpointer } from './wal-checkpointer';
import { ACTIVE_RUN_STATES, type RejectedBy, type RunCounts, type RunRowFilter, type RunRowStatus, type RunRowView, type RunState } from './run-api';
import {
  type ClaimedBatch,
  type NewRun,
  type NewRunRow,
  type ReadyBatches,
  type RetryInput,
  type RowResult,
  type RunOptions,
  type RunRecord,
  type RunStore,
  RunStoreError,
  type Usage,
  UNKNOWN_OUTCOME_MESSAGE,
} from './run-store';

interface RunRow {
  id: string;
  account_id: string;
  dataset: string;
  file_name: string;
  options: string;
  state: RunState;
  message: string | null;
  expected_rows: number | null;
  round: number;
  requests: number;
  retries: number;
  resent: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  mark_at: number | null;
  mark_done: number | null;
  ready_batches: number | null;
}

interface RowRow {
  row_number: number;
  status: RunRowStatus;
  rejected_by: RejectedBy | null;
  attempts: number;
  answer: string | null;
  retryable: number;
  payload: string;
}

const RUN_COLUMNS =
  'id, account_id, dataset, file_name, options, state, message, expected_rows, round, requests, retries, resent, created_at, started_at, finished_at, updated_at, mark_at, mark_done, ready_batches';
const sqlList = (states: readonly RunState[]) => `(${states.map((s) => `'${s}'`).join(', ')})`;
/** What the active-runs list shows (ACTIVE_RUN_STATES, uploading runs included). */
const LISTED_ACTIVE = sqlList(ACTIVE_RUN_STATES);
/** Runs the page has handed over that may still send; an upload is not finished by its rows being sent. */
const ACTIVE = sqlList(ACTIVE_RUN_STATES.filter((s) => s !== 'uploading'));

/** Which rows a filter means; "not sent" are pending rows a cancel or a later round left behind. */
const FILTER_SQL: Record<RunRowFilter, string> = {
  all: '1',
  pending: `w.status = 'pending' AND w.round = r.round AND r.state <> 'cancelled'`,
  sent: `w.status = 'sent'`,
  rejected: `w.status = 'rejected'`,
  skipped: `w.status = 'skipped'`,
  'not-sent': `w.status = 'pending' AND (w.round < r.round OR r.state = 'cancelled')`,
};

const CANCELLED_DURING_UPLOAD_MESSAGE =
  'Cancelled while the import page was still uploading. Complete orders and records that had arrived were already being sent: those listed as sent are in StockTrim; the rest of the file was not sent. Push the file again to send everything (rows already in StockTrim are updated, not doubled).';
const CANCELLED_UPLOAD_MESSAGE = 'This run was cancelled; its rows can no longer be changed. Start a new push instead.';

function uploadStoppedMessage(idleMs: number): string {
  const minutes = Math.max(1, Math.round(idleMs / 60_000));
  return `Cancelled: the import page stopped uploading this run's rows before the upload was complete (nothing arrived for ${minutes} minute${minutes === 1 ? '' : 's'}). Rows already sent are listed as sent; the others were not sent. Push the file again from the import page.`;
}

/**
 * Pages of log before a commit checkpoints, when the checkpointer thread is not there. At
 * SQLite's default of 1,000 a 20,000-row push met one every ~50 batches; a tenth as many, each
 * copying every hot page once.
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

/** Rows per multi-row upsert statement (nine parameters each, well under SQLite's limit). */
const UPSERT_GROUP_ROWS = 50;

/** Stores uploaded rows; a row the runner has taken (the run sends while it uploads) is not replaced by a chunk sent again. */
function upsertRowsSql(rows: number): string {
  return `INSERT INTO run_rows (run_id, row_number, batch_no, record_key, round, payload, status, rejected_by, answer, updated_at)
    VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, 1, ?, ?, ?, ?, ?)').join(', ')}
    ON CONFLICT (run_id, row_number) DO UPDATE SET batch_no = excluded.batch_no, record_key = excluded.record_key, payload = excluded.payload, status = excluded.status,
      rejected_by = excluded.rejected_by, answer = excluded.answer, updated_at = excluded.updated_at
    WHERE run_rows.claimed = 0 AND run_rows.attempts = 0`;
}

function upsertValues(runId: string, row: NewRunRow, t: number): unknown[] {
  return [runId, row.rowNumber, row.batch, row.recordKey ?? null, JSON.stringify(row.values), row.status, row.status === 'rejected' ? (row.rejectedBy ?? 'dashboard') : null, row.answer ?? null, t];
}

export interface SqliteRunStoreOptions {
  readonly now?: () => number;
}

/** The run store on one SQLite file (":memory:" for tests). Creates the folder and the schema. */
export function openSqliteRunStore(file: string, { now = Date.now }: SqliteRunStoreOptions = {}): RunStore {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A process crash loses nothing in WAL mode with NORMAL; a power cut may lose the last
  // outcomes, whose rows are then resent through the same idempotent calls.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoints run on a thread of their own (wal-checkpointer.ts): inside a commit they held
  // every lane up for 30–50 ms. Without that thread, SQLite checkpoints in the commits.
  db.pragma('wal_autocheckpoint = 0');
  migrate(db);
  const checkpointer =
    file === ':memory:'
      ? null
      : startWalCheckpointer(file, {
          onError: (error) => {
            console.warn(`[runs] the log checkpointer stopped (${error.message}); checkpoints run in the commits again.`);
            if (db.open) db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
          },
        });
  if (!checkpointer) db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  // Wiped credentials are overwritten with zeros, not left in free pages.
  db.pragma('secure_delete = ON');

  const q = {
    insertRun: db.prepare(
      `INSERT INTO runs (id, account_id, dataset, file_name, options, state, created_at, updated_at, upload_at)
       VALUES (?, ?, ?, ?, ?, 'uploading', ?, ?, ?)`,
    ),
    run: db.prepare<[string], RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
    runsOf: db.prepare<[string, number], RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE account_id = ? ORDER BY created_at DESC, id LIMIT ?`),
    activeRunsOf: db.prepare<[string, number], RunRow>(
      `SELECT ${RUN_COLUMNS} FROM runs WHERE account_id = ? AND state IN ${LISTED_ACTIVE} ORDER BY created_at DESC, id LIMIT ?`,
    ),
    // In the order of run_rows_counts, so the count reads the index alone and sorts nothing.
    counts: db.prepare<[string], { status: RunRowStatus; rejected_by: RejectedBy | null; round: number; n: number }>(
      `SELECT status, rejected_by, round, COUNT(*) AS n FROM run_rows WHERE run_id = ? GROUP BY status, rejected_by, round`,
    ),
    rowCount: db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM run_rows WHERE run_id = ?`),
    upsertRow: db.prepare(upsertRowsSql(1)),
    upsertRows: db.prepare(upsertRowsSql(UPSERT_GROUP_ROWS)),
    rowExists: db.prepare<[string, number], { n: number }>(`SELECT 1 AS n FROM run_rows WHERE run_id = ? AND row_number = ?`),
    touchUpload: db.prepare(`UPDATE runs SET upload_at = ? WHERE id = ?`),
    setReady: db.prepare(
      `UPDATE runs SET ready_batches = MAX(COALESCE(ready_batches, 0), @ready), credentials = @credentials, message = NULL,
         started_at = COALESCE(started_at, @now), mark_at = COALESCE(mark_at, @now), mark_done = COALESCE(mark_done, 0), updated_at = @now
       WHERE id = @id`,
    ),
    staleUploads: db.prepare<[number], { id: string }>(`SELECT id FROM runs WHERE state = 'uploading' AND COALESCE(upload_at, created_at) < ?`),
    pendingInRound: db.prepare<[string], { n: number }>(
      `SELECT COUNT(*) AS n FROM run_rows w JOIN runs r ON r.id = w.run_id WHERE w.run_id = ? AND w.status = 'pending' AND w.round = r.round`,
    ),
    setExpected: db.prepare(`UPDATE runs SET expected_rows = ? WHERE id = ?`),
    setState: db.prepare(`UPDATE runs SET state = @state, message = @message, updated_at = @now WHERE id = @id`),
    begin: db.prepare(
      `UPDATE runs SET state = 'running', message = NULL, credentials = @credentials, started_at = COALESCE(started_at, @now), finished_at = NULL,
         mark_at = @now, mark_done = @done, updated_at = @now WHERE id = @id`,
    ),
    end: db.prepare(`UPDATE runs SET state = @state, message = @message, credentials = NULL, finished_at = @now, updated_at = @now WHERE id = @id`),
    finishIfDone: db.prepare(
      `UPDATE runs SET state = 'finished', message = NULL, credentials = NULL, finished_at = @now, updated_at = @now
       WHERE id = @id AND state IN ${ACTIVE}
         AND NOT EXISTS (SELECT 1 FROM run_rows w WHERE w.run_id = runs.id AND w.status = 'pending' AND w.round = runs.round)`,
    ),
    wipe: db.prepare(`UPDATE runs SET credentials = NULL WHERE id = ?`),
    wipeIfEnded: db.prepare(`UPDATE runs SET credentials = NULL WHERE id = ? AND state IN ('finished', 'cancelled')`),
    credentials: db.prepare<[string], { credentials: Buffer | null }>(`SELECT credentials FROM runs WHERE id = ?`),
    // A running run, or one still uploading whose page said which batches are complete (and
    // sealed credentials for them): only those batches go while the rest is on its way.
    claimableRun: db.prepare<[number], { id: string; dataset: string; options: string; round: number; below: number }>(
      `SELECT r.id, r.dataset, r.options, r.round, CASE WHEN r.state = 'running' THEN ${Number.MAX_SAFE_INTEGER} ELSE r.ready_batches END AS below FROM runs r
       WHERE (r.state = 'running' OR (r.state = 'uploading' AND r.ready_batches > 0 AND r.credentials IS NOT NULL)) AND EXISTS (
         SELECT 1 FROM run_rows w WHERE w.run_id = r.id AND w.status = 'pending' AND w.round = r.round AND w.claimed = 0 AND w.not_before <= ?
           AND (r.state = 'running' OR w.batch_no < r.ready_batches))
       ORDER BY r.last_claim_at, r.created_at LIMIT 1`,
    ),
    firstBatch: db.prepare<[string, number, number, number], { batch: number | null }>(
      `SELECT MIN(batch_no) AS batch FROM run_rows WHERE run_id = ? AND status = 'pending' AND round = ? AND claimed = 0 AND not_before <= ? AND batch_no < ?`,
    ),
    claimRows: db.prepare<[number, string, number, number, number], { row_number: number; payload: string; attempts: number }>(
      `UPDATE run_rows SET claimed = 1, attempts = attempts + 1, updated_at = ?
       WHERE run_id = ? AND batch_no = ? AND round = ? AND status = 'pending' AND claimed = 0 AND not_before <= ?
       RETURNING row_number, payload, attempts`,
    ),
    touchClaim: db.prepare(`UPDATE runs SET last_claim_at = ? WHERE id = ?`),
    recordRow: db.prepare(
      `UPDATE run_rows SET status = @status, rejected_by = @rejectedBy, answer = @answer, retryable = @retryable, not_before = @notBefore,
         claimed = 0, updated_at = @now
       WHERE run_id = @runId AND row_number = @rowNumber AND claimed = 1`,
    ),
    // recordRow with positional parameters, for the runner's hot path (one per row sent).
    recordOutcome: db.prepare<[string, string | null, string, number, number, number, string, number]>(
      `UPDATE run_rows SET status = ?, rejected_by = ?, answer = ?, retryable = ?, not_before = ?, claimed = 0, updated_at = ?
       WHERE run_id = ? AND row_number = ? AND claimed = 1`,
    ),
    addUsage: db.prepare(`UPDATE runs SET requests = requests + @requests, retries = retries + @retries, resent = resent + @resent, updated_at = @now WHERE id = @id`),
    unclaim: db.prepare(`UPDATE run_rows SET claimed = 0, attempts = MAX(0, attempts - @undo), updated_at = @now WHERE run_id = @runId AND row_number = @rowNumber AND claimed = 1`),
    claimedRuns: db.prepare<[], { run_id: string; dataset: string; n: number }>(
      `SELECT w.run_id, r.dataset, COUNT(*) AS n FROM run_rows w JOIN runs r ON r.id = w.run_id WHERE w.claimed = 1 GROUP BY w.run_id, r.dataset`,
    ),
    unclaimRun: db.prepare(`UPDATE run_rows SET claimed = 0, updated_at = ? WHERE run_id = ? AND claimed = 1`),
    unknownRun: db.prepare(
      `UPDATE run_rows SET claimed = 0, status = 'rejected', rejected_by = 'stocktrim', answer = ?, retryable = 0, updated_at = ? WHERE run_id = ? AND claimed = 1`,
    ),
    markRunning: db.prepare(`UPDATE runs SET mark_at = @now, mark_done = @done WHERE id = @id`),
    runningIds: db.prepare<[], { id: string }>(`SELECT id FROM runs WHERE state = 'running'`),
    fixRow: db.prepare(
      `UPDATE run_rows SET payload = @payload, record_key = @recordKey, status = @status, rejected_by = @rejectedBy, answer = @answer, round = @round, retryable = 0,
         not_before = 0, updated_at = @now
       WHERE run_id = @runId AND row_number = @rowNumber AND claimed = 0
         AND (status = 'rejected' OR (status = 'pending' AND round = @round))`,
    ),
    requeueRejected: db.prepare(
      `UPDATE run_rows SET status = 'pending', round = @round, not_before = 0, updated_at = @now
       WHERE run_id = @runId AND status = 'rejected' AND rejected_by = 'stocktrim'`,
    ),
    // A retried row joins the batch of its record's other rows, so they go in one request.
    joinRecordBatch: db.prepare(
      `UPDATE run_rows SET batch_no = (
         SELECT m.batch_no FROM run_rows m WHERE m.run_id = run_rows.run_id AND m.record_key = run_rows.record_key AND m.status = 'sent' ORDER BY m.row_number LIMIT 1)
       WHERE run_id = @runId AND status = 'pending' AND round = @round AND record_key IS NOT NULL
         AND EXISTS (SELECT 1 FROM run_rows m WHERE m.run_id = run_rows.run_id AND m.record_key = run_rows.record_key AND m.status = 'sent')`,
    ),
    requeueRecordmates: db.prepare(
      `UPDATE run_rows SET status = 'pending', round = @round, not_before = 0, updated_at = @now
       WHERE run_id = @runId AND status = 'sent'
         AND record_key IN (SELECT record_key FROM run_rows WHERE run_id = @runId AND status = 'pending' AND round = @round AND record_key IS NOT NULL)`,
    ),
    nextRound: db.prepare(`UPDATE runs SET round = round + 1 WHERE id = ?`),
  };

  const rowQueryCache = new Map<RunRowFilter, { count: Database.Statement<[string], { n: number }>; page: Database.Statement<[string, number, number], RowRow> }>();
  function rowQueries(filter: RunRowFilter) {
    let cached = rowQueryCache.get(filter);
    if (!cached) {
      const from = `FROM run_rows w JOIN runs r ON r.id = w.run_id WHERE w.run_id = ? AND ${FILTER_SQL[filter]}`;
      cached = {
        count: db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n ${from}`),
        page: db.prepare<[string, number, number], RowRow>(
          `SELECT w.row_number, w.status, w.rejected_by, w.attempts, w.answer, w.retryable, w.payload ${from} ORDER BY w.row_number LIMIT ? OFFSET ?`,
        ),
      };
      rowQueryCache.set(filter, cached);
    }
    return cached;
  }

  function countsOf(run: RunRow): RunCounts {
    const c = { total: 0, pending: 0, sent: 0, rejected: 0, fileRejected: 0, skipped: 0, notSent: 0 };
    for (const g of q.counts.all(run.id)) {
      const current = g.round === run.round;
      c.total += g.n;
      if (g.status === 'sent') c.sent += g.n;
      else if (g.status === 'skipped') c.skipped += g.n;
      else if (g.status === 'rejected') {
        if (g.rejected_by === 'file') c.fileRejected += g.n;
        else c.rejected += g.n;
      } else if (current && run.state !== 'cancelled') c.pending += g.n;
      else c.notSent += g.n;
    }
    return c;
  }

  function record(run: RunRow): RunRecord {
    // Counted when first read: the upload route checks a run's owner and state once per chunk,
    // and counting a 500,000-row run each time would make an upload quadratic.
    let counts: RunCounts | undefined;
    return {
      id: run.id,
      accountId: run.account_id,
      dataset: run.dataset,
      fileName: run.file_name,
      options: JSON.parse(run.options) as RunOptions,
      state: run.state,
      message: run.message,
      expectedRows: run.expected_rows,
      round: run.round,
      requests: run.requests,
      retries: run.retries,
      resent: run.resent,
      createdAt: run.created_at,
      startedAt: run.started_at,
      finishedAt: run.finished_at,
      updatedAt: run.updated_at,
      markAt: run.mark_at,
      markDone: run.mark_done,
      readyBatches: run.ready_batches,
      get counts() {
        counts ??= countsOf(run);
        return counts;
      },
    };
  }

  function mustGet(runId: string): RunRow {
    const run = q.run.get(runId);
    if (!run) throw new RunStoreError('not-found', `There is no import run ${runId}. It may have been made on another dashboard or with another data folder.`);
    return run;
  }

  function doneCount(run: RunRow): number {
    const c = countsOf(run);
    return c.sent + c.rejected + c.fileRejected;
  }

  function begin(run: RunRow, credentials: Buffer, t: number): void {
    q.begin.run({ id: run.id, credentials, now: t, done: doneCount(run) });
    q.finishIfDone.run({ id: run.id, now: t });
  }

  /** Whether these rows may be stored in the run now; throws the refusal otherwise. */
  function checkUpload(run: RunRow, rows: readonly NewRunRow[]): void {
    if (run.state === 'cancelled') throw new RunStoreError('conflict', run.message ?? CANCELLED_UPLOAD_MESSAGE);
    if (run.state !== 'uploading') throw new RunStoreError('conflict', 'This run has already started; its rows can no longer be changed. Start a new push instead.');
    const sealedBelow = run.ready_batches ?? 0;
    for (const row of rows) {
      // Batches the page said were complete may be sent already: a chunk sent again may repeat
      // their rows (kept as they are), but a new row there would split an order over requests.
      if (row.batch < sealedBelow && !q.rowExists.get(run.id, row.rowNumber)) {
        throw new RunStoreError(
          'conflict',
          `Row ${row.rowNumber} belongs to batch ${row.batch}, which this upload already said was complete (it may have been sent). Nothing of this chunk was stored; start the push again.`,
        );
      }
    }
  }

  /** Takes the next batch of the run whose turn it is; in the caller's transaction. */
  function claimNext(): ClaimedBatch | null {
    const t = now();
    const run = q.claimableRun.get(t);
    if (!run) return null;
    const batch = q.firstBatch.get(run.id, run.round, t, run.below)?.batch;
    if (batch === null || batch === undefined) return null;
    const rows = q.claimRows.all(t, run.id, batch, run.round, t);
    q.touchClaim.run(t, run.id);
    return {
      runId: run.id,
      dataset: run.dataset,
      options: JSON.parse(run.options) as RunOptions,
      rows: rows
        .sort((a, b) => a.row_number - b.row_number)
        .map((r) => ({ rowNumber: r.row_number, values: JSON.parse(r.payload) as Record<string, unknown>, attempts: r.attempts })),
    };
  }

  /** A batch's outcomes, its usage and (if it was the last) the run's end; in the caller's transaction. Answers whether the run finished. */
  function recordOutcomes(runId: string, results: readonly RowResult[], usage: Usage): boolean {
    const t = now();
    for (const r of results) {
      q.recordOutcome.run(
        r.outcome === 'again' ? 'pending' : r.outcome,
        r.outcome === 'rejected' ? 'stocktrim' : null,
        r.answer,
        r.outcome === 'rejected' && r.retryable ? 1 : 0,
        r.outcome === 'again' ? r.notBefore : 0,
        t,
        runId,
        r.rowNumber,
      );
    }
    q.addUsage.run({ id: runId, requests: usage.requests, retries: usage.retries, resent: 0, now: t });
    const ended = q.finishIfDone.run({ id: runId, now: t }).changes > 0;
    // A cancelled run's last batch may land after the cancel; its credentials are gone already.
    q.wipeIfEnded.run(runId);
    return ended;
  }

  /** Wiped credentials also leave the write-ahead log, not only the database pages. */
  function checkpoint(): void {
    db.pragma('wal_checkpoint(TRUNCATE)');
  }

  const store: RunStore = {
    createRun(input: NewRun) {
      const id = randomUUID();
      const t = now();
      q.insertRun.run(id, input.accountId, input.dataset, input.fileName, JSON.stringify(input.options), t, t, t);
      return record(mustGet(id));
    },

    checkRows(runId, rows) {
      checkUpload(mustGet(runId), rows);
    },

    addRows: db.transaction((runId: string, rows: readonly NewRunRow[], ready?: ReadyBatches) => {
      checkUpload(mustGet(runId), rows);
      const t = now();
      // Rows go in groups of one statement each: per row, a call into SQLite costs about a third
      // of the insert itself.
      let i = 0;
      for (; i + UPSERT_GROUP_ROWS <= rows.length; i += UPSERT_GROUP_ROWS) q.upsertRows.run(rows.slice(i, i + UPSERT_GROUP_ROWS).flatMap((row) => upsertValues(runId, row, t)));
      for (; i < rows.length; i++) q.upsertRow.run(upsertValues(runId, rows[i]!, t));
      q.touchUpload.run(t, runId);
      if (ready && ready.readyBatches > 0) q.setReady.run({ id: runId, ready: ready.readyBatches, credentials: ready.sealedCredentials, now: t });
    }),

    startRun: db.transaction((runId: string, uploadedRows: number, sealedCredentials: Buffer) => {
      const run = mustGet(runId);
      if (run.state === 'cancelled' && run.message) throw new RunStoreError('conflict', run.message);
      if (run.state !== 'uploading') return record(run);
      const stored = q.rowCount.get(runId)?.n ?? 0;
      if (stored !== uploadedRows) {
        throw new RunStoreError('incomplete', `The dashboard holds ${stored} of the ${uploadedRows} rows the page sent for this run. Start the push again.`);
      }
      q.setExpected.run(uploadedRows, runId);
      begin(mustGet(runId), sealedCredentials, now());
      return record(mustGet(runId));
    }),

    getRun(runId) {
      const run = q.run.get(runId);
      return run ? record(run) : null;
    },

    listRuns(accountId, filter = {}) {
      const limit = Math.max(1, Math.min(500, filter.limit ?? 100));
      return (filter.activeOnly ? q.activeRunsOf : q.runsOf).all(accountId, limit).map(record);
    },

    listRows(runId, { filter, offset, limit }) {
      mustGet(runId);
      const { count, page } = rowQueries(filter);
      const total = count.get(runId)?.n ?? 0;
      const rows = page.all(runId, limit, offset);
      return {
        total,
        rows: rows.map(
          (r): RunRowView => ({
            rowNumber: r.row_number,
            status: r.status,
            rejectedBy: r.rejected_by,
            attempts: r.attempts,
            answer: r.answer,
            retryable: r.retryable === 1,
            values: JSON.parse(r.payload) as Record<string, unknown>,
          }),
        ),
      };
    },

    control(runId: string, action: 'pause' | 'resume' | 'cancel', sealedCredentials?: Buffer) {
      const cancelled = db.transaction((): boolean => {
        const run = mustGet(runId);
        const t = now();
        if (action === 'pause') {
          if (run.state === 'paused') return false;
          if (run.state === 'uploading') throw new RunStoreError('conflict', 'This run is still uploading from the import page; wait until the upload is complete to pause it, or cancel it.');
          if (run.state !== 'running' && run.state !== 'waiting-credentials') throw new RunStoreError('conflict', `This run is ${run.state}; only a running run can be paused.`);
          q.setState.run({ id: runId, state: 'paused', message: null, now: t });
          return false;
        }
        if (action === 'resume') {
          if (run.state !== 'running' && run.state !== 'paused' && run.state !== 'waiting-credentials') {
            throw new RunStoreError('conflict', `This run is ${run.state}; only a paused or waiting run can be resumed.`);
          }
          if (!sealedCredentials) throw new Error('Resuming a run needs credentials.');
          begin(run, sealedCredentials, t);
          return false;
        }
        if (run.state === 'cancelled') return false;
        if (run.state === 'finished') throw new RunStoreError('conflict', 'This run has already finished; there is nothing left to cancel.');
        q.end.run({ id: runId, state: 'cancelled', message: run.state === 'uploading' ? CANCELLED_DURING_UPLOAD_MESSAGE : null, now: t });
        return true;
      }).immediate();
      if (cancelled) checkpoint();
      return record(mustGet(runId));
    },

    retry: db.transaction((runId: string, input: RetryInput) => {
      const run = mustGet(runId);
      if (run.state !== 'finished' && run.state !== 'cancelled') {
        throw new RunStoreError('conflict', 'This run is still going. Wait until it finishes (or cancel it), then retry its failed rows.');
      }
      const t = now();
      const nextRound = run.round + 1;
      let fixed = 0;
      for (const fix of input.fixes) {
        const changed = q.fixRow.run({
          runId,
          rowNumber: fix.rowNumber,
          payload: JSON.stringify(fix.values),
          recordKey: fix.recordKey,
          status: fix.problem === null ? 'pending' : 'rejected',
          rejectedBy: fix.problem === null ? null : 'dashboard',
          answer: fix.problem,
          round: nextRound,
          now: t,
        }).changes;
        fixed += changed;
      }
      const ignored = input.fixes.length - fixed;
      if (input.start) {
        q.requeueRejected.run({ runId, round: nextRound, now: t });
        if (input.wholeRecords) {
          q.joinRecordBatch.run({ runId, round: nextRound });
          q.requeueRecordmates.run({ runId, round: nextRound, now: t });
        }
        q.nextRound.run(runId);
        const after = mustGet(runId);
        if ((q.pendingInRound.get(runId)?.n ?? 0) === 0) {
          throw new RunStoreError('conflict', 'There are no failed rows that can be sent again. Rows refused by the file check must be fixed in the import grid first.');
        }
        begin(after, input.sealedCredentials, t);
      }
      return { run: record(mustGet(runId)), fixed, ignored };
    }),

    sealedCredentials(runId) {
      return q.credentials.get(runId)?.credentials ?? null;
    },

    claimBatch: db.transaction(claimNext).immediate,

    completeBatch(runId, results, usage) {
      const finished = db.transaction(() => recordOutcomes(runId, results, usage)).immediate();
      if (finished) checkpoint();
    },

    completeAndClaim(runId, results, usage) {
      const { finished, next } = db.transaction(() => ({ finished: recordOutcomes(runId, results, usage), next: claimNext() })).immediate();
      if (finished) checkpoint();
      return next;
    },

    releaseBatch(runId, rowNumbers, mode, usage) {
      db.transaction(() => {
        const t = now();
        if (mode.kind === 'maybe-sent' && !mode.resendSafe) {
          for (const rowNumber of rowNumbers) {
            q.recordRow.run({ runId, rowNumber, status: 'rejected', rejectedBy: 'stocktrim', answer: UNKNOWN_OUTCOME_MESSAGE, retryable: 0, notBefore: 0, now: t });
          }
        } else {
          for (const rowNumber of rowNumbers) q.unclaim.run({ runId, rowNumber, undo: mode.kind === 'not-sent' ? 1 : 0, now: t });
        }
        const resent = mode.kind === 'maybe-sent' && mode.resendSafe ? rowNumbers.length : 0;
        q.addUsage.run({ id: runId, requests: usage.requests, retries: usage.retries, resent, now: t });
        q.finishIfDone.run({ id: runId, now: t });
      }).immediate();
    },

    interrupt(runId, reason) {
      db.transaction(() => {
        const run = mustGet(runId);
        const t = now();
        if (run.state === 'uploading') {
          // Sending while uploading stops; the run carries on (or stops for good) when the page starts it.
          q.setState.run({ id: runId, state: 'uploading', message: reason.message, now: t });
          q.wipe.run(runId);
          return;
        }
        if (run.state !== 'running') return;
        q.setState.run({ id: runId, state: reason.kind === 'credentials' ? 'waiting-credentials' : 'paused', message: reason.message, now: t });
        // Credentials that cannot be read, or that StockTrim refused, are of no further use.
        if (reason.kind === 'credentials') q.wipe.run(runId);
      })();
      if (reason.kind === 'credentials') checkpoint();
    },

    recoverInterrupted(resendSafe) {
      return db.transaction(() => {
        const t = now();
        let resent = 0;
        let unknown = 0;
        for (const c of q.claimedRuns.all()) {
          if (resendSafe(c.dataset)) {
            q.unclaimRun.run(t, c.run_id);
            q.addUsage.run({ id: c.run_id, requests: 0, retries: 0, resent: c.n, now: t });
            resent += c.n;
          } else {
            q.unknownRun.run(UNKNOWN_OUTCOME_MESSAGE, t, c.run_id);
            unknown += c.n;
          }
          q.finishIfDone.run({ id: c.run_id, now: t });
        }
        // The rate (and so the time left) counts from now, not from before the restart.
        for (const { id } of q.runningIds.all()) q.markRunning.run({ id, now: t, done: doneCount(mustGet(id)) });
        return { resent, unknown };
      }).immediate();
    },

    expireUploads(idleMs) {
      const ended = db.transaction((): number => {
        const t = now();
        const stale = q.staleUploads.all(t - idleMs);
        for (const { id } of stale) q.end.run({ id, state: 'cancelled', message: uploadStoppedMessage(idleMs), now: t });
        return stale.length;
      }).immediate();
      if (ended > 0) checkpoint();
      return ended;
    },

    close() {
      void checkpointer?.stop();
      db.close();
    },
  } as RunStore;
  return store;
}
