/** Micro-measure of the run store's per-batch and per-poll costs (not part of npm run bench). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { salesFixture } from '@/lib/server/runs/runs-test-support';
import { openSqliteRunStore } from '@/lib/server/runs/sqlite-run-store';

const fx = salesFixture(4000, 5, 300);
const store = openSqliteRunStore(path.join(mkdtempSync(path.join(tmpdir(), 'micro-')), 'runs.sqlite'));
const run = store.createRun({ accountId: 'a', dataset: 'sales-orders', fileName: 'f.csv', options: { fileRows: fx.rows.length, batchRows: 25 } });
let t = performance.now();
for (let i = 0; i < fx.rows.length; i += 1000) store.addRows(run.id, fx.rows.slice(i, i + 1000));
console.log('addRows per 1000', ((performance.now() - t) / (fx.rows.length / 1000)).toFixed(2), 'ms');
store.startRun(run.id, fx.rows.length, Buffer.from('x'));
t = performance.now();
for (let i = 0; i < 50; i++) store.getRun(run.id);
console.log('getRun', ((performance.now() - t) / 50).toFixed(2), 'ms');
let claims = 0, completes = 0, n = 0;
for (;;) {
  let t0 = performance.now();
  const b = store.claimBatch();
  claims += performance.now() - t0;
  if (!b) break;
  t0 = performance.now();
  store.completeBatch(b.runId, b.rows.map((r) => ({ rowNumber: r.rowNumber, outcome: 'sent', answer: 'Created in StockTrim.' })), { requests: 5, retries: 0 });
  completes += performance.now() - t0;
  n++;
}
console.log('batches', n, 'claim', (claims / n).toFixed(3), 'complete', (completes / n).toFixed(3), 'ms');

const { toRunRows } = await import('@/lib/server/runs/check-uploaded-rows');
const { getDataset } = await import('@/lib/datasets/registry');
const { uploadRowsSchema } = await import('@/lib/server/runs/run-api-schemas');
const upload = fx.rows.slice(0, 1000).map((r) => ({ kind: 'send' as const, rowNumber: r.rowNumber, batch: r.batch, values: r.values }));
const body = JSON.stringify({ rows: upload });
for (let k = 0; k < 3; k++) {
  let t1 = performance.now();
  const parsed = uploadRowsSchema.parse(JSON.parse(body));
  const tz = performance.now() - t1;
  t1 = performance.now();
  toRunRows(getDataset('sales-orders'), parsed.rows);
  console.log('per 1000 rows: JSON+zod body', tz.toFixed(2), 'ms, toRunRows', (performance.now() - t1).toFixed(2), 'ms');
}
