import type { OrderPlanRow } from '@/lib/forecast-types';
import { needsOrderNow, runsOutBeforeDelivery } from './order-plan-model';

const ROW_HEIGHT = 26;
const LABEL_WIDTH = 150;
const BAR_AREA = 380;
/** Room right of the bars for the longest label ("400 d, off the scale"). */
const WIDTH = LABEL_WIDTH + BAR_AREA + 140;
const TOP = 8;

function barColour(row: OrderPlanRow): string {
  if (runsOutBeforeDelivery(row)) return '#e11d48'; // rose-600
  if (needsOrderNow(row)) return '#d97706'; // amber-600
  return '#64748b'; // slate-500
}

/**
 * Days until stock-out of the products that run out soonest, as bars, with each product's
 * lead time as a tick: a bar that stops short of its tick runs out before an order placed
 * today could arrive. Plain SVG; the same figures are in the table for anyone who reads them.
 */
export function StockoutChart({ rows }: { readonly rows: readonly OrderPlanRow[] }) {
  if (rows.length === 0) return null;
  // Scaled to the lead times, not to the longest bar: one product with a year of stock would
  // otherwise squeeze the urgent ones into a few pixels. Longer bars stop at the edge and say so.
  const longestLead = Math.max(0, ...rows.map((r) => r.leadTimeDays ?? 0));
  const longestBar = Math.max(1, ...rows.map((r) => Math.max(r.daysUntilStockOut ?? 0, r.leadTimeDays ?? 0)));
  const scaleMax = Math.min(longestBar, Math.max(30, longestLead * 3));
  const x = (days: number) => LABEL_WIDTH + (Math.min(days, scaleMax) / scaleMax) * BAR_AREA;
  const height = TOP + rows.length * ROW_HEIGHT + 24;
  const soonest = rows[0]!;
  const description = `${rows.length} products that run out soonest. Soonest: ${soonest.productCode}, in ${soonest.daysUntilStockOut} days. ${
    rows.filter(runsOutBeforeDelivery).length
  } of them run out before an order placed today would arrive.`;

  return (
    <figure className="card space-y-2" data-testid="stockout-chart">
      <figcaption className="text-lg font-semibold" id="stockout-chart-title">
        Most at risk: days until stock-out
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-3xl" role="img" aria-labelledby="stockout-chart-title stockout-chart-desc">
        <desc id="stockout-chart-desc">{description}</desc>
        {rows.map((row, i) => {
          const y = TOP + i * ROW_HEIGHT;
          const days = row.daysUntilStockOut ?? 0;
          const barEnd = x(days);
          return (
            <g key={row.productCode} data-product={row.productCode}>
              <text x={LABEL_WIDTH - 8} y={y + 15} textAnchor="end" fontSize="12" fontFamily="ui-monospace, monospace" fill="#0f172a">
                {row.productCode.length > 20 ? `${row.productCode.slice(0, 19)}…` : row.productCode}
              </text>
              <rect x={LABEL_WIDTH} y={y + 4} width={Math.max(2, barEnd - LABEL_WIDTH)} height={ROW_HEIGHT - 10} rx="2" fill={barColour(row)} />
              {row.leadTimeDays !== null && (
                <line x1={x(row.leadTimeDays)} x2={x(row.leadTimeDays)} y1={y + 1} y2={y + ROW_HEIGHT - 3} stroke="#0f172a" strokeWidth="2" />
              )}
              <text x={barEnd + 6} y={y + 15} fontSize="12" fill="#334155">
                {days > scaleMax ? `${days} d, off the scale` : `${days} d`}
              </text>
            </g>
          );
        })}
        <text x={LABEL_WIDTH} y={height - 6} fontSize="11" fill="#64748b">
          0 days
        </text>
        <text x={LABEL_WIDTH + BAR_AREA} y={height - 6} fontSize="11" fill="#64748b" textAnchor="end">
          {scaleMax} days
        </text>
        <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={TOP} y2={TOP + rows.length * ROW_HEIGHT} stroke="#cbd5e1" />
      </svg>
      <ul className="flex flex-wrap gap-4 text-xs text-slate-600" aria-label="Legend">
        <li className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm bg-rose-600" aria-hidden="true" /> Runs out before an order could arrive
        </li>
        <li className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm bg-amber-600" aria-hidden="true" /> Order now
        </li>
        <li className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm bg-slate-500" aria-hidden="true" /> No order needed yet
        </li>
        <li className="flex items-center gap-1">
          <span className="inline-block h-3 w-0.5 bg-slate-900" aria-hidden="true" /> Lead time
        </li>
      </ul>
    </figure>
  );
}
