import 'server-only';
import { z } from 'zod';
import type { CreateRunRequest, RetryRequest, RunAction, RunRowFilter, StartRunRequest, UploadRowsRequest } from './run-api';

const scalar = z.union([z.string().max(100_000), z.number(), z.boolean(), z.null()]);
const values = z.record(z.string().max(200), z.unknown());

export const createRunSchema: z.ZodType<CreateRunRequest> = z.strictObject({
  dataset: z.string().min(1).max(100),
  fileName: z.string().trim().min(1, 'name the file').max(255, 'is longer than 255 characters'),
  fileRows: z.int().min(0).max(5_000_000),
  batchRows: z.int().min(1).max(1000),
  pushOptions: z.record(z.string().max(100), z.boolean()).optional(),
});

/** Row count is checked after parsing so that too many rows is a 413, not a 400. */
export const uploadRowsSchema: z.ZodType<UploadRowsRequest> = z.strictObject({
  rows: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('send'), rowNumber: z.int().positive(), batch: z.int().min(0), values }),
        z.strictObject({
          kind: z.literal('file-error'),
          rowNumber: z.int().positive(),
          batch: z.int().min(0),
          values: z.record(z.string().max(200), scalar),
          message: z.string().min(1).max(5000),
        }),
        z.strictObject({ kind: z.literal('skipped'), rowNumber: z.int().positive(), batch: z.int().min(0), values: z.record(z.string().max(200), scalar) }),
      ]),
    )
    .min(1, 'send at least one row'),
  readyBatches: z.int('must be a whole number of batches').min(0).max(5_000_000).optional(),
});

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isScalar = (v: unknown) => v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 100_000);
const UPLOAD_ROW_KEYS = { send: ['kind', 'rowNumber', 'batch', 'values'], skipped: ['kind', 'rowNumber', 'batch', 'values'], 'file-error': ['kind', 'rowNumber', 'batch', 'values', 'message'] } as const;

function isUploadRow(v: unknown): boolean {
  if (!isRecord(v)) return false;
  const kind = v.kind;
  if (kind !== 'send' && kind !== 'skipped' && kind !== 'file-error') return false;
  const keys = Object.keys(v);
  const allowed: readonly string[] = UPLOAD_ROW_KEYS[kind];
  if (keys.length !== allowed.length || !keys.every((k) => allowed.includes(k))) return false;
  if (!isWhole(v.rowNumber) || v.rowNumber <= 0 || !isWhole(v.batch) || v.batch < 0) return false;
  const values = v.values;
  if (!isRecord(values)) return false;
  for (const key of Object.keys(values)) {
    if (key.length > 200) return false;
    if (kind !== 'send' && !isScalar(values[key])) return false;
  }
  return kind !== 'file-error' || (typeof v.message === 'string' && v.message.length >= 1 && v.message.length <= 5000);
}

/**
 * uploadRowsSchema's yes without building zod's copy of every row: a 1,000-row chunk costs zod
 * about 2.5 ms on the thread the runner's lanes share. A body this refuses goes through the
 * schema, which words the problem (run-api-schemas.test.ts holds the two to the same answers).
 */
export function isUploadRowsRequest(v: unknown): v is UploadRowsRequest {
  if (!isRecord(v)) return false;
  for (const key of Object.keys(v)) if (key !== 'rows' && key !== 'readyBatches') return false;
  if (v.readyBatches !== undefined && !(isWhole(v.readyBatches) && v.readyBatches >= 0 && v.readyBatches <= 5_000_000)) return false;
  return Array.isArray(v.rows) && v.rows.length > 0 && v.rows.every(isUploadRow);
}

export const startRunSchema: z.ZodType<StartRunRequest> = z.strictObject({ uploadedRows: z.int().min(0).max(5_000_000) });

export const controlRunSchema: z.ZodType<{ action: RunAction }> = z.strictObject({ action: z.enum(['pause', 'resume', 'cancel']) });

export const retrySchema: z.ZodType<RetryRequest> = z.strictObject({
  fixes: z.array(z.strictObject({ rowNumber: z.int().positive(), values })).optional(),
  start: z.boolean().optional(),
});

export const runIdSchema = z.uuid({ message: 'is not a run id' });

const flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');

export const listRunsQuerySchema = z.strictObject({
  active: flag.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const listRowsQuerySchema: z.ZodType<{ filter: RunRowFilter; offset: number; limit: number }> = z.strictObject({
  filter: z.enum(['all', 'pending', 'sent', 'rejected', 'skipped', 'not-sent']).default('rejected'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** A query string checked like a body: the answer names what is wrong. */
export function parseQuery<T>(request: Request, schema: z.ZodType<T>): { ok: true; data: T } | { ok: false; message: string } {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (parsed.success) return { ok: true, data: parsed.data };
  const first = parsed.error.issues[0];
  const where = first?.path.length ? ` ${first.path.join('.')}` : '';
  return { ok: false, message: `Invalid query parameter${where}: ${first?.message ?? 'unknown problem'}.` };
}
