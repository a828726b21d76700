/**
 * The product form's zod schema: typed text in, StockTrim values out. Every field is read by
 * the importer's own parsers (coerceValue), so "95%" means 0.95 here exactly as in a file.
 */
import { z } from 'zod';
import type { FieldDef } from '@/lib/datasets/field-def';
import { type ProductListDef, productFormFields, productLists } from '@/lib/datasets/product-field-groups';
import type { NumberFormat } from '@/lib/import/coerce-number';
import { type CoerceContext, coerceValue } from '@/lib/import/coerce-value';
import type { CellValue } from '@/lib/import/import-types';
import type { ProductLocation, ProductSupplier } from '@/lib/stocktrim/contract';
import type { ProductFormValues, ProductUpsertPayload } from './product-form-values';

/**
 * The form shows numbers with "." for decimals, and must read back what it shows: a stored cost
 * of 1.125 is displayed as "1.125", which the importer's default would call ambiguous.
 */
const FORM_NUMBER_FORMAT: NumberFormat = { decimal: '.', threeDigitDecimals: 'decimal' };
const FORM_CONTEXT: Partial<CoerceContext> = { numberFormat: FORM_NUMBER_FORMAT };

function quoted(raw: string): string {
  const s = raw.trim();
  return `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The typed text of one field → its value, or an issue worded for the person who typed it. */
function textField(field: FieldDef): z.ZodType<CellValue, string> {
  return z.string().transform((raw, ctx) => {
    const out = coerceValue(raw, field, FORM_CONTEXT);
    if (out.severity === 'error') {
      ctx.addIssue({ code: 'custom', message: sentence(`${quoted(raw)} ${out.reason}`) });
      return z.NEVER;
    }
    if (field.required && out.value === null) {
      ctx.addIssue({ code: 'custom', message: `${field.label} is required.` });
      return z.NEVER;
    }
    // Warnings (scientific notation, too many digits) keep their value: the import sends them too.
    return out.value;
  });
}

function fieldSchema(field: FieldDef): z.ZodType<CellValue, string | boolean> {
  if (field.type === 'boolean') return z.boolean() as z.ZodType<CellValue, string | boolean>;
  return textField(field) as z.ZodType<CellValue, string | boolean>;
}

function withoutBlanks(item: Record<string, CellValue>): Record<string, CellValue> {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null));
}

/** One list (suppliers or stock locations): each item checked, and its key used only once. */
function listSchema(list: ProductListDef) {
  const keyField = list.fields.find((f) => f.required);
  const item = z.object(Object.fromEntries(list.fields.map((f) => [f.key, textField(f)])));
  return z
    .array(item)
    .max(list.maxItems, { message: `${list.label} can hold at most ${list.maxItems} entries.` })
    .superRefine((items, ctx) => {
      if (!keyField) return;
      const seen = new Map<string, number>();
      items.forEach((entry, index) => {
        const key = entry[keyField.key];
        if (typeof key !== 'string') return;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, index);
        else {
          ctx.addIssue({
            code: 'custom',
            path: [index, keyField.key],
            message: `${keyField.label} "${key}" is already in ${list.itemLabel} ${first + 1}; list each ${list.itemLabel} once.`,
          });
        }
      });
      // Runs even when an item has other problems, so every problem shows at once.
    }, { when: () => true })
    .transform((items) => items.map(withoutBlanks));
}

const fieldsSchema = z.object(Object.fromEntries(productFormFields.map((f) => [f.key, fieldSchema(f)])));

export const productFormSchema = z
  .object({
    fields: fieldsSchema,
    suppliers: listSchema(productLists.suppliers),
    stockLocations: listSchema(productLists.stockLocations),
  })
  .transform(
    (v): ProductUpsertPayload => ({
      values: v.fields as Record<string, CellValue>,
      suppliers: v.suppliers as unknown as ProductSupplier[],
      stockLocations: v.stockLocations as unknown as ProductLocation[],
    }),
  ) as unknown as z.ZodType<ProductUpsertPayload, ProductFormValues>;
