/**
 * Every setting of the sandbox, its defaults, and the checks that turn a bad setting into a
 * clear error at start-up instead of odd behaviour later.
 */
export interface SandboxAccount {
  /** The value of the api-auth-id header. */
  readonly id: string;
  /** The value of the api-auth-signature header. */
  readonly signature: string;
}

export interface SandboxOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly accounts: readonly SandboxAccount[];
  /** Added before every request is answered. */
  readonly latencyMs: number;
  /** Fraction (0..1) of API calls answered 500 before they change anything. */
  readonly failRate: number;
  /** Fraction (0..1) of API calls answered 429 with Retry-After before they change anything. */
  readonly throttleRate: number;
  /** Value of the Retry-After header on a 429, in whole seconds. */
  readonly retryAfterSeconds: number;
  /** How long a forecast calculation takes from RunForecastCalculations to the finished plan. */
  readonly forecastDurationMs: number;
  /** How long DELETE /Products takes (production can take more than five seconds). */
  readonly productDeleteDelayMs: number;
  /** Seed for the fault dice; null seeds from the clock, so faults differ run to run. */
  readonly seed: number | null;
  /** Larger request bodies are answered 413. */
  readonly bodyLimitBytes: number;
}

export const DEMO_ACCOUNT: SandboxAccount = { id: 'sandbox', signature: 'sandbox-signature' };

export const defaultSandboxOptions: SandboxOptions = {
  host: '127.0.0.1',
  port: 4010,
  accounts: [DEMO_ACCOUNT],
  latencyMs: 0,
  failRate: 0,
  throttleRate: 0,
  retryAfterSeconds: 1,
  forecastDurationMs: 4000,
  productDeleteDelayMs: 1500,
  seed: null,
  bodyLimitBytes: 10 * 1024 * 1024,
};

function requireNonNegativeInteger(name: string, value: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`Sandbox option ${name} must be a whole number from 0 to ${max}; got ${String(value)}.`);
  }
}

function requireFraction(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`Sandbox option ${name} must be a fraction from 0 to 1; got ${String(value)}.`);
  }
}

/** Fills in defaults and rejects impossible values. */
export function resolveSandboxOptions(options: Partial<SandboxOptions> = {}): SandboxOptions {
  const resolved: SandboxOptions = { ...defaultSandboxOptions, ...stripUndefined(options) };
  if (typeof resolved.host !== 'string' || resolved.host.trim() === '') {
    throw new RangeError('Sandbox option host must be a host name or address.');
  }
  requireNonNegativeInteger('port', resolved.port, 65535);
  requireNonNegativeInteger('latencyMs', resolved.latencyMs);
  requireNonNegativeInteger('retryAfterSeconds', resolved.retryAfterSeconds);
  requireNonNegativeInteger('forecastDurationMs', resolved.forecastDurationMs);
  requireNonNegativeInteger('productDeleteDelayMs', resolved.productDeleteDelayMs);
  requireNonNegativeInteger('bodyLimitBytes', resolved.bodyLimitBytes);
  requireFraction('failRate', resolved.failRate);
  requireFraction('throttleRate', resolved.throttleRate);
  if (resolved.seed !== null && !Number.isInteger(resolved.seed)) {
    throw new RangeError(`Sandbox option seed must be a whole number or null; got ${String(resolved.seed)}.`);
  }
  if (resolved.accounts.length === 0) throw new RangeError('The sandbox needs at least one account.');
  const ids = new Set<string>();
  for (const account of resolved.accounts) {
    if (!account.id || !account.signature) {
      throw new RangeError('Every sandbox account needs a non-empty id and signature.');
    }
    if (ids.has(account.id)) throw new RangeError(`Sandbox account id "${account.id}" is listed twice.`);
    ids.add(account.id);
  }
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
