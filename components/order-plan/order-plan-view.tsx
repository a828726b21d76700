'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { RunForecastButton } from '@/components/forecast/run-forecast-button';
import { orderPlanKey, useForecastProcessing } from '@/components/forecast/use-forecast-status';
import { callDashboard } from '@/lib/client/dashboard-api';
import type { OrderPlanFilters, OrderPlanResponse } from '@/lib/forecast-types';
import { downloadText } from './download-text';
import { orderPlanCsv, orderPlanFileName } from './order-plan-csv';
import { OrderPlanFiltersForm, defaultPlanFilters } from './order-plan-filters';
import { OrderPlanGrid } from './order-plan-grid';
import { defaultPlanSort, mostAtRisk, nextSort, planTotals, sortPlan } from './order-plan-model';
import { showCalculatedAt, showMoney, showQuantity } from './plan-format';
import { StockoutChart } from './stockout-chart';

function withoutBlanks(filters: Required<OrderPlanFilters>): OrderPlanFilters {
  return Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')) as OrderPlanFilters;
}

const uniqueSorted = (values: readonly (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b));

export function OrderPlanView() {
  const [filters, setFilters] = useState(defaultPlanFilters);
  const [sort, setSort] = useState(defaultPlanSort);
  const body = useMemo(() => withoutBlanks(filters), [filters]);
  // Under orderPlanKey, so the forecast status refreshes it when a run finishes.
  const plan = useQuery({
    queryKey: [...orderPlanKey, 'plan-page', body],
    queryFn: ({ signal }) => callDashboard<OrderPlanResponse>('/api/order-plan', { method: 'POST', body, signal }),
  });
  const results = plan.data?.results;
  const rows = useMemo(() => sortPlan(results ?? [], sort), [results, sort]);
  const totals = useMemo(() => planTotals(rows), [rows]);
  const atRisk = useMemo(() => mostAtRisk(rows, 10), [rows]);
  const categories = useMemo(() => uniqueSorted(rows.map((r) => r.category)), [rows]);
  const locations = useMemo(() => uniqueSorted(rows.map((r) => r.locationName)), [rows]);
  const filtered = Object.keys(body).length > 1 || body.currentStatus !== defaultPlanFilters.currentStatus;
  const running = useForecastProcessing();
  const emptyText = filtered
    ? 'No product matches these filters. Supplier, category and location must match exactly (any case).'
    : running
      ? 'The forecast is running; the plan shows here as soon as it has finished.'
      : 'No results yet. Import products and sales, then run the forecast.';

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Order plan</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          What StockTrim suggests ordering, from its last finished forecast. Changes to products or sales show here after the next forecast run.
        </p>
      </div>
      <RunForecastButton />
      <OrderPlanFiltersForm applied={filters} onApply={setFilters} categories={categories} locations={locations} busy={plan.isFetching} />

      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm" role="status" data-testid="plan-summary">
        {plan.isLoading ? (
          <span>Loading the order plan…</span>
        ) : rows.length === 0 ? null : (
          <>
            <span>
              <strong>{totals.products}</strong> products{filtered ? ' match the filters' : ''}
            </span>
            <span>
              <strong>{totals.toOrder}</strong> to order now
            </span>
            <span>
              <strong>{totals.atRisk}</strong> run out before an order could arrive
            </span>
            <span>
              Order quantity <strong>{showQuantity(totals.orderQuantity)}</strong>, value <strong>{showMoney(totals.orderValue)}</strong>
            </span>
            {plan.data?.calculatedAt && <span className="text-slate-500">Calculated {showCalculatedAt(plan.data.calculatedAt)}</span>}
          </>
        )}
      </div>
      {plan.error && (
        <p role="alert" className="text-sm text-rose-700">
          {plan.error.message}
        </p>
      )}

      {!plan.isLoading && !plan.error && rows.length === 0 && (
        <p className="card text-sm text-slate-600" data-testid="plan-empty">
          {emptyText}
        </p>
      )}

      {rows.length > 0 && (
        <>
          <StockoutChart rows={atRisk} />
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 className="text-lg font-semibold">Products</h2>
            <button type="button" className="btn-secondary" onClick={() => downloadText(orderPlanFileName(new Date()), orderPlanCsv(rows))}>
              Export CSV ({rows.length} rows)
            </button>
          </div>
          <OrderPlanGrid rows={rows} totals={totals} sort={sort} onSort={(column) => setSort((s) => nextSort(s, column))} />
        </>
      )}
    </div>
  );
}
