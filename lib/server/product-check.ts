import 'server-only';
/**
 * Which of a file's product codes StockTrim already has, checked before a push so a sales line
 * (BOM row, inventory or purchase-order line) for an unknown product is fixed in the file
 * rather than refused line by line afterwards.
 *
 * StockTrim offers two reads: an exact lookup (`GET /Products?code=X`, 404 with an empty body
 * when nothing matches) and the catalogue in pages of 50 (`pageNo` 1, 2… until a short page).
 * A few codes are looked up one by one. Many codes page the catalogue, and stop paging to look
 * the rest up once the pages already read outnumber the codes still unresolved: the pages
 * still to come are unknown, so this bounds the cost at about twice the cheaper of the two.
 */
import { STOCKTRIM_PRODUCTS_PAGE_SIZE } from '@/lib/products/product-api-types';
import { toProductDocuments } from '@/lib/products/product-document';
import type { StockTrimClient } from '@/lib/stocktrim/client';
import { StockTrimError } from '@/lib/stocktrim/stocktrim-error';

export const MAX_CODES_PER_CHECK = 20_000;
export const MAX_CODE_LENGTH = 200;
/** Up to this many codes, lookups cost no more than a small catalogue's pages. */
export const LOOKUPS_UP_TO = 25;
/** Requests in flight at once; StockTrim documents no rate limit, so stay modest. */
export const CHECK_CONCURRENCY = 4;

export interface ProductCheckResult {
  readonly known: string[];
  readonly checkedAt: string;
  /** 'pages' when the catalogue was paged (the last codes possibly looked up after it). */
  readonly via: 'lookups' | 'pages';
  readonly requests: number;
  /** Products in StockTrim, when the catalogue was read to its end. */
  readonly catalogueSize: number | null;
}

export interface ProductCheckOptions {
  readonly concurrency?: number;
  readonly lookupsUpTo?: number;
  readonly now?: () => Date;
}

const isNotFound = (error: unknown) => error instanceof StockTrimError && error.kind === 'not-found';

/** Runs `work` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

export async function checkProductCodes(client: StockTrimClient, codes: readonly string[], options: ProductCheckOptions = {}): Promise<ProductCheckResult> {
  const concurrency = Math.max(1, options.concurrency ?? CHECK_CONCURRENCY);
  const wanted = [...new Set(codes.map((c) => c.trim()).filter((c) => c !== ''))];
  const unresolved = new Set(wanted);
  const known = new Set<string>();
  let requests = 0;
  let via: ProductCheckResult['via'] = 'lookups';
  let catalogueSize: number | null = null;

  if (wanted.length > (options.lookupsUpTo ?? LOOKUPS_UP_TO)) {
    via = 'pages';
    let pagesRead = 0;
    let seen = 0;
    let ended = false;
    while (!ended && unresolved.size > 0 && pagesRead < unresolved.size) {
      const wave = Array.from({ length: concurrency }, (_, k) => pagesRead + k + 1);
      const pages = await Promise.all(
        wave.map(async (pageNo) => {
          requests++;
          try {
            return toProductDocuments((await client.request<unknown>('GET', '/Products', { query: { pageNo } })).data);
          } catch (error) {
            // A page past the end answers 404 with no body.
            if (isNotFound(error)) return [];
            throw error;
          }
        }),
      );
      for (const products of pages) {
        if (ended) break;
        pagesRead++;
        seen += products.length;
        for (const p of products) {
          const code = p.productId;
          if (typeof code === 'string' && unresolved.delete(code)) known.add(code);
        }
        if (products.length < STOCKTRIM_PRODUCTS_PAGE_SIZE) ended = true;
      }
    }
    if (ended) {
      catalogueSize = seen;
      // The whole catalogue was read: what is still unresolved is not there.
      unresolved.clear();
    }
  }

  await eachLimited([...unresolved], concurrency, async (code) => {
    requests++;
    try {
      const res = await client.request<unknown>('GET', '/Products', { query: { code } });
      if (toProductDocuments(res.data).some((p) => p.productId === code)) known.add(code);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  });

  return {
    known: wanted.filter((c) => known.has(c)),
    checkedAt: (options.now?.() ?? new Date()).toISOString(),
    via,
    requests,
    catalogueSize,
  };
}
