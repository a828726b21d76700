import type {
  CreateRunRequest,
  RetryRequest,
  RetryResponse,
  RunAction,
  RunRowFilter,
  RunRowView,
  RunRowsPage,
  RunSummary,
  StartRunRequest,
  UploadRowsResponse,
} from '@/lib/server/runs/run-api';
import { callDashboard } from './dashboard-api';

/** The browser's calls to /api/runs; every answer is checked and typed by the server's contract. */
export async function createRun(request: CreateRunRequest, signal?: AbortSignal): Promise<RunSummary> {
  return (await callDashboard<{ run: RunSummary }>('/api/runs', { method: 'POST', body: request, ...(signal ? { signal } : {}) })).run;
}

/**
 * One chunk of an upload, its rows each already written as JSON (UploadRow). `readyBatches`:
 * batches below it are complete, and the server may send them while the upload goes on.
 */
export function uploadRunRows(runId: string, rowsJson: readonly string[], signal?: AbortSignal, readyBatches?: number): Promise<UploadRowsResponse> {
  const ready = readyBatches !== undefined && readyBatches > 0 ? `,"readyBatches":${readyBatches}` : '';
  return callDashboard<UploadRowsResponse>(`/api/runs/${runId}/rows`, { method: 'POST', bodyJson: `{"rows":[${rowsJson.join(',')}]${ready}}`, ...(signal ? { signal } : {}) });
}

export async function startRun(runId: string, request: StartRunRequest, signal?: AbortSignal): Promise<RunSummary> {
  return (await callDashboard<{ run: RunSummary }>(`/api/runs/${runId}/start`, { method: 'POST', body: request, ...(signal ? { signal } : {}) })).run;
}

export async function fetchRun(runId: string): Promise<RunSummary> {
  return (await callDashboard<{ run: RunSummary }>(`/api/runs/${runId}`)).run;
}

export async function listRuns(options: { readonly active?: boolean } = {}): Promise<RunSummary[]> {
  return (await callDashboard<{ runs: RunSummary[] }>(`/api/runs${options.active ? '?active=1' : ''}`)).runs;
}

export async function controlRun(runId: string, action: RunAction): Promise<RunSummary> {
  return (await callDashboard<{ run: RunSummary }>(`/api/runs/${runId}/control`, { method: 'POST', body: { action } })).run;
}

export function retryRun(runId: string, request: RetryRequest): Promise<RetryResponse> {
  return callDashboard<RetryResponse>(`/api/runs/${runId}/retry`, { method: 'POST', body: request });
}

export function fetchRunRows(runId: string, filter: RunRowFilter, offset: number, limit: number): Promise<RunRowsPage> {
  return callDashboard<RunRowsPage>(`/api/runs/${runId}/rows?filter=${filter}&offset=${offset}&limit=${limit}`);
}

/** Every row of the run that matches, a thousand at a time. */
export async function fetchAllRunRows(runId: string, filter: RunRowFilter): Promise<RunRowView[]> {
  const all: RunRowView[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await fetchRunRows(runId, filter, offset, 1000);
    all.push(...page.rows);
    if (page.rows.length < 1000 || all.length >= page.total) return all;
  }
}
