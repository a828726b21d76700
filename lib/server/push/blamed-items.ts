import 'server-only';
import type { z } from 'zod';
import type { RowOutcome } from '@/lib/push-types';
import { toValidationProblem } from '@/lib/stocktrim/contract';
import { StockTrimError } from '@/lib/stocktrim/stocktrim-error';
import { rowFailure } from './pusher';

/** One item of a multi-item request (a line, a supplier, an inventory row) and the row it came from. */
export interface ItemRow<T> {
  readonly item: T;
  readonly rowNumber: number;
}

export interface BlamedSend<T> {
  readonly items: readonly ItemRow<T>[];
  /** The request body for these items. */
  readonly body: (items: readonly T[]) => unknown;
  /** The contract schema of the body, checked before anything is sent. */
  readonly schema: z.ZodType;
  readonly send: (body: unknown) => Promise<void>;
  /** Matches a problem key that blames item i and captures i, e.g. /^SaleOrderLineItems\[(\d+)\]/i. */
  readonly itemKey: RegExp;
  /** What an item is called in a row's reason: "line", "row". */
  readonly itemNoun: string;
}

/** Which items a problem document blames, with their messages; empty when any problem is not an item's. */
function blamedItems(fieldErrors: Readonly<Record<string, readonly string[]>>, itemKey: RegExp): Map<number, string> {
  const blamed = new Map<number, string>();
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const match = itemKey.exec(key);
    if (!match) return new Map();
    const index = Number(match[1]);
    const field = key.slice(match[0].length).replace(/^\./, '') || 'value';
    blamed.set(index, [blamed.get(index), `${field}: ${messages.join(' ')}`].filter(Boolean).join('; '));
  }
  return blamed;
}

/**
 * Sends items in one request. StockTrim refuses the whole request for one bad item (e.g. a
 * code that is not a product), so the items it blames are taken out with its reason and the
 * rest are sent again: one bad row never stops the others. The same applies when the
 * dashboard's own contract check finds a bad item before sending.
 */
export async function sendRemovingBlamed<T>(send: BlamedSend<T>): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  let items = [...send.items];
  while (items.length > 0) {
    const body = send.body(items.map((i) => i.item));
    const checked = send.schema.safeParse(body);
    let fieldErrors: Readonly<Record<string, readonly string[]>>;
    let failure: StockTrimError | null = null;
    if (!checked.success) {
      fieldErrors = toValidationProblem(checked.error, { schema: send.schema, input: body }).errors;
    } else {
      try {
        await send.send(checked.data);
        return [...outcomes, ...items.map((i) => ({ rowNumber: i.rowNumber, status: 'sent' as const }))];
      } catch (error) {
        if (!(error instanceof StockTrimError) || error.kind !== 'validation') return [...outcomes, ...items.map((i) => rowFailure(i.rowNumber, error))];
        failure = error;
        fieldErrors = error.fieldErrors;
      }
    }
    const who = failure ? 'StockTrim rejected' : 'StockTrim would reject';
    const blamed = blamedItems(fieldErrors, send.itemKey);
    const remaining = items.filter((_, i) => !blamed.has(i));
    if (remaining.length === items.length) {
      // Nothing an item can be blamed for: the request as a whole was refused.
      if (failure) return [...outcomes, ...items.map((i) => rowFailure(i.rowNumber, failure))];
      const message = `${who} this ${send.itemNoun}: ${Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ') || 'no reason given'}`;
      return [...outcomes, ...items.map((i) => ({ rowNumber: i.rowNumber, status: 'rejected' as const, message }))];
    }
    items.forEach((item, i) => {
      const message = blamed.get(i);
      if (message !== undefined) outcomes.push({ rowNumber: item.rowNumber, status: 'rejected', message: `${who} this ${send.itemNoun}: ${message}` });
    });
    items = remaining;
  }
  return outcomes;
}
