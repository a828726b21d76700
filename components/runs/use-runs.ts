'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DashboardApiError } from '@/lib/client/dashboard-api';
import { controlRun, fetchRun, listRuns } from '@/lib/client/run-calls';
import { type RunAction, type RunSummary, isActiveRunState } from '@/lib/server/runs/run-api';

export const runsKey = ['runs'] as const;
export const runKey = (runId: string) => ['runs', 'one', runId] as const;
const allRunsKey = ['runs', 'all'] as const;

const stillGoing = (run: RunSummary | undefined) => run !== undefined && isActiveRunState(run.state);

/** 403 and 404 will not change by asking again; a server that is restarting will. */
const isFinalError = (error: unknown) => error instanceof DashboardApiError && (error.status === 403 || error.status === 404 || error.status === 401);

/** One run, polled every second while it may still change; the server is the only source. */
export function useRun(runId: string) {
  return useQuery({
    queryKey: runKey(runId),
    queryFn: () => fetchRun(runId),
    refetchInterval: (query) => {
      if (query.state.error && isFinalError(query.state.error)) return false;
      if (query.state.error) return 2000;
      return stillGoing(query.state.data) || !query.state.data ? 1000 : false;
    },
    refetchIntervalInBackground: true,
    retry: (count, error) => count < 2 && !isFinalError(error),
  });
}

/** The account's runs that are still going, for the banner on every page. */
export function useActiveRuns(accountId: string) {
  return useQuery({
    queryKey: ['runs', 'active', accountId],
    queryFn: () => listRuns({ active: true }),
    // Often while something runs; now and then otherwise, to notice a run started in another tab.
    refetchInterval: (query) => (query.state.data?.length ? 1500 : 10_000),
    refetchIntervalInBackground: true,
  });
}

export function useRunHistory() {
  return useQuery({
    queryKey: allRunsKey,
    queryFn: () => listRuns(),
    refetchInterval: (query) => (query.state.data?.some(stillGoing) ? 2000 : false),
  });
}

export function useRunControl(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: RunAction) => controlRun(runId, action),
    onSuccess: (run) => {
      queryClient.setQueryData(runKey(runId), run);
      void queryClient.invalidateQueries({ queryKey: runsKey });
    },
  });
}
