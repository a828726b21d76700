/**
 * Turns a forecast over a data snapshot into order-plan entries, and applies the
 * OrderPlanFilterCriteria of a request to them. Pure: no store, no clock.
 */
import type {
  OrderPlanFilterCriteria,
  ProductLocation,
  ProductsRequest,
  PurchaseOrderStatusName,
  SkuOptimizedResults,
} from '../lib/stocktrim/contract';
import type { ForecastBomLine } from './bom-demand';
import { calculateOrderPlan, demandWindow, primarySupplierCode, type ForecastInbound } from './forecast';

export interface PlanSale {
  readonly productId: string;
  readonly orderDate: string;
  readonly quantity: number;
  readonly locationCode: string | null;
  readonly locationName: string | null;
  readonly customerCode: string | null;
  readonly customerName: string | null;
}

export interface PlanPurchaseOrder {
  readonly status: PurchaseOrderStatusName;
  readonly locationCode: string | null;
  readonly locationName: string | null;
  readonly lines: readonly { readonly productId: string; readonly quantity: number; readonly receivedDate: string | null }[];
}

export interface PlanSupplier {
  readonly supplierCode: string;
  readonly supplierName: string | null;
  readonly defaultLeadTime: number | null;
}

export interface PlanLocation {
  readonly locationCode: string;
  readonly locationName: string | null;
}

/** Everything a calculation reads, taken when it starts. Only products and sales are required. */
export interface PlanSnapshot {
  readonly products: readonly ProductsRequest[];
  readonly sales: readonly PlanSale[];
  readonly boms?: readonly ForecastBomLine[];
  readonly purchaseOrders?: readonly PlanPurchaseOrder[];
  readonly suppliers?: readonly PlanSupplier[];
  /** The Locations dataset, which can name a code the products only mention. */
  readonly locations?: readonly PlanLocation[];
  readonly calculatedAt: string;
}

/** A result plus what the filters match on, captured when the calculation ran. */
export interface PlanEntry {
  readonly result: SkuOptimizedResults;
  /** The product at one location (by lowercased code or name), where it has stock figures there. */
  readonly byLocation: ReadonlyMap<string, SkuOptimizedResults>;
  readonly suppliers: ReadonlySet<string>;
  readonly locations: ReadonlySet<string>;
  readonly customers: ReadonlySet<string>;
  readonly manufactured: boolean;
  /** Whom an order for this product goes to. */
  readonly supplier: { readonly code: string; readonly name: string | null } | null;
}

/** How filters compare text: trimmed, any case; blank means "no value". */
export const matchKey = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim().toLowerCase();
  return trimmed ? trimmed : null;
};
const key = matchKey;

export function keySet(values: readonly (string | null | undefined)[]): Set<string> {
  return new Set(values.map(key).filter((v): v is string => v !== null));
}

function groupByProduct<T extends { readonly productId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.productId, [...(groups.get(item.productId) ?? []), item]);
  return groups;
}

/** A location as the order plan sees it: its lowercased code, and every name it goes by. */
interface PlanPlace {
  readonly code: string;
  readonly names: Set<string>;
}

interface Placed {
  readonly locationCode: string | null;
  readonly locationName: string | null;
}

/** A record with a code belongs where its code says; one with only a name, where that name is used. */
function isAt(place: PlanPlace, record: Placed): boolean {
  const code = key(record.locationCode);
  if (code !== null) return code === place.code;
  const name = key(record.locationName);
  return name !== null && place.names.has(name);
}

/** Open = not Received, and per line not yet received (no receivedDate). */
export function openPurchaseLines(orders: readonly PlanPurchaseOrder[]): (ForecastInbound & Placed)[] {
  return orders
    .filter((order) => order.status !== 'Received')
    .flatMap((order) =>
      order.lines
        .filter((line) => line.receivedDate === null)
        .map((line) => ({ productId: line.productId, quantity: line.quantity, locationCode: order.locationCode, locationName: order.locationName })),
    );
}

const hasFigures = (l: ProductLocation) => (l.stockOnHand ?? null) !== null || (l.stockOnOrder ?? null) !== null;

export function buildPlanEntries(snapshot: PlanSnapshot): PlanEntry[] {
  const { products, sales, calculatedAt } = snapshot;
  const boms = snapshot.boms ?? [];
  const inbound = openPurchaseLines(snapshot.purchaseOrders ?? []);
  const supplierList = snapshot.suppliers ?? [];
  const supplierLeadTimes = new Map<string, number>();
  for (const s of supplierList) if (s.defaultLeadTime !== null) supplierLeadTimes.set(s.supplierCode, s.defaultLeadTime);
  const supplierNames = new Map(supplierList.map((s) => [s.supplierCode, s.supplierName]));
  const datasetNames = new Map((snapshot.locations ?? []).map((l) => [key(l.locationCode), l.locationName]));
  const window = demandWindow(sales);
  const common = { boms, supplierLeadTimes, window, calculatedAt };

  const results = calculateOrderPlan({ ...common, products, sales, inbound });
  const byLocation = products.map(() => new Map<string, SkuOptimizedResults>());

  // Per-location plans, for every location some product holds stock figures at: that
  // location's stock, sales and open orders, over the same window as the overall plan.
  const places = new Map<string, PlanPlace>();
  for (const product of products) {
    for (const entry of (product.stockLocations ?? []).filter(hasFigures)) {
      const code = key(entry.locationCode);
      if (code === null) continue;
      const place = places.get(code) ?? { code, names: keySet([datasetNames.get(code)]) };
      const name = key(entry.locationName);
      if (name !== null) place.names.add(name);
      places.set(code, place);
    }
  }
  for (const place of places.values()) {
    const entries = products.map((p) => (p.stockLocations ?? []).find((l) => key(l.locationCode) === place.code && hasFigures(l)));
    const atPlace = products.map((p, i) => {
      const entry = entries[i];
      return { ...p, stockOnHand: entry?.stockOnHand ?? 0, stockOnOrder: entry?.stockOnOrder ?? 0, stockLocations: entry ? [entry] : [] };
    });
    const local = calculateOrderPlan({
      ...common,
      products: atPlace,
      sales: sales.filter((s) => isAt(place, s)),
      inbound: inbound.filter((line) => isAt(place, line)),
    });
    entries.forEach((entry, i) => {
      const result = local[i];
      if (!entry || !result) return;
      const located = { ...result, locationName: entry.locationName ?? datasetNames.get(place.code) ?? entry.locationCode };
      for (const alias of [place.code, ...place.names]) byLocation[i]?.set(alias, located);
    });
  }

  const salesByProduct = groupByProduct(sales);
  const assemblies = new Set(boms.map((b) => b.productId));
  return products.map((product, i) => {
    const productSales = salesByProduct.get(product.productId) ?? [];
    const suppliers = product.suppliers ?? [];
    const stock = product.stockLocations ?? [];
    const supplierCode = primarySupplierCode(product);
    const supplierName =
      supplierCode === null ? null : (supplierNames.get(supplierCode) ?? suppliers.find((s) => s.supplierId === supplierCode)?.supplierName ?? null);
    const codes = [product.supplierCode, ...suppliers.map((s) => s.supplierId)];
    return {
      result: results[i] as SkuOptimizedResults,
      byLocation: byLocation[i] ?? new Map(),
      suppliers: keySet([
        ...codes,
        ...suppliers.map((s) => s.supplierName),
        ...codes.map((c) => (c ? supplierNames.get(c) : null)),
      ]),
      locations: keySet([
        ...stock.flatMap((l) => [l.locationCode, l.locationName, datasetNames.get(key(l.locationCode))]),
        ...productSales.flatMap((s) => [s.locationCode, s.locationName, datasetNames.get(key(s.locationCode))]),
      ]),
      customers: keySet(productSales.flatMap((s) => [s.customerCode, s.customerName])),
      // Made in-house: it has a bill of materials, or at least a manufacturing time.
      manufactured: assemblies.has(product.productId) || (product.manufacturingTime ?? 0) > 0,
      supplier: supplierCode === null ? null : { code: supplierCode, name: supplierName },
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
 * means the first page. With a location, a product that has stock figures there is planned
 * for that location alone; any other match keeps its all-locations result.
 */
export function filterPlan(entries: readonly PlanEntry[], criteria: OrderPlanFilterCriteria): FilteredPlan {
  const location = key(criteria.location);
  const all = entries
    .filter((e) => matches(e, criteria))
    .map((e) => (location === null ? e.result : (e.byLocation.get(location) ?? e.result)));
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
