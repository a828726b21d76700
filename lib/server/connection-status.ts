import 'server-only';
import type { ConnectionStatus } from '@/lib/connection-schema';
import type { StockTrimCredentials } from '@/lib/stocktrim/client';
import { getServerEnv } from './env';
import { readCredentials } from './session';

/** Pass the credentials just saved, since the cookie written in this request is not read back. */
export async function readConnectionStatus(justSaved?: StockTrimCredentials): Promise<ConnectionStatus> {
  const env = getServerEnv();
  const credentials = justSaved ?? (await readCredentials());
  return {
    connected: credentials !== null,
    authId: credentials?.authId ?? null,
    usingSandbox: env.usingSandbox,
    stockTrimHost: new URL(env.stockTrimBaseUrl).host,
    sandboxDemoAuthId: env.usingSandbox ? env.sandboxDemo.authId : null,
  };
}
