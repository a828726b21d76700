import type { PushRow } from '@/lib/import/import-types';
import type { RowOutcome } from '@/lib/push-types';
import type { Pusher } from '@/lib/server/push/pusher';
import type { StockTrimClient, StockTrimCredentials } from '@/lib/stocktrim/client';
import type { CredentialBox } from './credential-box';
import type { ClaimedBatch, RowResult, RunStore, Usage } from './run-store';

export interface RunRunnerDeps {
  readonly store: RunStore;
  readonly box: CredentialBox;
  /** Batches in flight at once, across all runs; each batch sends one request at a time. */
  readonly lanes: number;
  readonly clientFor: (credentials: StockTrimCredentials, onRetry: () => void) => StockTrimClient;
  readonly pusherFor: (dataset: string) => Pusher | null;
  readonly resendSafe: (dataset: string) => boolean;
  /** How often an idle runner looks for work it was not woken for (rows waiting out a back-off). */
  readonly idleMs?: number;
  /** Times a row is sent before a passing failure (5xx, 429, network) is its outcome. */
  readonly maxAttempts?: number;
  readonly backoffMs?: (attempt: number) => number;
  /** A run still uploading with no rows from the page for this long is cancelled, with a message saying so. */
  readonly uploadIdleMs?: number;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
}

export interface RunRunner {
  /** Recovers what a previous process left on its way, then starts sending. Once per process. */
  start(): void;
  /** New work (a run started or resumed): look now rather than at the next idle check. */
  wake(): void;
  /** Lets the batches in flight finish and stops (tests, shutdown). */
  stop(): Promise<void>;
}

export const CREDENTIALS_UNREADABLE =
  'Waiting for credentials: the dashboard restarted with a new key and cannot read the credentials this run was started with. It carries on as soon as a session of this StockTrim account is open (connect again).';

/** A batch that went out, with the outcomes the lane has still to record. */
interface SentBatch {
  readonly runId: string;
  readonly results: readonly RowResult[];
  readonly usage: Usage;
}

function isStockTrimAuthError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'StockTrimError' && (error as { kind?: unknown }).kind === 'auth';
}

function sentAnswer(outcome: RowOutcome): string {
  if (outcome.created === true) return 'Created in StockTrim.';
  if (outcome.created === false) return 'Updated in StockTrim.';
  return 'Accepted by StockTrim.';
}

/** The page uploads a chunk every few hundred milliseconds; ten minutes of nothing means it went away. */
export const DEFAULT_UPLOAD_IDLE_MS = 10 * 60_000;

const defaultBackoff = (attempt: number) => Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt - 1));

/**
 * Sends every running run's pending rows, batch by batch, in the server process. Each batch's
 * outcomes are written in one transaction with the rows' completion, so after a crash only
 * the batches that were in flight are in doubt, and those go again through idempotent calls.
 */
export function createRunRunner(deps: RunRunnerDeps): RunRunner {
  const idleMs = deps.idleMs ?? 1000;
  const maxAttempts = deps.maxAttempts ?? 3;
  const backoff = deps.backoffMs ?? defaultBackoff;
  const now = deps.now ?? Date.now;
  const uploadIdleMs = deps.uploadIdleMs ?? DEFAULT_UPLOAD_IDLE_MS;
  let expiryTimer: ReturnType<typeof setInterval> | null = null;
  const log = deps.log ?? ((m: string) => console.warn(`[runs] ${m}`));
  let started = false;
  let stopping = false;
  let lanes: Promise<void>[] = [];
  let waiters: (() => void)[] = [];

  function wake(): void {
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  }

  function idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, idleMs);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        waiters = waiters.filter((w) => w !== done);
        resolve();
      }
      waiters.push(done);
    });
  }

  function resultsFor(batch: ClaimedBatch, outcomes: readonly RowOutcome[]): RowResult[] {
    const byRow = new Map(outcomes.map((o) => [o.rowNumber, o]));
    const resendSafe = deps.resendSafe(batch.dataset);
    return batch.rows.map((row): RowResult => {
      const outcome = byRow.get(row.rowNumber);
      if (!outcome) return { rowNumber: row.rowNumber, outcome: 'rejected', answer: 'The dashboard got no answer for this row. Retry it.', retryable: true };
      if (outcome.status === 'sent') return { rowNumber: row.rowNumber, outcome: 'sent', answer: sentAnswer(outcome) };
      const answer = outcome.message ?? 'Rejected by StockTrim.';
      if (outcome.retryable && resendSafe && row.attempts < maxAttempts) {
        return { rowNumber: row.rowNumber, outcome: 'again', answer, notBefore: now() + backoff(row.attempts) };
      }
      return { rowNumber: row.rowNumber, outcome: 'rejected', answer, retryable: outcome.retryable === true };
    });
  }

  /**
   * Sends one batch. Answers its outcomes for the lane to record, or null when the run had to
   * stop (the batch is then given back or marked in doubt here).
   */
  async function send(batch: ClaimedBatch): Promise<SentBatch | null> {
    const { store } = deps;
    const rowNumbers = batch.rows.map((r) => r.rowNumber);
    const none: Usage = { requests: 0, retries: 0 };
    const sealed = store.sealedCredentials(batch.runId);
    const credentials = sealed ? deps.box.open(batch.runId, sealed) : null;
    if (!credentials) {
      store.releaseBatch(batch.runId, rowNumbers, { kind: 'not-sent' }, none);
      store.interrupt(batch.runId, { kind: 'credentials', message: CREDENTIALS_UNREADABLE });
      return null;
    }
    const pusher = deps.pusherFor(batch.dataset);
    if (!pusher) {
      store.releaseBatch(batch.runId, rowNumbers, { kind: 'not-sent' }, none);
      store.interrupt(batch.runId, { kind: 'problem', message: `This dashboard cannot send "${batch.dataset}" rows. Update it, then resume the run.` });
      return null;
    }
    let retries = 0;
    const client = deps.clientFor(credentials, () => {
      retries += 1;
    });
    const rows: PushRow[] = batch.rows.map((r) => ({ rowNumber: r.rowNumber, values: r.values as PushRow['values'] }));
    let outcomes: readonly RowOutcome[];
    try {
      outcomes = await pusher(rows, { client, concurrency: 1, ...(batch.options.pushOptions ? { options: batch.options.pushOptions } : {}) });
    } catch (error) {
      // Part of the batch may have reached StockTrim before the failure; the pusher's outcomes
      // for it are lost with the exception, so the whole batch is in doubt.
      const usage = { requests: client.requestCount(), retries };
      store.releaseBatch(batch.runId, rowNumbers, { kind: 'maybe-sent', resendSafe: deps.resendSafe(batch.dataset) }, usage);
      if (isStockTrimAuthError(error)) {
        store.interrupt(batch.runId, {
          kind: 'credentials',
          message: `Waiting for credentials: StockTrim refused the ones this run was started with (${error.message}) Connect again with this account and the run carries on.`,
        });
      } else {
        const message = error instanceof Error ? error.message : String(error);
        log(`run ${batch.runId} paused after an unexpected error: ${message}`);
        store.interrupt(batch.runId, { kind: 'problem', message: `Paused after an unexpected problem (${message}). Resume the run to try again.` });
      }
      return null;
    }
    return { runId: batch.runId, results: resultsFor(batch, outcomes), usage: { requests: client.requestCount(), retries } };
  }

  function giveBack(batch: ClaimedBatch): void {
    deps.store.releaseBatch(batch.runId, batch.rows.map((r) => r.rowNumber), { kind: 'not-sent' }, { requests: 0, retries: 0 });
  }

  /**
   * Records the lane's last outcomes (if any) and takes its next batch, in one transaction.
   * 'failed': the store could not be written (disk full?); the rows stay claimed and are
   * recovered on restart.
   */
  function recordAndTake(sent: SentBatch | null): ClaimedBatch | null | 'failed' {
    try {
      return sent ? deps.store.completeAndClaim(sent.runId, sent.results, sent.usage) : deps.store.claimBatch();
    } catch (error) {
      log(sent ? `could not record a batch of run ${sent.runId}: ${error instanceof Error ? error.message : String(error)}` : `could not read the run store: ${error instanceof Error ? error.message : String(error)}`);
      return 'failed';
    }
  }

  function recordOnly(sent: SentBatch): void {
    try {
      deps.store.completeBatch(sent.runId, sent.results, sent.usage);
    } catch (error) {
      log(`could not record a batch of run ${sent.runId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A batch taken one request ago belongs to a run that may have been paused or cancelled since. */
  function stillSending(batch: ClaimedBatch): boolean {
    const state = deps.store.getRun(batch.runId)?.state;
    return state === 'running' || state === 'uploading';
  }

  /**
   * One batch in flight at a time, and the lane's bookkeeping done while it is: the previous
   * batch's outcomes are written and the next batch taken after this one's request has left,
   * so the store's work (about 1 ms a batch, on the thread every lane shares) is not added to
   * each lane's request-to-request time. The lane holds at most two batches: the one on its
   * way and the next.
   */
  async function lane(): Promise<void> {
    let next: ClaimedBatch | null = null;
    let unrecorded: SentBatch | null = null;
    while (!stopping) {
      if (!next) {
        const taken = recordAndTake(unrecorded);
        unrecorded = null;
        if (taken === 'failed') {
          await idle();
          continue;
        }
        next = taken;
      }
      if (!next || next.rows.length === 0) {
        next = null;
        await idle();
        continue;
      }
      const current: ClaimedBatch = next;
      next = null;
      if (!stillSending(current)) {
        giveBack(current);
        continue;
      }
      // Settled into a value at once: a send that fails while this lane does its bookkeeping
      // must not count as an unhandled rejection.
      const sending = send(current).then(
        (sent) => ({ sent, error: null }),
        (error: unknown) => ({ sent: null, error }),
      );
      // The request is written to the socket before the next turn of the event loop.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!stopping) {
        const taken = recordAndTake(unrecorded);
        next = taken === 'failed' ? null : taken;
      } else if (unrecorded) recordOnly(unrecorded);
      unrecorded = null;
      const { sent, error } = await sending;
      if (error !== null) {
        // The store could not be written around the send (disk full?): the rows stay claimed
        // and are recovered on restart; the lane carries on after a pause.
        log(`could not record a batch of run ${current.runId}: ${error instanceof Error ? error.message : String(error)}`);
        await idle();
        continue;
      }
      if (sent) unrecorded = sent;
      else if (next?.runId === current.runId) {
        // The run stopped (credentials, an unexpected problem): its next batch goes back unsent.
        giveBack(next);
        next = null;
      }
    }
    // Stopping: the last outcomes are written; a batch taken but not sent goes back untouched.
    if (unrecorded) recordOnly(unrecorded);
    if (next) giveBack(next);
  }

  return {
    start() {
      if (started) return;
      started = true;
      const recovered = deps.store.recoverInterrupted(deps.resendSafe);
      if (recovered.resent + recovered.unknown > 0) {
        log(`resuming after a restart: ${recovered.resent} rows that were on their way go again, ${recovered.unknown} have an unknown outcome.`);
      }
      lanes = Array.from({ length: Math.max(1, deps.lanes) }, () => lane());
      const expire = () => {
        try {
          const ended = deps.store.expireUploads(uploadIdleMs);
          if (ended > 0) log(`cancelled ${ended} run(s) whose upload stopped before it was complete.`);
        } catch (error) {
          log(`could not check for stopped uploads: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      expire();
      expiryTimer = setInterval(expire, Math.max(10, Math.min(60_000, Math.floor(uploadIdleMs / 4))));
      expiryTimer.unref?.();
    },
    wake,
    async stop() {
      stopping = true;
      if (expiryTimer) clearInterval(expiryTimer);
      wake();
      await Promise.all(lanes);
    },
  };
}
