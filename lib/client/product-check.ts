/**
 * The browser's side of the product reference check: asks the dashboard which codes StockTrim
 * has, in requests of at most 20,000 codes (the route's limit), and merges the answers.
 */
import type { KnownProducts } from '@/lib/import/import-types';
import { callDashboard } from './dashboard-api';

/** The route's limit per request (lib/server/product-check.ts). */
export const CODES_PER_REQUEST = 20_000;

export interface ProductCheckAnswer extends KnownProducts {
  readonly via: 'lookups' | 'pages';
  readonly requests: number;
  readonly catalogueSize: number | null;
}

interface RouteAnswer {
  readonly known: string[];
  readonly checkedAt: string;
  readonly via: 'lookups' | 'pages';
  readonly requests: number;
  readonly catalogueSize: number | null;
}

export async function checkProductCodes(codes: readonly string[], signal?: AbortSignal): Promise<ProductCheckAnswer> {
  const checked = [...new Set(codes.map((c) => c.trim()).filter((c) => c !== ''))];
  const known: string[] = [];
  let requests = 0;
  let via: ProductCheckAnswer['via'] = 'lookups';
  let catalogueSize: number | null = null;
  let checkedAt = new Date().toISOString();
  // One after another: each chunk may page the whole catalogue, and StockTrim asks for modest load.
  for (let i = 0; i < checked.length; i += CODES_PER_REQUEST) {
    const answer = await callDashboard<RouteAnswer>('/api/products/known', {
      method: 'POST',
      body: { codes: checked.slice(i, i + CODES_PER_REQUEST) },
      ...(signal ? { signal } : {}),
    });
    known.push(...answer.known);
    requests += answer.requests;
    if (answer.via === 'pages') via = 'pages';
    catalogueSize = answer.catalogueSize ?? catalogueSize;
    // The earliest answer: a product deleted between chunks is the user's to re-check.
    if (i === 0) checkedAt = answer.checkedAt;
  }
  return { checked, known, checkedAt, via, requests, catalogueSize };
}
