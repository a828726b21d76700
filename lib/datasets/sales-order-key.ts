import type { CellValue } from '@/lib/import/import-types';

/** A cell as text, or null when it is empty. */
export function nonEmptyText(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v : String(v);
  return s === '' ? null : s;
}

/**
 * The order a sales line belongs to. Lines with the same order number form one order; lines
 * without one are grouped by date + customer + location. The two kinds of key carry different
 * prefixes so an order number can never collide with a date/customer/location combination.
 */
export function orderGroupKey(values: Readonly<Record<string, CellValue | undefined>>): string {
  const orderNumber = nonEmptyText(values.orderNumber);
  // StockTrim gives every line its order's date, so lines of one order number written with
  // different dates go as separate orders rather than have their dates silently changed; the
  // same holds for the location and customer, which StockTrim also takes once per order.
  if (orderNumber !== null) {
    return `#${orderNumber}\u001f${nonEmptyText(values.orderDate) ?? ''}\u001f${nonEmptyText(values.customerCode) ?? ''}\u001f${nonEmptyText(values.locationCode) ?? ''}`;
  }
  return `@${nonEmptyText(values.orderDate) ?? ''}\u001f${nonEmptyText(values.customerCode) ?? ''}\u001f${nonEmptyText(values.locationCode) ?? ''}`;
}
