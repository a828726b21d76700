import 'server-only';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const intFrom = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  STOCKTRIM_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://api.stocktrim.com/api' })
    .optional()
    .transform((v) => (v ?? 'https://api.stocktrim.com/api').replace(/\/+$/, '')),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  STOCKTRIM_TIMEOUT_MS: intFrom(30_000, 1_000, 600_000),
  STOCKTRIM_MAX_RETRIES: intFrom(4, 0, 10),
  STOCKTRIM_CONCURRENCY: intFrom(6, 1, 32),
  SANDBOX_DEMO_AUTH_ID: z.string().min(1).optional().transform((v) => v ?? 'sandbox'),
  SANDBOX_DEMO_SIGNATURE: z.string().min(1).optional().transform((v) => v ?? 'sandbox-signature'),
  DATA_DIR: z.string().trim().min(1, 'must be a folder path, e.g. ./data').optional().transform((v) => v ?? './data'),
});

export interface ServerEnv {
  readonly stockTrimBaseUrl: string;
  /** True when the base URL points at this machine, i.e. at the bundled sandbox. */
  readonly usingSandbox: boolean;
  readonly sessionSecret: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly concurrency: number;
  readonly sandboxDemo: { readonly authId: string; readonly signature: string };
  /** Absolute folder for the dashboard's own files (the import-run database). */
  readonly dataDir: string;
}

let cached: ServerEnv | undefined;

// On globalThis because Next bundles each route separately: without it every route would make
// up its own random key, and a cookie (or a run's credentials) sealed by one could not be read
// by another.
const processWide = globalThis as typeof globalThis & { __stocktrimRandomSessionSecret?: string };

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Reads and checks the settings once; a bad setting stops the server with a message naming it. */
export function getServerEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid dashboard settings (see .env.example):\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  let sessionSecret = env.SESSION_SECRET;
  if (!sessionSecret) {
    if (env.NODE_ENV === 'production' && !isLoopback(env.STOCKTRIM_BASE_URL)) {
      throw new Error('SESSION_SECRET must be set (32+ characters) when the dashboard talks to StockTrim in production.');
    }
    // A per-process key keeps local use to one command; sessions end when the server restarts.
    if (!processWide.__stocktrimRandomSessionSecret) {
      processWide.__stocktrimRandomSessionSecret = randomBytes(32).toString('base64');
      console.warn('[dashboard] SESSION_SECRET is not set: using a random key for this process only. After a restart sessions end and unfinished import runs wait until their account connects again; set it in .env.local to avoid both.');
    }
    sessionSecret = processWide.__stocktrimRandomSessionSecret;
  }
  cached = {
    stockTrimBaseUrl: env.STOCKTRIM_BASE_URL,
    usingSandbox: isLoopback(env.STOCKTRIM_BASE_URL),
    sessionSecret,
    timeoutMs: env.STOCKTRIM_TIMEOUT_MS,
    maxRetries: env.STOCKTRIM_MAX_RETRIES,
    concurrency: env.STOCKTRIM_CONCURRENCY,
    sandboxDemo: { authId: env.SANDBOX_DEMO_AUTH_ID, signature: env.SANDBOX_DEMO_SIGNATURE },
    dataDir: path.resolve(env.DATA_DIR),
  };
  return cached;
}
