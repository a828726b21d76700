/**
 * The rows a push sends, made the way the import page makes them: the file through the
 * pipeline into an ImportTable (which the page's worker owns), planPush with the page's batch
 * size, then getPushBatch per batch. The bench only skips the postMessage hop to the worker.
 */
import { readFileSync } from 'node:fs';
import { importDelimitedBytes } from '@/lib/import/import-pipeline';
import type { ImportTable } from '@/lib/import/import-table';
import type { PushPlan, PushRow } from '@/lib/import/import-types';
import { PUSH_BATCH_ROWS } from '@/lib/push-types';
import { createStockTrimClient, type StockTrimCredentials } from '@/lib/stocktrim/client';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
import { StockTrimError } from '@/lib/stocktrim/stocktrim-error';
import { addRef, newDigest, type RefDigest } from './ref-digest';

export interface SalesPushSource {
  readonly table: ImportTable;
  readonly plan: PushPlan;
  getBatch(index: number): PushRow[];
}

export function loadSalesPushSource(file: string, batchRows: number = PUSH_BATCH_ROWS): SalesPushSource {
  const table = importDelimitedBytes(new Uint8Array(readFileSync(file)), { fileName: file.split('/').at(-1)!, dataset: 'sales-orders' });
  const plan = table.planPush(batchRows);
  return { table, plan, getBatch: (i) => table.getPushBatch(i) };
}

/** References of a batch's lines, folded into `digest` (what the sandbox must end up holding). */
export function digestBatch(digest: RefDigest, rows: readonly PushRow[]): void {
  for (const r of rows) addRef(digest, String(r.values.externalReferenceId));
}

/** Every batch built up front, with the digest of all their references. */
export function allBatches(source: SalesPushSource): { batches: PushRow[][]; digest: RefDigest; buildMs: number } {
  const t0 = performance.now();
  const batches: PushRow[][] = [];
  for (let i = 0; i < source.plan.batchCount; i++) batches.push(source.getBatch(i));
  const buildMs = performance.now() - t0;
  const digest = newDigest();
  for (const b of batches) digestBatch(digest, b);
  return { batches, digest, buildMs };
}

/** Sales lines must name products the account has (as in production), so create them first. */
export async function seedProducts(baseUrl: string, credentials: StockTrimCredentials, productIds: readonly string[]): Promise<void> {
  const client = createStockTrimClient({ baseUrl, credentials });
  await mapWithConcurrency(productIds, 16, (productId) => client.request('POST', '/Products', { body: { productId }, idempotent: true }));
}

export interface StoreCheck {
  readonly lines: number;
  readonly digest: RefDigest;
  /** Stored lines sharing a reference with another stored line. */
  readonly duplicateRefs: number;
}

/** What the sandbox holds for these products, read back through its public API. */
export async function readStoredLines(baseUrl: string, credentials: StockTrimCredentials, productIds: readonly string[]): Promise<StoreCheck> {
  const client = createStockTrimClient({ baseUrl, credentials });
  const digest = newDigest();
  const seen = new Set<string>();
  let duplicateRefs = 0;
  await mapWithConcurrency(productIds, 8, async (productId) => {
    try {
      const res = await client.request<{ externalReferenceId: string | null }[]>('GET', '/SalesOrders', { query: { productId }, idempotent: true });
      for (const line of res.data) {
        const ref = String(line.externalReferenceId);
        if (seen.has(ref)) duplicateRefs++;
        seen.add(ref);
        addRef(digest, ref);
      }
    } catch (error) {
      // 404: the product has no lines.
      if (!(error instanceof StockTrimError && error.status === 404)) throw error;
    }
  });
  return { lines: digest.count, digest, duplicateRefs };
}

export async function deleteAllSales(baseUrl: string, credentials: StockTrimCredentials): Promise<void> {
  await createStockTrimClient({ baseUrl, credentials }).request('DELETE', '/SalesOrders/All', { idempotent: true });
}
