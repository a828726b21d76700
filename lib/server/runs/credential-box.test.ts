import { describe, expect, it } from 'vitest';
import { createCredentialBox } from './credential-box';

const credentials = { authId: 'acme', signature: 'very-secret-signature' };

describe('credential box', () => {
  const box = createCredentialBox('a-session-secret-of-at-least-32-characters');

  it('opens what it sealed, and the sealed bytes do not contain the signature', () => {
    const sealed = box.seal('run-1', credentials);
    expect(box.open('run-1', sealed)).toEqual(credentials);
    expect(sealed.includes(Buffer.from(credentials.signature))).toBe(false);
    expect(box.seal('run-1', credentials).equals(sealed)).toBe(false);
  });

  it('does not open a value sealed with another key, for another run, or altered', () => {
    const sealed = box.seal('run-1', credentials);
    expect(createCredentialBox('another-session-secret-of-32-characters!').open('run-1', sealed)).toBeNull();
    expect(box.open('run-2', sealed)).toBeNull();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(box.open('run-1', altered)).toBeNull();
    expect(box.open('run-1', Buffer.alloc(3))).toBeNull();
  });
});
