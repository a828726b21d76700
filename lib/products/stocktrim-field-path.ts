/**
 * Where a StockTrim problem belongs in the product form. StockTrim (ASP.NET) keys validation
 * errors by PascalCase member path (`LeadTime`, `Suppliers[0].SupplierId`); System.Text.Json
 * errors may come as a JSON path (`$.leadTime`), and some servers prefix the parameter name
 * (`request.LeadTime`). All of those land on the same input.
 */
import { type ProductListKey, productFormFields, productLists } from '@/lib/datasets/product-field-groups';

/** The form name of one input: a registry field, or a property of one list entry. */
export type ProductInputPath = `fields.${string}` | `${ProductListKey}.${number}.${string}`;

export type FormErrorTarget =
  | { readonly kind: 'field'; readonly path: `fields.${string}`; readonly fieldKey: string }
  | { readonly kind: 'item'; readonly path: `${ProductListKey}.${number}.${string}`; readonly list: ProductListKey; readonly index: number; readonly fieldKey: string }
  | { readonly kind: 'list'; readonly list: ProductListKey };

type Segment = string | number;

function segments(key: string): Segment[] | null {
  const out: Segment[] = [];
  const text = key.trim().replace(/^\$\.?/, '');
  if (text === '') return null;
  for (const part of text.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return null;
    if (match[1]) out.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out.length ? out : null;
}

const lower = (s: string) => s.toLowerCase();
const scalarKeys = new Map(productFormFields.map((f) => [lower(f.key), f.key]));
const listKeys = new Map((Object.keys(productLists) as ProductListKey[]).map((k) => [lower(k), k]));

function resolve(parts: readonly Segment[]): FormErrorTarget | null {
  const [head, index, member] = parts;
  if (typeof head !== 'string') return null;
  const scalar = scalarKeys.get(lower(head));
  if (scalar && parts.length === 1) return { kind: 'field', path: `fields.${scalar}`, fieldKey: scalar };
  const list = listKeys.get(lower(head));
  if (!list) return null;
  if (parts.length === 1 || typeof index !== 'number' || typeof member !== 'string' || parts.length !== 3) return { kind: 'list', list };
  const itemKey = productLists[list].fields.find((f) => lower(f.key) === lower(member))?.key;
  if (!itemKey) return { kind: 'list', list };
  return { kind: 'item', path: `${list}.${index}.${itemKey}`, list, index, fieldKey: itemKey };
}

/** The form input a StockTrim error key names, or null when it names none (`$`, a whole-body error). */
export function formTargetForStockTrimKey(key: string): FormErrorTarget | null {
  const parts = segments(key);
  if (!parts) return null;
  // "request.LeadTime": a parameter prefix before a known member.
  return resolve(parts) ?? (parts.length > 1 ? resolve(parts.slice(1)) : null);
}

/**
 * StockTrim's message, plus what to type instead where its wording is .NET's: "could not be
 * converted to System.Int32" means the number is not whole or is too large for StockTrim.
 */
export function explainStockTrimMessage(message: string): string {
  if (/System\.Int32/.test(message)) return `${message} StockTrim takes a whole number from -2147483648 to 2147483647 here.`;
  if (/System\.Double/.test(message)) return `${message} StockTrim takes a plain number here.`;
  if (/System\.Boolean/.test(message)) return `${message} StockTrim takes yes or no here.`;
  return message;
}
