/**
 * What the products route accepts from the browser, checked again on the server with the
 * importer's row schema (the browser is not trusted), and how it becomes StockTrim's
 * ProductsRequestDto. Problems are keyed the way StockTrim keys them (`LeadTime`,
 * `Suppliers[0].SupplierId`), so the form places the route's and StockTrim's messages alike.
 */
import { z } from 'zod';
import type { DatasetDef, FieldDef } from '@/lib/datasets/field-def';
import { type ProductListDef, productLists } from '@/lib/datasets/product-field-groups';
import { productsDataset } from '@/lib/datasets/products';
import { buildRowSchema } from '@/lib/import/row-schema';
import { stockTrimValues } from '@/lib/server/push/stocktrim-values';
import { type ProductsRequest, modelStateKey } from '@/lib/stocktrim/contract';
import type { ProductUpsertPayload } from './product-form-values';

/**
 * A list item is checked like an import row of its own little dataset, so its codes, texts
 * and numbers pass exactly the checks a file's cells do.
 */
function itemDataset(list: ProductListDef): DatasetDef {
  return { id: 'products', label: list.label, description: list.help, fields: list.fields };
}

const listSchemas = {
  suppliers: z.array(buildRowSchema(itemDataset(productLists.suppliers))).max(productLists.suppliers.maxItems),
  stockLocations: z.array(buildRowSchema(itemDataset(productLists.stockLocations))).max(productLists.stockLocations.maxItems),
};

export const productUpsertPayloadSchema = z.strictObject({
  values: buildRowSchema(productsDataset),
  suppliers: listSchemas.suppliers,
  stockLocations: listSchemas.stockLocations,
});

export const productUpsertModes = ['create', 'update'] as const;
export type ProductUpsertMode = (typeof productUpsertModes)[number];

export const productUpsertRequestSchema = z.strictObject({
  /** "create" refuses a code that already exists, so a new product never overwrites another. */
  mode: z.enum(productUpsertModes),
  product: productUpsertPayloadSchema,
});
export type ProductUpsertRequest = z.infer<typeof productUpsertRequestSchema>;

/** Blank values are left out: on StockTrim's upsert a missing property keeps the stored value. */
export function toProductsRequest(payload: ProductUpsertPayload | z.infer<typeof productUpsertPayloadSchema>): ProductsRequest {
  const clean = (items: readonly object[]) =>
    items.map((item) => Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null && v !== undefined)));
  return {
    ...stockTrimValues(productsDataset, payload.values),
    suppliers: clean(payload.suppliers),
    stockLocations: clean(payload.stockLocations),
  } as ProductsRequest;
}

function fieldAt(path: readonly PropertyKey[]): FieldDef | undefined {
  const [first, second, third] = path;
  if (first === 'values' && typeof second === 'string') return productsDataset.fields.find((f) => f.key === second);
  if ((first === 'suppliers' || first === 'stockLocations') && typeof third === 'string') {
    return productLists[first].fields.find((f) => f.key === third);
  }
  return undefined;
}

/** The StockTrim member path of a payload path: ['values', 'leadTime'] → LeadTime. */
function memberKey(path: readonly PropertyKey[]): string {
  return modelStateKey(path[0] === 'values' ? path.slice(1) : path);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function issueMessage(issue: z.core.$ZodIssue, label: string, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined || value === null ? `${label} is required.` : `${label} has the wrong type of value.`;
    case 'too_small':
      return issue.origin === 'string' ? `${label} is required.` : `${label} must be ${String(issue.minimum)} or more.`;
    case 'too_big':
      return issue.origin === 'array' ? `${label} can hold at most ${String(issue.maximum)} entries.` : `${label} must be at most ${String(issue.maximum)}.`;
    default:
      return `${label} ${issue.message}.`;
  }
}

/**
 * zod issues of a product payload → StockTrim-style field errors. Paths may start at the
 * request ("product", ...) or at the payload; `input` is what was parsed.
 */
export function payloadFieldErrors(error: z.ZodError, input: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (key: string, message: string) => {
    const list = (out[key] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  for (const issue of error.issues) {
    const inPayload = issue.path[0] === 'product';
    const path = inPayload ? issue.path.slice(1) : issue.path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(memberKey([...path, key]), `"${key}" is not a product property.`);
      continue;
    }
    const label = fieldAt(path)?.label ?? String(path.at(-1) ?? 'The request');
    add(memberKey(path), issueMessage(issue, label, valueAt(input, issue.path)));
  }
  return out;
}
