/**
 * What POST /V2/PurchaseOrders/OrderPlan turns the order plan into: one order per supplier
 * holding every matching product with something to order, in plan order. Pure.
 */
import type { OrderPlanFilterCriteriaDto } from '../lib/stocktrim/contract';
import { keySet, matchKey, type PlanEntry } from './order-plan';

export interface ProposedPurchaseOrder {
  readonly supplierCode: string | null;
  readonly supplierName: string | null;
  readonly lines: readonly { readonly productId: string; readonly quantity: number; readonly unitPrice: number | null }[];
}

const overlaps = (wanted: ReadonlySet<string>, have: ReadonlySet<string>) => wanted.size === 0 || [...wanted].some((w) => have.has(w));

/**
 * currentStatus is a non-nullable enum in this DTO, so leaving it out means its first member,
 * Current, as .NET binds it (unlike /OrderPlan, where absent means All). Products without a
 * supplier share one order with a null supplier.
 */
export function proposePurchaseOrders(entries: readonly PlanEntry[], criteria: OrderPlanFilterCriteriaDto): ProposedPurchaseOrder[] {
  const status = criteria.currentStatus ?? 'Current';
  const search = matchKey(criteria.searchString);
  const locations = keySet(criteria.locationCodes ?? []);
  const suppliers = keySet(criteria.supplierCodes ?? []);
  const orders = new Map<string | null, { supplierName: string | null; lines: ProposedPurchaseOrder['lines'][number][] }>();
  for (const entry of entries) {
    const r = entry.result;
    if (!r.productCode || !((r.orderQuantity ?? 0) > 0)) continue;
    if (status === 'Current' && r.isDiscontinued) continue;
    if (status === 'Discontinued' && !r.isDiscontinued) continue;
    if (search && !r.productCode.toLowerCase().includes(search) && !(r.name ?? '').toLowerCase().includes(search)) continue;
    if (!overlaps(locations, entry.locations) || !overlaps(suppliers, entry.suppliers)) continue;
    const code = entry.supplier?.code ?? null;
    const order = orders.get(code) ?? { supplierName: entry.supplier?.name ?? null, lines: [] };
    order.lines.push({ productId: r.productCode, quantity: r.orderQuantity ?? 0, unitPrice: r.skuCost ?? null });
    orders.set(code, order);
  }
  return [...orders].map(([supplierCode, order]) => ({ supplierCode, ...order }));
}
