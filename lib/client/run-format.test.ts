import { describe, expect, it } from 'vitest';
import type { RunSummary } from '@/lib/server/runs/run-api';
import { activeRunNote, formatDuration, runOutcome, runPace, runProgress, runRequestsText, runStateLabel } from './run-format';

const run = (over: Omit<Partial<RunSummary>, 'counts'> & { counts?: Partial<RunSummary['counts']> } = {}): RunSummary => ({
  id: 'r',
  dataset: 'sales-orders',
  datasetLabel: 'Sales Orders',
  fileName: 'f.csv',
  state: 'running',
  message: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: null,
  fileRows: 10,
  requests: 0,
  retries: 0,
  resent: 0,
  requestsPer1000Rows: null,
  rowsPerSecond: null,
  secondsLeft: null,
  elapsedMs: 0,
  round: 1,
  ...over,
  counts: { total: 10, pending: 0, sent: 0, rejected: 0, fileRejected: 0, skipped: 0, notSent: 0, ...over.counts },
});

describe('run formatting', () => {
  it('writes durations a person reads at a glance', () => {
    expect([0, 45_000, 185_000, 3_600_000, 7_800_000].map(formatDuration)).toEqual(['0 s', '45 s', '3 min 5 s', '1 h', '2 h 10 min']);
  });

  it('says how far a run is and how fast it goes', () => {
    expect(runProgress(run({ counts: { sent: 6, rejected: 1, pending: 3 } }))).toEqual({ done: 7, total: 10, fraction: 0.7 });
    // While the page uploads, against the file's rows to send, not the rows that have arrived.
    expect(runProgress(run({ state: 'uploading', fileRows: 100_000, counts: { total: 21_200, sent: 20_000, pending: 1_200 } }))).toEqual({ done: 20_000, total: 100_000, fraction: 0.2 });
    expect(runPace(run())).toBeNull();
    expect(runPace(run({ rowsPerSecond: 12.5, secondsLeft: 185 }))).toBe('12.5 rows/s, about 3 min 5 s left');
  });

  it('sums up the outcome', () => {
    expect(runOutcome(run({ state: 'finished', counts: { sent: 10 } }))).toBe('All rows sent');
    expect(runOutcome(run({ state: 'finished', counts: { sent: 8, rejected: 1, fileRejected: 1 } }))).toBe('Finished with 1 row rejected by StockTrim and 1 row with errors in the file (not sent)');
    expect(runOutcome(run({ state: 'finished', counts: { sent: 8, fileRejected: 2 } }))).toBe('Finished with 2 rows with errors in the file (not sent)');
    expect(runOutcome(run({ state: 'finished', counts: { sent: 8, skipped: 3 } }))).toBe('All rows sent (3 skipped by you or a rule)');
    expect(runOutcome(run({ state: 'cancelled', counts: { sent: 4, notSent: 6 } }))).toBe('Cancelled, 6 not sent');
    // Complete batches go out while the rest is uploaded.
    expect(runOutcome(run({ state: 'uploading', counts: { sent: 1250, pending: 300 } }))).toBe('Uploading, 1,250 sent so far');
    expect(runOutcome(run({ state: 'uploading', counts: {} }))).toBe('Uploading, nothing sent yet');
  });

  it('counts requests in words that read naturally, with thousands separators', () => {
    expect(runRequestsText(run({ requests: 2140, requestsPer1000Rows: 53.5, retries: 1 }))).toBe('2,140 requests to StockTrim (53.5 per 1,000 rows), 1 retry.');
    // One request per row (products sent one by one): per row, never "1,000 per 1,000 rows".
    expect(runRequestsText(run({ requests: 1000, requestsPer1000Rows: 1000, retries: 0 }))).toBe('1,000 requests to StockTrim (1 per row), 0 retries.');
    expect(runRequestsText(run({ requests: 12345, requestsPer1000Rows: 1234.5, retries: 2, resent: 1 }))).toBe(
      '12,345 requests to StockTrim (1.2 per row), 2 retries, 1 row sent again after the dashboard restarted.',
    );
    expect(runRequestsText(run({ requests: 1 }))).toBe('1 request to StockTrim, 0 retries.');
  });

  it('the banner says an uploading run is still uploading from the import page', () => {
    expect(runStateLabel('uploading')).toBe('Uploading');
    expect(runStateLabel('running')).toBe('Sending');
    expect(activeRunNote(run({ state: 'uploading' }))).toBe('Still uploading from the import page; keep that page open until the upload ends.');
    expect(activeRunNote(run({ state: 'waiting-credentials' }))).toBe('Connect again with this account to carry on.');
    expect(activeRunNote(run({ state: 'running' }))).toBeNull();
  });
});
