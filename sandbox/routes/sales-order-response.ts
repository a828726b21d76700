/** The SalesOrderResponseDto for a stored line, shared by the single and bulk endpoints. */
import type { SalesOrderResponse } from '../../lib/stocktrim/contract';
import type { AccountState } from '../store/account-state';
import { locationsSlice } from '../store/locations-store';
import { productsSlice } from '../store/products-store';
import type { StoredSaleLine } from '../store/sales-store';
import { badRequest } from '../http/problems';

export function toSalesOrderResponse(account: AccountState, line: StoredSaleLine): SalesOrderResponse {
  const locationId = line.locationCode === null ? undefined : account.get(locationsSlice).idFor(line.locationCode);
  return {
    id: line.id,
    ...(locationId === undefined ? {} : { locationId }),
    productId: line.productId,
    externalReferenceId: line.externalReferenceId,
    orderDate: line.orderDate,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    locationCode: line.locationCode,
    locationName: line.locationName,
    customerCode: line.customerCode,
    customerName: line.customerName,
  };
}

/**
 * Sales must name products the account already has. Rejecting is the safe side of an
 * undocumented point: a client that loads sales before products fails here, not in production.
 */
export function requireKnownProducts(account: AccountState, lines: readonly { productId: string }[], keyFor: (index: number) => string): void {
  const products = account.get(productsSlice);
  const errors: Record<string, string[]> = {};
  lines.forEach((line, index) => {
    if (!products.has(line.productId)) {
      errors[keyFor(index)] = [`No product with productId '${line.productId}' exists; import products before their sales.`];
    }
  });
  if (Object.keys(errors).length > 0) throw badRequest(errors);
}
