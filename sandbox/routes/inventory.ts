/**
 * POST /api/Inventory: sets stock on hand and on order, per product and location, on the
 * products themselves (GET /Products shows the result). The whole request is checked before
 * anything changes. It answers 200 with an empty body: the document's PurchaseOrderResponseDto
 * for this endpoint cannot describe a stock update, so a client must not depend on a body.
 */
import { setInventoryRequestSchema, type Inventory } from '../../lib/stocktrim/contract';
import { badRequest } from '../http/problems';
import type { AccountState } from '../store/account-state';
import { applyInventory, type InventoryRow } from '../store/inventory-update';
import { locationsSlice } from '../store/locations-store';
import { productsSlice } from '../store/products-store';
import { unknownProductErrors } from './known-products';
import { empty, withBody, type RouteModule } from './route';

/** A row with a name but no code means the location of that name: the product's own first, then the account's. */
function locationCodeFor(account: AccountState, productId: string, name: string): string | undefined {
  const own = account.get(productsSlice).find(productId)?.stockLocations?.find((l) => l.locationName === name);
  return own?.locationCode ?? account.get(locationsSlice).all().find((l) => l.locationName === name)?.locationCode;
}

function checkedRows(account: AccountState, inventory: readonly Inventory[]): InventoryRow[] {
  const errors: Record<string, string[]> = {};
  const rows: InventoryRow[] = [];
  inventory.forEach((item, i) => {
    const key = (field: string) => `Inventory[${i}].${field}`;
    const productId = item.productId ?? '';
    if (productId === '') {
      errors[key('ProductId')] = ['The ProductId field is required.'];
      return;
    }
    Object.assign(errors, unknownProductErrors(account, [productId], () => key('ProductId'), 'inventory'));
    let locationCode = item.locationCode ?? null;
    if (locationCode === '') {
      errors[key('LocationCode')] = ["Leave locationCode out (or null) to set the product's overall stock; it cannot be empty."];
      return;
    }
    const locationName = item.locationName ?? null;
    if (locationCode === null && locationName !== null) {
      locationCode = locationCodeFor(account, productId, locationName) ?? null;
      if (locationCode === null) errors[key('LocationCode')] = [`No location is named '${locationName}'; send its locationCode.`];
    }
    // .NET binds a left-out double as 0, so a missing figure means 0, not "unchanged".
    rows.push({ productId, locationCode, locationName, stockOnHand: item.stockOnHand ?? 0, stockOnOrder: item.stockOnOrder ?? 0 });
  });
  if (Object.keys(errors).length > 0) throw badRequest(errors);
  return rows;
}

export const inventoryRoutes: RouteModule = {
  name: 'Inventory',
  routes: [
    {
      path: '/api/Inventory',
      methods: {
        POST: withBody(setInventoryRequestSchema, (ctx, body) => {
          const inventory = body.inventory ?? [];
          if (inventory.length === 0) throw badRequest({ Inventory: ['Send at least one inventory row.'] });
          const rows = checkedRows(ctx.account, inventory);
          applyInventory(ctx.account.get(productsSlice), rows, {
            onHandIsSumOfLocations: body.updateOverallAllOnHandToBeSumOfLocation ?? false,
            onOrderIsSumOfLocations: body.updateOverallAllOnOrderToBeSumOfLocation ?? false,
          });
          return empty(200);
        }),
      },
    },
  ],
};
