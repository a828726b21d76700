import 'server-only';
import path from 'node:path';
import { isDatasetId } from '@/lib/datasets/registry';
import { getServerEnv } from '@/lib/server/env';
import { pushers } from '@/lib/server/push/pushers';
import { stockTrimClientFor } from '@/lib/server/stocktrim-for-session';
import { type CredentialBox, createCredentialBox } from './credential-box';
import { isResendSafe } from './resend-policy';
import { type RunRunner, createRunRunner } from './run-runner';
import type { RunStore } from './run-store';
import { openSqliteRunStore } from './sqlite-run-store';

export interface RunServices {
  readonly store: RunStore;
  readonly box: CredentialBox;
  readonly runner: RunRunner;
}

// On globalThis because Next bundles each route (and the instrumentation hook) separately: one
// database handle and one runner per process, whichever bundle asks first.
const registry = globalThis as typeof globalThis & { __stocktrimRunServices?: RunServices };

export const RUN_DATABASE_FILE = 'runs.sqlite';

/** The process's run store and runner, opened (and started) on first use. */
export function getRunServices(): RunServices {
  if (registry.__stocktrimRunServices) return registry.__stocktrimRunServices;
  const env = getServerEnv();
  const store = openSqliteRunStore(path.join(env.dataDir, RUN_DATABASE_FILE));
  const box = createCredentialBox(env.sessionSecret);
  const runner = createRunRunner({
    store,
    box,
    lanes: env.concurrency,
    clientFor: (credentials, onRetry) => stockTrimClientFor(credentials, { onRetry }),
    pusherFor: (dataset) => (isDatasetId(dataset) ? (pushers[dataset] ?? null) : null),
    resendSafe: isResendSafe,
  });
  const services: RunServices = { store, box, runner };
  registry.__stocktrimRunServices = services;
  runner.start();
  return services;
}
