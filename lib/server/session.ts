import 'server-only';
import { randomUUID } from 'node:crypto';
import { getIronSession, type SessionOptions } from 'iron-session';
import { cookies, headers } from 'next/headers';
import type { StockTrimCredentials } from '@/lib/stocktrim/client';
import { getServerEnv } from './env';

interface SessionData {
  sid?: string;
  authId?: string;
  signature?: string;
  connectedAt?: string;
}

const SESSION_TTL_SECONDS = 8 * 60 * 60;

/**
 * Sessions ended with Disconnect. The cookie is sealed, not stored, so a copy of it would stay
 * valid until it expires; remembering its id until then makes Disconnect really forget.
 */
// On globalThis because Next bundles each route separately: module state is not shared by the
// Disconnect route and the pages that read the session.
const registry = globalThis as typeof globalThis & { __stocktrimRevokedSessions?: Map<string, number> };
const revoked = (registry.__stocktrimRevokedSessions ??= new Map<string, number>());

function isRevoked(sid: string | undefined): boolean {
  const now = Date.now();
  for (const [id, until] of revoked) if (until < now) revoked.delete(id);
  return sid !== undefined && revoked.has(sid);
}

function isLocalHost(host: string | null): boolean {
  const name = (host ?? '').replace(/:\d+$/, '');
  return name === 'localhost' || name === '127.0.0.1' || name === '[::1]';
}

async function sessionOptions(): Promise<SessionOptions> {
  const host = (await headers()).get('host');
  return {
    password: getServerEnv().sessionSecret,
    cookieName: 'stocktrim_session',
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: {
      httpOnly: true,
      sameSite: 'strict',
      // Browsers drop Secure cookies on plain-http localhost, which is where the demo runs.
      secure: !isLocalHost(host),
      path: '/',
    },
  };
}

async function session() {
  return getIronSession<SessionData>(await cookies(), await sessionOptions());
}

/** The signed-in account's credentials, or null. A tampered or expired cookie reads as null. */
export async function readCredentials(): Promise<StockTrimCredentials | null> {
  try {
    const s = await session();
    if (!s.sid || isRevoked(s.sid)) return null;
    // The seal's own expiry allows a minute of clock skew; the session's age is checked exactly.
    const connectedAt = Date.parse(s.connectedAt ?? '');
    if (Number.isNaN(connectedAt) || Date.now() - connectedAt > SESSION_TTL_SECONDS * 1000) return null;
    return s.authId && s.signature ? { authId: s.authId, signature: s.signature } : null;
  } catch {
    return null;
  }
}

export async function saveCredentials(credentials: StockTrimCredentials): Promise<void> {
  const s = await session();
  if (s.sid) revoked.set(s.sid, Date.now() + SESSION_TTL_SECONDS * 1000);
  s.sid = randomUUID();
  s.authId = credentials.authId;
  s.signature = credentials.signature;
  s.connectedAt = new Date().toISOString();
  await s.save();
}

export async function clearCredentials(): Promise<void> {
  const s = await session();
  if (s.sid) revoked.set(s.sid, Date.now() + SESSION_TTL_SECONDS * 1000);
  s.destroy();
}
