import { describe, expect, it } from 'vitest';
import { parseAccounts, sandboxOptionsFromEnv } from './env';
import { DEMO_ACCOUNT, defaultSandboxOptions, resolveSandboxOptions } from './options';

describe('SANDBOX_* environment', () => {
  it('keeps the defaults when nothing is set', () => {
    expect(resolveSandboxOptions(sandboxOptionsFromEnv({}))).toEqual(defaultSandboxOptions);
    expect(defaultSandboxOptions).toMatchObject({ host: '127.0.0.1', port: 4010, forecastDurationMs: 4000, productDeleteDelayMs: 1500 });
  });

  it('reads every setting', () => {
    const options = resolveSandboxOptions(
      sandboxOptionsFromEnv({
        SANDBOX_HOST: '0.0.0.0',
        SANDBOX_PORT: '4999',
        SANDBOX_ACCOUNTS: 'acme:s3cret, beta:with:colons',
        SANDBOX_LATENCY_MS: '25',
        SANDBOX_FAIL_RATE: '0.1',
        SANDBOX_THROTTLE_RATE: '0.05',
        SANDBOX_RETRY_AFTER_S: '2',
        SANDBOX_FORECAST_MS: '100',
        SANDBOX_PRODUCT_DELETE_DELAY_MS: '0',
        SANDBOX_SEED: '1234',
        SANDBOX_BODY_LIMIT_BYTES: '2048',
      }),
    );
    expect(options).toEqual({
      host: '0.0.0.0',
      port: 4999,
      accounts: [DEMO_ACCOUNT, { id: 'acme', signature: 's3cret' }, { id: 'beta', signature: 'with:colons' }],
      latencyMs: 25,
      failRate: 0.1,
      throttleRate: 0.05,
      retryAfterSeconds: 2,
      forecastDurationMs: 100,
      productDeleteDelayMs: 0,
      seed: 1234,
      bodyLimitBytes: 2048,
    });
  });

  it('lets SANDBOX_ACCOUNTS replace the demo signature', () => {
    expect(sandboxOptionsFromEnv({ SANDBOX_ACCOUNTS: 'sandbox:other' }).accounts).toEqual([{ id: 'sandbox', signature: 'other' }]);
  });

  it('rejects malformed values with the variable’s name', () => {
    expect(() => sandboxOptionsFromEnv({ SANDBOX_FAIL_RATE: 'lots' })).toThrow(/SANDBOX_FAIL_RATE/);
    expect(() => parseAccounts('no-signature')).toThrow(/id:signature/);
    expect(() => resolveSandboxOptions(sandboxOptionsFromEnv({ SANDBOX_THROTTLE_RATE: '2' }))).toThrow(/throttleRate/);
    expect(() => resolveSandboxOptions({ port: 70000 })).toThrow(/port/);
    expect(() => resolveSandboxOptions({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => resolveSandboxOptions({ accounts: [] })).toThrow(/at least one account/);
    expect(() => resolveSandboxOptions({ accounts: [DEMO_ACCOUNT, DEMO_ACCOUNT] })).toThrow(/twice/);
  });
});
