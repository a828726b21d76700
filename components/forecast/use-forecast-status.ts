'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { callDashboard } from '@/lib/client/dashboard-api';
import type { ForecastStatus } from '@/lib/forecast-types';
import { forecastPollInterval, runJustFinished } from './forecast-polling';

export const forecastStatusKey = ['forecast-status'] as const;
export const orderPlanKey = ['order-plan'] as const;

const fetchStatus = () => callDashboard<ForecastStatus>('/api/forecast');

/** Whether a run is in progress, as the page's RunForecastButton last read it (it does the polling). */
export function useForecastProcessing(): boolean {
  const status = useQuery({ queryKey: forecastStatusKey, queryFn: fetchStatus, enabled: false });
  return status.data?.isProcessing === true;
}

/**
 * The calculation's status, always read from StockTrim (via /api/forecast), so it is right
 * after a reload or when the run was started elsewhere; refreshes the plan when a run ends.
 */
export function useForecastStatus() {
  const queryClient = useQueryClient();
  const startedAt = useRef<number | null>(null);
  const status = useQuery({
    queryKey: forecastStatusKey,
    queryFn: fetchStatus,
    refetchInterval: (query) => forecastPollInterval(query.state.data, startedAt.current, Date.now()),
    refetchOnWindowFocus: true,
  });
  const start = useMutation({
    mutationFn: () => callDashboard<ForecastStatus>('/api/forecast', { method: 'POST' }),
    onMutate: () => {
      startedAt.current = Date.now();
    },
    onSuccess: (next) => queryClient.setQueryData(forecastStatusKey, next),
    // "Already running" (started in another tab, or by StockTrim) is best answered by showing that run.
    onError: () => void queryClient.invalidateQueries({ queryKey: forecastStatusKey }),
  });
  const wasProcessing = useRef(false);
  const processing = status.data?.isProcessing === true;
  useEffect(() => {
    if (runJustFinished(wasProcessing.current, status.data)) void queryClient.invalidateQueries({ queryKey: orderPlanKey });
    if (processing) startedAt.current = null;
    wasProcessing.current = processing;
  }, [processing, status.data, queryClient]);
  return { status, start, processing };
}
