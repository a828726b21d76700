/**
 * Bytes → text. Spreadsheet exports arrive as UTF-8 (with or without Excel's BOM), UTF-16
 * ("Unicode Text") or legacy Windows-1252. A wrong guess turns "Café" into "Caf�" and that
 * replacement character would then travel to StockTrim, so every path here either decodes
 * cleanly or counts the characters it could not read so validation can reject those cells.
 */
import type { TextEncodingName } from './import-types';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
  /** True when a byte-order mark was found (and removed). */
  readonly bom: boolean;
  /** How the encoding was chosen, for the summary shown to the user. */
  readonly source: 'bom' | 'detected' | 'fallback' | 'forced';
  /** Number of U+FFFD characters in the text (unreadable bytes, or ones already in the file). */
  readonly replacementCount: number;
  readonly notes: readonly string[];
}

export interface DecodeOptions {
  /** Use this encoding whatever the bytes look like (the user changed it). */
  readonly encoding?: TextEncodingName;
}

export const REPLACEMENT_CHAR = '\uFFFD';

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F. Some runtimes (Node without full ICU,
 * older engines) decode "windows-1252" as Latin-1 and turn "€" into an invisible C1 control,
 * so this table is ours. The five holes (0x81, 0x8D, 0x8F, 0x90, 0x9D) are undefined in the
 * code page; they become U+FFFD and are counted rather than silently passed on as controls.
 */
export const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

const CHUNK = 0x4000;

export function decodeWindows1252(bytes: Uint8Array): { text: string; undefinedBytes: number } {
  const parts: string[] = [];
  const buf = new Uint16Array(Math.min(CHUNK, bytes.length));
  let undefinedBytes = 0;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    const n = end - start;
    for (let i = 0; i < n; i++) {
      const b = bytes[start + i]!;
      if (b >= 0x80 && b <= 0x9f) {
        const cp = WINDOWS_1252_HIGH[b - 0x80]!;
        if (cp === 0xfffd) undefinedBytes++;
        buf[i] = cp;
      } else {
        buf[i] = b;
      }
    }
    // fromCharCode over a bounded chunk keeps the argument count well under engine limits.
    parts.push(String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]));
  }
  return { text: parts.join(''), undefinedBytes };
}

function countReplacements(text: string): number {
  let count = 0;
  let at = text.indexOf(REPLACEMENT_CHAR);
  while (at !== -1) {
    count++;
    at = text.indexOf(REPLACEMENT_CHAR, at + 1);
  }
  return count;
}

function swapBytePairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  return out;
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): { text: string; clean: boolean } {
  // TextDecoder only promises utf-16le everywhere; big-endian is decoded by swapping pairs.
  const le = bigEndian ? swapBytePairs(bytes) : bytes;
  const oddTail = le.length % 2 === 1;
  try {
    const text = new TextDecoder('utf-16le', { fatal: true }).decode(oddTail ? le.subarray(0, le.length - 1) : le);
    return { text: oddTail ? text + REPLACEMENT_CHAR : text, clean: !oddTail };
  } catch {
    return { text: new TextDecoder('utf-16le').decode(le), clean: false };
  }
}

function tryStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 files saved without a BOM are mostly ASCII, so every other byte is zero. A real
 * UTF-8/1252 text file practically never contains NUL bytes.
 */
function sniffUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function stripLeadingBoms(text: string): { text: string; stripped: boolean } {
  let i = 0;
  while (text.charCodeAt(i) === 0xfeff) i++;
  return i === 0 ? { text, stripped: false } : { text: text.slice(i), stripped: true };
}

function finish(
  raw: string,
  encoding: TextEncodingName,
  source: DecodedText['source'],
  bomBytes: boolean,
  notes: string[],
): DecodedText {
  const { text, stripped } = stripLeadingBoms(raw);
  const replacementCount = countReplacements(text);
  if (replacementCount > 0) {
    notes.push(
      `${replacementCount} character${replacementCount === 1 ? '' : 's'} could not be read as ${encodingLabel(encoding)} and show as "${REPLACEMENT_CHAR}"; cells containing them are rejected. Try another encoding.`,
    );
  }
  return { text, encoding, bom: bomBytes || stripped, source, replacementCount, notes };
}

export function encodingLabel(encoding: TextEncodingName): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-16le':
      return 'UTF-16 LE';
    case 'utf-16be':
      return 'UTF-16 BE';
    case 'windows-1252':
      return 'Windows-1252';
  }
}

function decodeAs(bytes: Uint8Array, encoding: TextEncodingName): string {
  switch (encoding) {
    case 'utf-8':
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    case 'utf-16le':
      return decodeUtf16(bytes, false).text;
    case 'utf-16be':
      return decodeUtf16(bytes, true).text;
    case 'windows-1252':
      return decodeWindows1252(bytes).text;
  }
}

function bomLength(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const notes: string[] = [];
  const bom = bomLength(bytes);

  if (options.encoding) {
    // A BOM of the forced encoding is still removed; a BOM of another one is left for the user
    // to see, since they chose to override what the file says.
    const body = bom && bom.encoding === options.encoding ? bytes.subarray(bom.length) : bytes;
    return finish(decodeAs(body, options.encoding), options.encoding, 'forced', body !== bytes, notes);
  }

  if (bom) {
    const body = bytes.subarray(bom.length);
    if (bom.encoding === 'utf-8') {
      const strict = tryStrictUtf8(body);
      if (strict !== null) return finish(strict, 'utf-8', 'bom', true, notes);
      notes.push('The file starts with a UTF-8 marker but contains bytes that are not UTF-8.');
      return finish(decodeAs(body, 'utf-8'), 'utf-8', 'bom', true, notes);
    }
    return finish(decodeAs(body, bom.encoding), bom.encoding, 'bom', true, notes);
  }

  const utf16 = sniffUtf16WithoutBom(bytes);
  if (utf16) {
    notes.push(`The file has no byte-order mark but its byte pattern is ${encodingLabel(utf16)}.`);
    return finish(decodeAs(bytes, utf16), utf16, 'detected', false, notes);
  }

  const strict = tryStrictUtf8(bytes);
  if (strict !== null) return finish(strict, 'utf-8', 'detected', false, notes);

  const { text, undefinedBytes } = decodeWindows1252(bytes);
  notes.push('The file is not valid UTF-8, so it was read as Windows-1252 (Excel\'s older "CSV" format). Change the encoding if letters look wrong.');
  if (undefinedBytes > 0) {
    notes.push(`${undefinedBytes} byte${undefinedBytes === 1 ? ' is' : 's are'} not defined in Windows-1252.`);
  }
  return finish(text, 'windows-1252', 'fallback', false, notes);
}
