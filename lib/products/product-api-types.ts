/** What the dashboard's /api/products route answers; the pages read only these shapes. */
import type { ProductDocument } from './product-form-values';

/** StockTrim's page size for GET /Products: a shorter page is the last one. */
export const STOCKTRIM_PRODUCTS_PAGE_SIZE = 50;

export interface ProductPage {
  readonly products: ProductDocument[];
  readonly pageNo: number;
  readonly pageSize: number;
  /** False when this page was short, i.e. there is nothing after it. */
  readonly hasMore: boolean;
}

export interface ProductLookup {
  readonly product: ProductDocument;
}

export interface ProductSaveResult {
  /** From StockTrim's answer: 201 created, 200 updated. */
  readonly outcome: 'created' | 'updated';
  readonly status: 200 | 201;
  /** The product as StockTrim holds it after the save (stored values merged in). */
  readonly product: ProductDocument;
}

export interface ProductDeleteResult {
  readonly deleted: string;
}
