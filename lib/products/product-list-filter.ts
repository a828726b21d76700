/**
 * Partial matches over the product pages already loaded. StockTrim's GET /Products?code= only
 * matches a whole code exactly, so "part of a code or name" can only search what is on hand.
 */
export interface ListedProduct {
  readonly productId: string;
  readonly name?: string | null;
  readonly productCodeReadable?: string | null;
  readonly barcode?: string | null;
}

export function filterLoadedProducts<P extends ListedProduct>(products: readonly P[], text: string): P[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...products];
  return products.filter((p) =>
    [p.productId, p.name, p.productCodeReadable, p.barcode].some((v) => typeof v === 'string' && v.toLowerCase().includes(needle)),
  );
}
