/** The SalesOrderResponseDto for a stored line, shared by the single and bulk endpoints. */
import type { SalesOrderResponse } from '../../lib/stocktrim/contract';
import type { AccountState } from '../store/account-state';
import { locationsSlice } from '../store/locations-store';
import type { StoredSaleLine } from '../store/sales-store';

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
