import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, WINDOWS_1252_HIGH, REPLACEMENT_CHAR } from './decode-text';

const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

function utf16le(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8);
  return out;
}
function utf16be(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) >> 8, s.charCodeAt(i) & 0xff);
  return out;
}

describe('decodeText', () => {
  it('strips a UTF-8 BOM and reports it', () => {
    const d = decodeText(cat([0xef, 0xbb, 0xbf], enc('productId,name\r\n')));
    expect(d).toMatchObject({ text: 'productId,name\r\n', encoding: 'utf-8', bom: true, source: 'bom', replacementCount: 0 });
  });

  it('reads UTF-8 without BOM strictly', () => {
    const d = decodeText(enc('Café,Ürün,日本\n'));
    expect(d).toMatchObject({ text: 'Café,Ürün,日本\n', encoding: 'utf-8', bom: false, source: 'detected' });
  });

  it('removes a stray U+FEFF left at the start (double BOM)', () => {
    const d = decodeText(cat([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], enc('a,b')));
    expect(d.text).toBe('a,b');
  });

  it('reads UTF-16 LE and BE by BOM', () => {
    const le = decodeText(Uint8Array.from([0xff, 0xfe, ...utf16le('sku\tqty\r\nÄ-1\t5')]));
    expect(le).toMatchObject({ text: 'sku\tqty\r\nÄ-1\t5', encoding: 'utf-16le', bom: true });
    const be = decodeText(Uint8Array.from([0xfe, 0xff, ...utf16be('sku;€')]));
    expect(be).toMatchObject({ text: 'sku;€', encoding: 'utf-16be', bom: true });
  });

  it('recognises UTF-16 without a BOM from its zero bytes', () => {
    const d = decodeText(Uint8Array.from(utf16le('productId,name\nABC-001,Widget\n')));
    expect(d.encoding).toBe('utf-16le');
    expect(d.text).toBe('productId,name\nABC-001,Widget\n');
    expect(decodeText(Uint8Array.from(utf16be('productId,name\n'))).encoding).toBe('utf-16be');
  });

  it('falls back to Windows-1252 when strict UTF-8 fails, with our own table for 0x80–0x9F', () => {
    const d = decodeText(Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x80, 0x31, 0x32, 0x2c, 0x93, 0x71, 0x94, 0x2c, 0x96, 0x2c, 0x9f]));
    expect(d).toMatchObject({ text: 'Café,€12,“q”,–,Ÿ', encoding: 'windows-1252', source: 'fallback', replacementCount: 0 });
    expect(d.notes.join(' ')).toMatch(/not valid UTF-8/);
  });

  it('maps every byte 0x80–0x9F as Windows-1252 defines it', () => {
    const expected = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const { text, undefinedBytes } = decodeWindows1252(bytes);
    expect(text).toBe(expected);
    expect(undefinedBytes).toBe(5);
    expect(WINDOWS_1252_HIGH).toHaveLength(32);
    // Outside 0x80–0x9F it is Latin-1.
    expect(decodeWindows1252(Uint8Array.from([0x41, 0xa3, 0xe9, 0xff])).text).toBe('A£éÿ');
  });

  it('counts undefined 1252 bytes as replacement characters instead of passing controls on', () => {
    const d = decodeText(Uint8Array.from([0x41, 0x81, 0xe9]));
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe(`A${REPLACEMENT_CHAR}é`);
    expect(d.replacementCount).toBe(1);
    expect(d.notes.join(' ')).toMatch(/could not be read/);
  });

  it('decodes long 1252 input across chunk boundaries', () => {
    const bytes = new Uint8Array(40000).fill(0x80);
    const { text } = decodeWindows1252(bytes);
    expect(text.length).toBe(40000);
    expect(text[39999]).toBe('€');
  });

  it('lets the caller force an encoding and counts what could not be read', () => {
    const bytes = Uint8Array.from([0x43, 0x61, 0x66, 0xe9]);
    const forced = decodeText(bytes, { encoding: 'utf-8' });
    expect(forced).toMatchObject({ encoding: 'utf-8', source: 'forced', replacementCount: 1 });
    const asLatin = decodeText(enc('Café'), { encoding: 'windows-1252' });
    expect(asLatin.text).toBe('CafÃ©');
    // A BOM of the forced encoding is still removed.
    expect(decodeText(cat([0xef, 0xbb, 0xbf], enc('x')), { encoding: 'utf-8' }).text).toBe('x');
  });

  it('reports a U+FFFD that is literally in a UTF-8 file', () => {
    const d = decodeText(enc('Caf\uFFFD'));
    expect(d.encoding).toBe('utf-8');
    expect(d.replacementCount).toBe(1);
  });
});
