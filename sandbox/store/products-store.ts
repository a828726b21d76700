/**
 * An account's products, upserted on productId and listed in a stable order (the order they
 * were first created; an update keeps a product's place).
 */
import { productFieldNames, type ProductsRequest, type ProductsResponse } from '../../lib/stocktrim/contract';
import { defineSlice } from './account-state';

export interface StoredProduct extends ProductsRequest {
  readonly id: number;
}

export const PRODUCTS_PAGE_SIZE = 50;

export class ProductsStore {
  private readonly byId = new Map<string, StoredProduct>();
  private nextId = 1;

  /**
   * Creates, or updates the product with the same productId. Properties left out or sent as
   * null keep their stored value: an import file with only some columns must not wipe the rest.
   */
  upsert(request: ProductsRequest): { product: StoredProduct; created: boolean } {
    const existing = this.byId.get(request.productId);
    const changes = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined && v !== null));
    const product: StoredProduct = existing
      ? { ...existing, ...changes, productId: existing.productId, id: existing.id }
      : { ...(changes as ProductsRequest), id: this.nextId++ };
    this.byId.set(product.productId, product);
    return { product, created: !existing };
  }

  /** Exact, case-sensitive match on productId. */
  find(productId: string): StoredProduct | undefined {
    return this.byId.get(productId);
  }

  has(productId: string): boolean {
    return this.byId.has(productId);
  }

  remove(productId: string): boolean {
    return this.byId.delete(productId);
  }

  /** pageNo counts from 1. */
  page(pageNo: number): StoredProduct[] {
    const start = (pageNo - 1) * PRODUCTS_PAGE_SIZE;
    return [...this.byId.values()].slice(start, start + PRODUCTS_PAGE_SIZE);
  }

  all(): StoredProduct[] {
    return [...this.byId.values()];
  }
}

export const productsSlice = defineSlice('products', () => new ProductsStore());

/** The full response document: every contract property, null when never set. */
export function toProductResponse(product: StoredProduct): ProductsResponse {
  const out: Record<string, unknown> = { id: product.id };
  const source = product as unknown as Record<string, unknown>;
  for (const name of productFieldNames) out[name] = source[name] ?? null;
  return out as ProductsResponse;
}
