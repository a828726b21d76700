/**
 * POST /Inventory's effect on the products store. Stock lives on the products themselves (their
 * stockOnHand / stockOnOrder and stockLocations), so GET /Products shows what Inventory set and
 * there is no separate inventory slice.
 */
import type { ProductLocation } from '../../lib/stocktrim/contract';
import type { ProductsStore, StoredProduct } from './products-store';

/** A checked row: the product exists, and a location is known by its code or not at all. */
export interface InventoryRow {
  readonly productId: string;
  /** null for the product's overall figures. */
  readonly locationCode: string | null;
  readonly locationName: string | null;
  readonly stockOnHand: number;
  readonly stockOnOrder: number;
}

export interface InventoryTotals {
  /** updateOverallAllOnHandToBeSumOfLocation */
  readonly onHandIsSumOfLocations: boolean;
  /** updateOverallAllOnOrderToBeSumOfLocation */
  readonly onOrderIsSumOfLocations: boolean;
}

const total = (locations: readonly ProductLocation[], pick: (l: ProductLocation) => number | null | undefined) =>
  locations.reduce((sum, l) => sum + (pick(l) ?? 0), 0);

/**
 * Applies the rows product by product, in request order (a later row for the same product and
 * location wins). A location row sets that stock location, adding it when new; a row without a
 * location sets the overall figures. Then, for each product the request touched that has stock
 * locations, a true flag replaces the overall figure with the sum over its locations, even one
 * just set by a row without location. A false flag leaves the overall figure as it was, unless
 * such a row set it.
 */
export function applyInventory(products: ProductsStore, rows: readonly InventoryRow[], totals: InventoryTotals): StoredProduct[] {
  const byProduct = new Map<string, InventoryRow[]>();
  for (const row of rows) byProduct.set(row.productId, [...(byProduct.get(row.productId) ?? []), row]);

  const updated: StoredProduct[] = [];
  for (const [productId, productRows] of byProduct) {
    const product = products.find(productId);
    if (!product) continue; // checked by the caller; a product deleted meanwhile is skipped
    const locations = [...(product.stockLocations ?? [])];
    let stockOnHand: number | undefined;
    let stockOnOrder: number | undefined;
    for (const row of productRows) {
      if (row.locationCode === null) {
        stockOnHand = row.stockOnHand;
        stockOnOrder = row.stockOnOrder;
        continue;
      }
      const index = locations.findIndex((l) => l.locationCode === row.locationCode);
      const entry: ProductLocation = {
        locationCode: row.locationCode,
        locationName: row.locationName ?? locations[index]?.locationName ?? null,
        stockOnHand: row.stockOnHand,
        stockOnOrder: row.stockOnOrder,
      };
      if (index >= 0) locations[index] = entry;
      else locations.push(entry);
    }
    if (locations.length > 0 && totals.onHandIsSumOfLocations) stockOnHand = total(locations, (l) => l.stockOnHand);
    if (locations.length > 0 && totals.onOrderIsSumOfLocations) stockOnOrder = total(locations, (l) => l.stockOnOrder);
    updated.push(products.upsert({ productId, stockLocations: locations, stockOnHand, stockOnOrder }).product);
  }
  return updated;
}
