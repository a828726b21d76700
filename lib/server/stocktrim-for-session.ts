import 'server-only';
import { type StockTrimClient, type StockTrimClientOptions, type StockTrimCredentials, createStockTrimClient } from '@/lib/stocktrim/client';
import { getServerEnv } from './env';

/** A client for these credentials, against the configured base URL and nothing else. */
export function stockTrimClientFor(
  credentials: StockTrimCredentials,
  extra: Pick<StockTrimClientOptions, 'signal' | 'onRetry'> = {},
): StockTrimClient {
  const env = getServerEnv();
  return createStockTrimClient({
    baseUrl: env.stockTrimBaseUrl,
    credentials,
    timeoutMs: env.timeoutMs,
    retry: { maxRetries: env.maxRetries },
    ...extra,
  });
}
