/**
 * Everything that names a product (sales, BOM lines, inventory, purchase-order lines) must name
 * one the account already has. Rejecting is the safe side of an undocumented point: a client
 * that loads them before the products fails here, not in production.
 */
import type { AccountState } from '../store/account-state';
import { productsSlice } from '../store/products-store';
import { badRequest } from '../http/problems';

/** The 400 errors for references to unknown products, keyed as `keyFor(index)` says. */
export function unknownProductErrors(
  account: AccountState,
  productIds: readonly string[],
  keyFor: (index: number) => string,
  dataset: string,
): Record<string, string[]> {
  const products = account.get(productsSlice);
  const errors: Record<string, string[]> = {};
  productIds.forEach((productId, index) => {
    if (!products.has(productId)) {
      errors[keyFor(index)] = [`No product with productId '${productId}' exists; import products before their ${dataset}.`];
    }
  });
  return errors;
}

/** Throws a 400 naming each field that refers to an unknown product. */
export function requireKnownProducts(
  account: AccountState,
  lines: readonly { productId: string }[],
  keyFor: (index: number) => string,
  dataset = 'sales',
): void {
  const errors = unknownProductErrors(account, lines.map((l) => l.productId), keyFor, dataset);
  if (Object.keys(errors).length > 0) throw badRequest(errors);
}
