import 'server-only';
import { getIronSession, type SessionOptions } from 'iron-session';
import { cookies, headers } from 'next/headers';
import type { StockTrimCredentials } from '@/lib/stocktrim/client';
import { getServerEnv } from './env';

interface SessionData {
  authId?: string;
  signature?: string;
  connectedAt?: string;
}

const SESSION_TTL_SECONDS = 8 * 60 * 60;

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
    return s.authId && s.signature ? { authId: s.authId, signature: s.signature } : null;
  } catch {
    return null;
  }
}

export async function saveCredentials(credentials: StockTrimCredentials): Promise<void> {
  const s = await session();
  s.authId = credentials.authId;
  s.signature = credentials.signature;
  s.connectedAt = new Date().toISOString();
  await s.save();
}

export async function clearCredentials(): Promise<void> {
  const s = await session();
  s.destroy();
}
