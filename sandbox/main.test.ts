import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('npm run sandbox (sandbox/main.ts)', () => {
  it('logs the URL and demo credentials, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
      cwd: root,
      env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_FORECAST_MS: '10' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', () => reject(new Error(`sandbox exited early: ${stderr}`)));
    });
    expect(line).toMatch(/^StockTrim sandbox at http:\/\/127\.0\.0\.1:\d+\/api/);
    expect(line).toContain('api-auth-id: sandbox');
    expect(line).toContain('api-auth-signature: sandbox-signature');

    const url = /(http:\S+\/api)/.exec(line)?.[1] ?? '';
    const res = await fetch(`${url}/ProcessingStatus`, {
      headers: { 'api-auth-id': 'sandbox', 'api-auth-signature': 'sandbox-signature' },
    });
    expect(res.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses to start with a malformed setting', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
      cwd: root,
      env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_FAIL_RATE: 'lots' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(stderr).toMatch(/SANDBOX_FAIL_RATE/);
  });
});
