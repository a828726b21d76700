/**
 * Turns a forecast over a data snapshot into order-plan entries, and applies the
 * OrderPlanFilterCriteria of a request to them. Pure: no store, no clock.
 */
import type { OrderPlanFilterCriteria, ProductsRequest, SkuOptimizedResults } from '../lib/stocktrim/contract';
import { calculateOrderPlan } from './forecast';

export interface PlanSale {
  readonly productId: string;
  readonly orderDate: string;
  readonly quantity: number;
  readonly locationCode: string | null;
  readonly locationName: string | null;
  readonly customerCode: string | null;
  readonly customerName: string | null;
}

/** A result plus what the filters match on, captured when the calculation ran. */
export interface PlanEntry {
  readonly result: SkuOptimizedResults;
  readonly suppliers: ReadonlySet<string>;
  readonly locations: ReadonlySet<string>;
  readonly customers: ReadonlySet<string>;
  readonly manufactured: boolean;
}

const key = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim().toLowerCase();
  return trimmed ? trimmed : null;
};

function keySet(values: readonly (string | null | undefined)[]): Set<string> {
  return new Set(values.map(key).filter((v): v is string => v !== null));
}

export function buildPlanEntries(products: readonly ProductsRequest[], sales: readonly PlanSale[], calculatedAt: string): PlanEntry[] {
  const results = calculateOrderPlan({ products, sales, calculatedAt });
  const salesByProduct = new Map<string, PlanSale[]>();
  for (const sale of sales) {
    const list = salesByProduct.get(sale.productId);
    if (list) list.push(sale);
    else salesByProduct.set(sale.productId, [sale]);
  }
  return products.map((product, i) => {
    const productSales = salesByProduct.get(product.productId) ?? [];
    const suppliers = product.suppliers ?? [];
    const stock = product.stockLocations ?? [];
    return {
      result: results[i] as SkuOptimizedResults,
      suppliers: keySet([product.supplierCode, ...suppliers.flatMap((s) => [s.supplierId, s.supplierName])]),
      locations: keySet([
        ...stock.flatMap((l) => [l.locationCode, l.locationName]),
        ...productSales.flatMap((s) => [s.locationCode, s.locationName]),
      ]),
      customers: keySet(productSales.flatMap((s) => [s.customerCode, s.customerName])),
      // Until a Bill of Materials module exists, a manufacturing time marks a made item.
      manufactured: (product.manufacturingTime ?? 0) > 0,
    };
  });
}

function matches(entry: PlanEntry, criteria: OrderPlanFilterCriteria): boolean {
  const r = entry.result;
  const status = criteria.currentStatus ?? 'All';
  if (status === 'Current' && r.isDiscontinued) return false;
  if (status === 'Discontinued' && !r.isDiscontinued) return false;
  if (criteria.excludeManufactured && entry.manufactured) return false;
  const location = key(criteria.location);
  if (location && !entry.locations.has(location)) return false;
  const supplier = key(criteria.supplier);
  if (supplier && !entry.suppliers.has(supplier)) return false;
  const customer = key(criteria.customer);
  if (customer && !entry.customers.has(customer)) return false;
  const category = key(criteria.category);
  if (category && key(r.category) !== category) return false;
  const search = key(criteria.searchString);
  if (search) {
    const inCode = (r.productCode ?? '').toLowerCase().includes(search);
    const inName = (r.name ?? '').toLowerCase().includes(search);
    if (!inCode && !inName) return false;
  }
  return true;
}

export interface FilteredPlan {
  readonly results: SkuOptimizedResults[];
  /** The criteria as applied, echoed back like production does (every property present). */
  readonly filterCriteria: Required<{ [K in keyof OrderPlanFilterCriteria]: OrderPlanFilterCriteria[K] | null }>;
}

/**
 * perPage ≤ 0 (or absent) answers every match. With perPage > 0, page counts from 1 and 0 also
 * means the first page.
 */
export function filterPlan(entries: readonly PlanEntry[], criteria: OrderPlanFilterCriteria): FilteredPlan {
  const all = entries.filter((e) => matches(e, criteria)).map((e) => e.result);
  const perPage = criteria.perPage ?? 0;
  const page = Math.max(1, criteria.page ?? 1);
  const paged = perPage > 0 ? all.slice((page - 1) * perPage, page * perPage) : all;
  const hasNextPage = perPage > 0 ? page * perPage < all.length : false;
  return {
    results: paged,
    filterCriteria: {
      excludeManufactured: criteria.excludeManufactured ?? null,
      currentStatus: criteria.currentStatus ?? null,
      locationId: criteria.locationId ?? null,
      location: criteria.location ?? null,
      customerId: criteria.customerId ?? null,
      customer: criteria.customer ?? null,
      supplierId: criteria.supplierId ?? null,
      supplier: criteria.supplier ?? null,
      category: criteria.category ?? null,
      searchString: criteria.searchString ?? null,
      sortOrder: criteria.sortOrder ?? null,
      page: perPage > 0 ? page : (criteria.page ?? 0),
      perPage,
      hasNextPage,
    },
  };
}
