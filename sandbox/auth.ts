/**
 * The two static headers StockTrim authenticates with. Both must be present and match one
 * account; which of the two is wrong is not revealed, as on any sensible server.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxAccount } from './options';

export const AUTH_ID_HEADER = 'api-auth-id';
export const AUTH_SIGNATURE_HEADER = 'api-auth-signature';

export type AuthResult =
  | { readonly ok: true; readonly accountId: string }
  | { readonly ok: false; readonly reason: 'missing'; readonly missing: readonly string[] }
  | { readonly ok: false; readonly reason: 'invalid' };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = headers[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createAuthenticator(accounts: readonly SandboxAccount[]): (headers: IncomingHttpHeaders) => AuthResult {
  const signatures = new Map(accounts.map((a) => [a.id, a.signature]));
  return (headers) => {
    const id = header(headers, AUTH_ID_HEADER);
    const signature = header(headers, AUTH_SIGNATURE_HEADER);
    if (id === undefined || signature === undefined) {
      const missing = [id === undefined ? AUTH_ID_HEADER : null, signature === undefined ? AUTH_SIGNATURE_HEADER : null];
      return { ok: false, reason: 'missing', missing: missing.filter((m): m is string => m !== null) };
    }
    const expected = signatures.get(id);
    if (expected === undefined || !sameText(signature, expected)) return { ok: false, reason: 'invalid' };
    return { ok: true, accountId: id };
  };
}
