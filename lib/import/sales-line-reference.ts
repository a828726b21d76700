/**
 * Stable externalReferenceId per sales line. PUT /SalesOrdersBulk creates or updates by this
 * reference, so pushing the same file twice must produce the same references (no doubled
 * history) and two lines must never share one (they would overwrite each other).
 *
 * With an order number: `${orderNumber}-${productId}-${day}-${locationCode}-${customerCode}-${k}`,
 * day = the order date as YYYYMMDD, empty parts left empty, k = 1-based occurrence of that
 * line (same order, product, day, location, customer) in file order. The same order number
 * reused by another store, on another day or for another customer is therefore another line
 * and never overwrites the first one. It depends only on the order's own lines, so other
 * orders, row order between orders, and edits elsewhere do not change it. To keep the text
 * reversible (and so unique) when codes contain "-", the separator is the first of - / : |
 * that none of the order number, day, location and customer contains: the order number is
 * then everything before the first separator, k, customer, location and day the last four
 * parts, and the product what is between.
 *
 * Without an order number: `line-${hash}-${n}`, hash = 64-bit FNV-1a over the line's content
 * (date, product, quantity, price, customer, location), n = occurrence among identical lines.
 */

export const MAX_REFERENCE_LENGTH = 100;

export interface SalesLineIdentity {
  readonly orderNumber: string | null;
  readonly productId: string;
  readonly orderDate: string | null;
  readonly quantity: number | string | null;
  readonly unitPrice: number | string | null;
  readonly customerCode: string | null;
  readonly locationCode: string | null;
}

/**
 * 32-bit FNV-1a over the text's UTF-8 bytes (so results match published test vectors).
 * Math.imul keeps the multiply in 32 bits; the seed lets a second pass with another offset
 * basis extend it to 64 bits without BigInt.
 */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  const step = (byte: number) => {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      step(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x800) {
      step(0xc0 | (c >> 6));
    } else if (c < 0x10000) {
      step(0xe0 | (c >> 12));
      step(0x80 | ((c >> 6) & 0x3f));
    } else {
      step(0xf0 | (c >> 18));
      step(0x80 | ((c >> 12) & 0x3f));
      step(0x80 | ((c >> 6) & 0x3f));
    }
    step(0x80 | (c & 0x3f));
  }
  return h >>> 0;
}

/** 16 hex digits from two FNV-1a passes with different offset bases. */
export function hash64Hex(text: string): string {
  const a = fnv1a32(text, 0x811c9dc5);
  const b = fnv1a32(text, 0x050c5d1f);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

const SEPARATORS = ['-', '/', ':', '|'] as const;
const FIELD_SEP = '\u001f';

function part(v: number | string | null): string {
  return v === null ? '' : typeof v === 'number' ? String(v) : v;
}

function hasOrderNumber(line: SalesLineIdentity): line is SalesLineIdentity & { orderNumber: string } {
  return line.orderNumber !== null && line.orderNumber !== '';
}

/** The order date's day as YYYYMMDD (an unread date: its text as written). */
export function dayPart(orderDate: string | null): string {
  if (orderDate === null) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(orderDate);
  return m ? `${m[1]}${m[2]}${m[3]}` : orderDate;
}

/** The parts after the product that tell apart lines of one order number. */
function orderParts(line: SalesLineIdentity): [string, string, string] {
  return [dayPart(line.orderDate), line.locationCode ?? '', line.customerCode ?? ''];
}

/** The content a line-without-order-number is identified by. */
export function lineContent(line: SalesLineIdentity): string {
  return [line.orderDate, line.productId, part(line.quantity), part(line.unitPrice), line.customerCode, line.locationCode].map((v) => v ?? '').join(FIELD_SEP);
}

/**
 * Lines with the same occurrence key are numbered 1, 2, 3… in file order; the number is the
 * `occurrence` passed to formatLineReference.
 */
export function lineOccurrenceKey(line: SalesLineIdentity): string {
  return hasOrderNumber(line)
    ? ['o', line.orderNumber, line.productId, ...orderParts(line)].join(FIELD_SEP)
    : `c${FIELD_SEP}${lineContent(line)}`;
}

export function formatLineReference(line: SalesLineIdentity, occurrence: number): string {
  if (!hasOrderNumber(line)) return `line-${hash64Hex(lineContent(line))}-${occurrence}`;
  const order = line.orderNumber;
  const parts = orderParts(line);
  const sep = SEPARATORS.find((s) => !order.includes(s) && !parts.some((p) => p.includes(s)));
  const readable = sep === undefined ? null : [order, line.productId, ...parts, String(occurrence)].join(sep);
  if (readable !== null && readable.length <= MAX_REFERENCE_LENGTH) return readable;
  // Too long (or parts containing every separator): keep a readable prefix and let the hash of
  // the full order number, product, day, location and customer carry the uniqueness.
  const hash = hash64Hex([order, line.productId, ...parts].join(FIELD_SEP));
  const tail = `~${hash}-${occurrence}`;
  const room = MAX_REFERENCE_LENGTH - tail.length;
  return `${order.slice(0, Math.max(0, Math.min(order.length, room)))}${tail}`;
}

/** References for a whole file's lines, in file order. */
export function assignLineReferences(lines: readonly SalesLineIdentity[]): string[] {
  const counts = new Map<string, number>();
  return lines.map((line) => {
    const key = lineOccurrenceKey(line);
    const k = (counts.get(key) ?? 0) + 1;
    counts.set(key, k);
    return formatLineReference(line, k);
  });
}
