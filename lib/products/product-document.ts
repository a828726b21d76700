/**
 * StockTrim's product documents, reduced to the contract's properties before they reach the
 * browser. Production adds properties the document does not list; the page has no use for
 * them, and passing through only what we know keeps the answer small and predictable.
 */
import { productFieldNames } from '@/lib/stocktrim/contract';
import type { ProductDocument } from './product-form-values';

const known = new Set<string>(['id', ...productFieldNames]);

/** The known properties of one product, or null when it is not a product (no productId). */
export function toProductDocument(raw: unknown): ProductDocument | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const source = raw as Record<string, unknown>;
  if (typeof source.productId !== 'string' || source.productId === '') return null;
  return Object.fromEntries(Object.entries(source).filter(([key]) => known.has(key)));
}

/** A page of products as StockTrim answers it; anything that is not a list reads as empty. */
export function toProductDocuments(raw: unknown): ProductDocument[] {
  if (!Array.isArray(raw)) return [];
  return raw.map(toProductDocument).filter((p): p is ProductDocument => p !== null);
}
