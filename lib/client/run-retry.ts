import { RUN_BATCH_ROWS, RUN_CHUNK_MAX_ROWS, type RetryResponse } from '@/lib/server/runs/run-api';
import type { ImportWorkerClient } from '@/lib/import/import-worker-client';
import { fetchAllRunRows, retryRun } from './run-calls';

export type RetrySource = Pick<ImportWorkerClient, 'planPush' | 'getPushBatch'>;

/**
 * Sends a run's failed rows again, with the values the grid has for them now (so a row fixed
 * there goes as fixed). Rows the grid still finds wrong are not offered as fixes and stay as
 * they were; the other rows of the file are not sent again.
 */
export async function retryFailedRows(runId: string, source: RetrySource | null): Promise<RetryResponse> {
  const fixes: { rowNumber: number; values: Record<string, unknown> }[] = [];
  if (source) {
    const failed = new Set((await fetchAllRunRows(runId, 'rejected')).map((r) => r.rowNumber));
    const plan = await source.planPush(RUN_BATCH_ROWS);
    for (let batch = 0; batch < plan.batchCount && fixes.length < failed.size; batch++) {
      for (const row of await source.getPushBatch(batch)) if (failed.has(row.rowNumber)) fixes.push({ rowNumber: row.rowNumber, values: row.values });
    }
  }
  const chunks: (typeof fixes)[] = [];
  for (let i = 0; i < fixes.length; i += RUN_CHUNK_MAX_ROWS) chunks.push(fixes.slice(i, i + RUN_CHUNK_MAX_ROWS));
  const last = chunks.pop() ?? [];
  for (const chunk of chunks) await retryRun(runId, { fixes: chunk, start: false });
  return retryRun(runId, { fixes: last, start: true });
}
