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

  /** Sends one batch and records its outcomes; answers the lane's next batch when it was taken in the same transaction. */
  async function push(batch: ClaimedBatch): Promise<ClaimedBatch | null> {
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
    const results = resultsFor(batch, outcomes);
    const usage = { requests: client.requestCount(), retries };
    // Outcomes, done mark and the next claim in one transaction; a stopping runner takes nothing new.
    if (stopping) {
      store.completeBatch(batch.runId, results, usage);
      return null;
    }
    return store.completeAndClaim(batch.runId, results, usage);
  }

  async function lane(): Promise<void> {
    let batch: ClaimedBatch | null = null;
    while (!stopping) {
      if (!batch) {
        try {
          batch = deps.store.claimBatch();
        } catch (error) {
          log(`could not read the run store: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (!batch || batch.rows.length === 0) {
        batch = null;
        await idle();
        continue;
      }
      const current: ClaimedBatch = batch;
      batch = null;
      try {
        batch = await push(current);
      } catch (error) {
        // Recording failed (disk full?): the rows stay claimed and are recovered on restart.
        log(`could not record a batch of run ${current.runId}: ${error instanceof Error ? error.message : String(error)}`);
        await idle();
      }
    }
    // Taken with the last outcomes as the runner stopped: it goes back, nothing of it was sent.
    if (batch) deps.store.releaseBatch(batch.runId, batch.rows.map((r) => r.rowNumber), { kind: 'not-sent' }, { requests: 0, retries: 0 });
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
