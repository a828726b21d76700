/**
 * A 400/409 answer's field errors (StockTrim's, or the route's in StockTrim's style) → the
 * form: each message on its input, list-wide ones on the list, the rest for the form's alert.
 */
import { productFormFields, productLists } from '@/lib/datasets/product-field-groups';
import { type ProductInputPath, explainStockTrimMessage, formTargetForStockTrimKey } from './stocktrim-field-path';

export interface PlacedServerErrors {
  readonly placedCount: number;
  /** The first input given a message, in the form's order, to move focus to. */
  readonly firstPath: ProductInputPath | null;
  /** Messages for the whole list, by list key. */
  readonly lists: Partial<Record<string, string>>;
  /** Messages that name no input, prefixed with StockTrim's key when there is one. */
  readonly unplaced: string[];
}

const order = new Map<string, number>(productFormFields.map((f, i) => [`fields.${f.key}`, i]));

function rank(path: string): number {
  const scalar = order.get(path);
  if (scalar !== undefined) return scalar;
  const [list, index] = path.split('.');
  return productFormFields.length + (list === 'suppliers' ? 0 : 10_000) + Number(index);
}

export function placeServerErrors(
  fieldErrors: Readonly<Record<string, readonly string[]>>,
  setError: (path: ProductInputPath, message: string) => void,
): PlacedServerErrors {
  const lists: Record<string, string> = {};
  const unplaced: string[] = [];
  const placed: ProductInputPath[] = [];
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const message = messages.map(explainStockTrimMessage).join(' ');
    if (!message) continue;
    const target = formTargetForStockTrimKey(key);
    if (target === null) unplaced.push(key && key !== '$' ? `${key}: ${message}` : message);
    else if (target.kind === 'list') lists[target.list] = `${productLists[target.list].label}: ${lists[target.list] ? `${lists[target.list]} ` : ''}${message}`;
    else {
      setError(target.path, message);
      placed.push(target.path);
    }
  }
  placed.sort((a, b) => rank(a) - rank(b));
  return { placedCount: placed.length + Object.keys(lists).length, firstPath: placed[0] ?? null, lists, unplaced };
}
