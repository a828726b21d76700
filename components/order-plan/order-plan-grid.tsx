'use client';

import type { OrderPlanRow } from '@/lib/forecast-types';
import { type PlanSort, type PlanTotals, type SortColumn, needsOrderNow, runsOutBeforeDelivery } from './order-plan-model';
import { showMoney, showQuantity } from './plan-format';

interface Column {
  /** Names the cell for tests and styling: `data-col`. */
  readonly key: string;
  readonly label: string;
  readonly sort?: SortColumn;
  readonly numeric?: boolean;
  readonly cell: (row: OrderPlanRow) => string;
}

const columns: readonly Column[] = [
  { key: 'category', label: 'Category', cell: (r) => r.category ?? '' },
  { key: 'location', label: 'Location', cell: (r) => r.locationName ?? '' },
  { key: 'stockOnHand', label: 'On hand', numeric: true, cell: (r) => showQuantity(r.stockOnHand) },
  { key: 'stockOnOrder', label: 'On order', numeric: true, cell: (r) => showQuantity(r.stockOnOrder) },
  { key: 'leadTimeDays', label: 'Lead time (days)', numeric: true, cell: (r) => showQuantity(r.leadTimeDays) },
  { key: 'reorderPoint', label: 'Reorder point', sort: 'reorderPoint', numeric: true, cell: (r) => showQuantity(r.reorderPoint) },
  { key: 'daysUntilStockOut', label: 'Days until stock-out', sort: 'daysUntilStockOut', numeric: true, cell: (r) => showQuantity(r.daysUntilStockOut) },
  { key: 'minimumOrderQuantity', label: 'Min. order qty', numeric: true, cell: (r) => showQuantity(r.minimumOrderQuantity) },
  { key: 'orderQuantity', label: 'Order qty', sort: 'orderQuantity', numeric: true, cell: (r) => showQuantity(r.orderQuantity) },
  { key: 'cost', label: 'Unit cost', numeric: true, cell: (r) => showMoney(r.cost) },
  { key: 'orderValue', label: 'Value', sort: 'orderValue', numeric: true, cell: (r) => showMoney(r.orderValue) },
];

function statusText(row: OrderPlanRow): string {
  if (row.isDiscontinued) return 'Discontinued';
  if (row.isUnstocked) return 'Unstocked';
  if (runsOutBeforeDelivery(row)) return needsOrderNow(row) ? 'Order now: runs out before delivery' : 'Runs out before delivery';
  if (needsOrderNow(row)) return 'Order now';
  return '';
}

function rowClass(row: OrderPlanRow): string {
  if (runsOutBeforeDelivery(row)) return 'bg-rose-50';
  if (needsOrderNow(row)) return 'bg-amber-50';
  return '';
}

interface OrderPlanGridProps {
  readonly rows: readonly OrderPlanRow[];
  readonly totals: PlanTotals;
  readonly sort: PlanSort;
  readonly onSort: (column: SortColumn) => void;
}

export function OrderPlanGrid({ rows, totals, sort, onSort }: OrderPlanGridProps) {
  return (
    <div className="max-h-[40rem] overflow-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="plan-table">
        <caption className="sr-only">
          Order plan, sorted by {columns.find((c) => c.sort === sort.column)?.label} {sort.direction}. Rows to order now are highlighted.
        </caption>
        <thead className="sticky top-0 z-10 bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Product
            </th>
            {columns.map((c) => {
              const active = c.sort === sort.column;
              return (
                <th key={c.key} scope="col" className={`px-3 py-2 font-medium ${c.numeric ? 'text-right' : ''}`} aria-sort={c.sort ? (active ? sort.direction : 'none') : undefined}>
                  {c.sort ? (
                    <button type="button" className="inline-flex items-center gap-1 font-medium hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600" onClick={() => onSort(c.sort!)}>
                      {c.label}
                      <span aria-hidden="true" className={active ? 'text-indigo-700' : 'text-slate-400'}>
                        {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.productCode} className={`border-t border-slate-100 ${rowClass(r)}`} data-product={r.productCode} data-order-now={needsOrderNow(r) || undefined}>
              <th scope="row" className="max-w-[16rem] px-3 py-1 text-left font-normal">
                <span className="block whitespace-nowrap font-mono">{r.productCode}</span>
                {r.name && <span className="block truncate text-xs text-slate-600" title={r.name}>{r.name}</span>}
              </th>
              {columns.map((c) => (
                <td key={c.key} data-col={c.key} className={`px-3 py-1 ${c.numeric ? 'text-right tabular-nums' : ''} ${c.sort === 'orderQuantity' ? 'font-semibold' : ''}`}>
                  {c.cell(r)}
                </td>
              ))}
              <td data-col="status" className={`min-w-[9rem] px-3 py-1 ${runsOutBeforeDelivery(r) ? 'font-medium text-rose-800' : 'text-amber-900'}`}>{statusText(r)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="sticky bottom-0 bg-slate-100 font-semibold" data-testid="plan-totals">
          <tr>
            <th scope="row" className="px-3 py-2 text-left" colSpan={9}>
              Total: {totals.products} products, {totals.toOrder} to order now
            </th>
            <td className="px-3 py-2 text-right tabular-nums" data-testid="total-quantity">
              {showQuantity(totals.orderQuantity)}
            </td>
            <td />
            <td className="px-3 py-2 text-right tabular-nums" data-testid="total-value">
              {showMoney(totals.orderValue)}
            </td>
            <td className="px-3 py-2 text-xs font-normal">{totals.toOrderWithoutCost > 0 ? `${totals.toOrderWithoutCost} without a cost not valued` : ''}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
