/**
 * The product form's values, and StockTrim's product document → those values. The form holds
 * text exactly as typed (so "95%" and "1,200" survive until they are checked); the schema in
 * product-form-schema.ts turns them back into StockTrim values.
 */
import type { FieldDef } from '@/lib/datasets/field-def';
import { type ProductListDef, productFormFields, productLists } from '@/lib/datasets/product-field-groups';
import type { CellValue } from '@/lib/import/import-types';
import type { ProductLocation, ProductSupplier } from '@/lib/stocktrim/contract';

export type ListItemFormValues = Record<string, string>;

export interface ProductFormValues {
  /** Registry field key → typed text, or a checkbox's state for boolean fields. */
  readonly fields: Record<string, string | boolean>;
  readonly suppliers: ListItemFormValues[];
  readonly stockLocations: ListItemFormValues[];
}

/** What the form sends to the dashboard's products route: checked values, not typed text. */
export interface ProductUpsertPayload {
  readonly values: Record<string, CellValue>;
  readonly suppliers: ProductSupplier[];
  readonly stockLocations: ProductLocation[];
}

/** A product as StockTrim answers it, read defensively (production sends nulls and extras). */
export type ProductDocument = Readonly<Record<string, unknown>>;

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  // String(0.1) is "0.1" and String(1200) is "1200": both read back unchanged by the form's parser.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function fieldValue(field: FieldDef, value: unknown): string | boolean {
  return field.type === 'boolean' ? value === true : textOf(value);
}

function listValues(list: ProductListDef, value: unknown): ListItemFormValues[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
    .map((item) => Object.fromEntries(list.fields.map((f) => [f.key, textOf(item[f.key])])));
}

export function productToFormValues(product: ProductDocument | null): ProductFormValues {
  const source = product ?? {};
  return {
    fields: Object.fromEntries(productFormFields.map((f) => [f.key, fieldValue(f, source[f.key])])),
    suppliers: listValues(productLists.suppliers, source.suppliers),
    stockLocations: listValues(productLists.stockLocations, source.stockLocations),
  };
}

export function emptyListItem(list: ProductListDef): ListItemFormValues {
  return Object.fromEntries(list.fields.map((f) => [f.key, '']));
}

/**
 * Fields that held a value when the form opened and are blank now. StockTrim treats a blank
 * (null) property on an update as "keep what you have", so emptying a field cannot clear it;
 * the form says so instead of letting the person believe it was cleared.
 */
export function clearedFieldKeys(initial: ProductFormValues, current: ProductFormValues): string[] {
  return productFormFields
    .filter((f) => f.type !== 'boolean')
    .filter((f) => {
      const before = initial.fields[f.key];
      const now = current.fields[f.key];
      return typeof before === 'string' && before.trim() !== '' && (typeof now !== 'string' || now.trim() === '');
    })
    .map((f) => f.key);
}
