/**
 * Reads the SANDBOX_* environment variables into sandbox options. Unset variables keep the
 * defaults; malformed ones stop start-up with a message naming the variable.
 */
import { DEMO_ACCOUNT, type SandboxAccount, type SandboxOptions } from './options';

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function number(env: Env, name: string): number | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed)) throw new Error(`${name} must be a number; got "${raw}".`);
  return parsed;
}

/** `id:signature,id2:signature2`; a signature may itself contain colons. */
export function parseAccounts(raw: string): SandboxAccount[] {
  const accounts: SandboxAccount[] = [];
  for (const entry of raw.split(',')) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const colon = trimmed.indexOf(':');
    const id = colon < 0 ? '' : trimmed.slice(0, colon).trim();
    const signature = colon < 0 ? '' : trimmed.slice(colon + 1).trim();
    if (!id || !signature) {
      throw new Error(`SANDBOX_ACCOUNTS entries look like id:signature; got "${trimmed}".`);
    }
    accounts.push({ id, signature });
  }
  return accounts;
}

/**
 * The demo account is always present; SANDBOX_ACCOUNTS adds more (an entry with the demo id
 * replaces the demo signature).
 */
function accounts(env: Env): SandboxAccount[] {
  const extra = parseAccounts(value(env, 'SANDBOX_ACCOUNTS') ?? '');
  const byId = new Map<string, SandboxAccount>([[DEMO_ACCOUNT.id, DEMO_ACCOUNT]]);
  for (const account of extra) byId.set(account.id, account);
  return [...byId.values()];
}

export function sandboxOptionsFromEnv(env: Env): Partial<SandboxOptions> {
  return {
    host: value(env, 'SANDBOX_HOST'),
    port: number(env, 'SANDBOX_PORT'),
    accounts: accounts(env),
    latencyMs: number(env, 'SANDBOX_LATENCY_MS'),
    failRate: number(env, 'SANDBOX_FAIL_RATE'),
    throttleRate: number(env, 'SANDBOX_THROTTLE_RATE'),
    retryAfterSeconds: number(env, 'SANDBOX_RETRY_AFTER_S'),
    forecastDurationMs: number(env, 'SANDBOX_FORECAST_MS'),
    productDeleteDelayMs: number(env, 'SANDBOX_PRODUCT_DELETE_DELAY_MS'),
    seed: number(env, 'SANDBOX_SEED'),
    bodyLimitBytes: number(env, 'SANDBOX_BODY_LIMIT_BYTES'),
  };
}
