/**
 * An order-independent fingerprint of a set of line references (count, sum and xor of a
 * 32-bit FNV-1a hash). The sandbox side and the bench side compute it separately, so "every
 * pushed line arrived exactly once" is checked without shipping 500,000 references around.
 */

export interface RefDigest {
  count: number;
  sum: number;
  xor: number;
}

export function newDigest(): RefDigest {
  return { count: 0, sum: 0, xor: 0 };
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function addRef(digest: RefDigest, ref: string): void {
  const h = fnv1a(ref);
  digest.count++;
  digest.sum = (digest.sum + h) >>> 0;
  digest.xor = (digest.xor ^ h) >>> 0;
}

export function sameDigest(a: RefDigest, b: RefDigest): boolean {
  return a.count === b.count && a.sum === b.sum && a.xor === b.xor;
}

export function digestText(d: RefDigest): string {
  return `${d.count} refs #${d.sum.toString(16)}/${d.xor.toString(16)}`;
}
