import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { StockTrimCredentials } from '@/lib/stocktrim/client';

/**
 * Seals a run's StockTrim credentials for the database: AES-256-GCM with a key derived from
 * SESSION_SECRET by HKDF-SHA256, a fresh 96-bit IV each time, and the run id as additional
 * data, so a sealed value copied onto another run does not open.
 */
export interface CredentialBox {
  seal(runId: string, credentials: StockTrimCredentials): Buffer;
  /** null when the value was sealed with another key (e.g. a random dev key before a restart) or altered. */
  open(runId: string, sealed: Buffer): StockTrimCredentials | null;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createCredentialBox(secret: string): CredentialBox {
  const key = Buffer.from(hkdfSync('sha256', secret, 'stocktrim-import/run-credentials', 'aes-256-gcm v1', 32));
  return {
    seal(runId, credentials) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(runId, 'utf8'));
      const body = Buffer.concat([cipher.update(JSON.stringify({ authId: credentials.authId, signature: credentials.signature }), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    open(runId, sealed) {
      if (sealed.length <= 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + IV_BYTES));
        decipher.setAAD(Buffer.from(runId, 'utf8'));
        decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
        const text = Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
        const parsed = JSON.parse(text) as Partial<StockTrimCredentials>;
        return typeof parsed.authId === 'string' && typeof parsed.signature === 'string' ? { authId: parsed.authId, signature: parsed.signature } : null;
      } catch {
        return null;
      }
    },
  };
}
