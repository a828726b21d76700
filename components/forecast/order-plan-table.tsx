'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { callDashboard } from '@/lib/client/dashboard-api';
import type { OrderPlanRow } from '@/lib/forecast-types';
import { orderPlanKey } from './use-forecast-status';

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const show = (v: number | null) => (v === null ? '—' : number.format(v));

export function OrderPlanTable() {
  const [search, setSearch] = useState('');
  const [currentStatus, setCurrentStatus] = useState<'Current' | 'Discontinued' | 'All'>('All');
  const plan = useQuery({
    queryKey: [...orderPlanKey, search, currentStatus],
    queryFn: () =>
      callDashboard<{ results: OrderPlanRow[] }>('/api/order-plan', {
        method: 'POST',
        body: { currentStatus, ...(search.trim() ? { searchString: search.trim() } : {}) },
      }),
  });
  const rows = plan.data?.results ?? [];
  const toOrder = rows.filter((r) => (r.orderQuantity ?? 0) > 0).length;

  return (
    <section aria-labelledby="plan-heading" className="space-y-4">
      <div className="flex flex-wrap items-end gap-4">
        <h2 id="plan-heading" className="text-xl font-semibold">
          Order plan
        </h2>
        <label className="text-sm">
          Search code or name
          <input className="field-input mt-1" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label className="text-sm">
          Products
          <select className="field-input mt-1" value={currentStatus} onChange={(e) => setCurrentStatus(e.target.value as typeof currentStatus)}>
            <option value="All">All</option>
            <option value="Current">Current</option>
            <option value="Discontinued">Discontinued</option>
          </select>
        </label>
        <p className="text-sm text-slate-600" data-testid="plan-summary">
          {plan.isLoading ? 'Loading…' : `${rows.length} products, ${toOrder} to order now`}
        </p>
      </div>
      {plan.error && (
        <p role="alert" className="text-sm text-rose-700">
          {plan.error.message}
        </p>
      )}
      {!plan.isLoading && rows.length === 0 && !plan.error && (
        <p className="text-sm text-slate-600">No results yet. Import products and sales, then run the forecast.</p>
      )}
      {rows.length > 0 && (
        <div className="max-h-[32rem] overflow-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="order-plan">
            <thead className="sticky top-0 bg-slate-100 text-left">
              <tr>
                {['Product', 'Name', 'On hand', 'On order', 'Lead time', 'Lead demand', 'Safety stock', 'Reorder point', 'Days to stock-out', 'Order qty'].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.productCode} className={(r.orderQuantity ?? 0) > 0 ? 'bg-amber-50' : undefined}>
                  <td className="px-3 py-1 font-mono">{r.productCode}</td>
                  <td className="px-3 py-1">{r.name ?? ''}</td>
                  <td className="px-3 py-1 text-right">{show(r.stockOnHand)}</td>
                  <td className="px-3 py-1 text-right">{show(r.stockOnOrder)}</td>
                  <td className="px-3 py-1 text-right">{show(r.leadTimeDays)}</td>
                  <td className="px-3 py-1 text-right">{show(r.leadDemand)}</td>
                  <td className="px-3 py-1 text-right">{show(r.safetyStockLevel)}</td>
                  <td className="px-3 py-1 text-right">{show(r.reorderPoint)}</td>
                  <td className="px-3 py-1 text-right">{show(r.daysUntilStockOut)}</td>
                  <td className="px-3 py-1 text-right font-semibold">{show(r.orderQuantity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
