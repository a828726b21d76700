'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { callDashboard } from '@/lib/client/dashboard-api';
import type { ForecastStatus } from '@/lib/forecast-types';

export const forecastStatusKey = ['forecast-status'] as const;
export const orderPlanKey = ['order-plan'] as const;

/** Polls StockTrim's processing status while a calculation runs; refreshes the plan when it ends. */
export function useForecastStatus() {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: forecastStatusKey,
    queryFn: () => callDashboard<ForecastStatus>('/api/forecast'),
    refetchInterval: (query) => (query.state.data?.isProcessing ? 750 : false),
  });
  const start = useMutation({
    mutationFn: () => callDashboard<ForecastStatus>('/api/forecast', { method: 'POST' }),
    onSuccess: (next) => queryClient.setQueryData(forecastStatusKey, next),
  });
  const wasProcessing = useRef(false);
  const processing = status.data?.isProcessing === true;
  useEffect(() => {
    if (wasProcessing.current && !processing) void queryClient.invalidateQueries({ queryKey: orderPlanKey });
    wasProcessing.current = processing;
  }, [processing, queryClient]);
  return { status, start, processing };
}
