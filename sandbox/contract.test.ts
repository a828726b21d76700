import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { productsDataset } from '../lib/datasets/products';
import { salesOrdersDataset } from '../lib/datasets/sales-orders';
import {
  isContractDateTime,
  modelStateKey,
  orderPlanFilterCriteriaSchema,
  parseContract,
  processingStatusResponseSchema,
  productLocationSchema,
  productSupplierSchema,
  productsRequestSchema,
  productsResponseSchema,
  salesOrderRequestSchema,
  salesOrderResponseSchema,
  salesOrderWithLineItemsRequestSchema,
  skuOptimizedResultsSchema,
  toValidationProblem,
  validationProblemDetailsSchema,
} from '../lib/stocktrim/contract';

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const result = parseContract(schema, input);
  if (result.success) throw new Error('expected a validation failure');
  expect(validationProblemDetailsSchema.parse(result.problem)).toBeTruthy();
  return result.problem.errors;
};

describe('validation problem documents', () => {
  it('uses ASP.NET keys and messages', () => {
    const errors = errorsOf(salesOrderWithLineItemsRequestSchema, {
      orderDate: null,
      saleOrderLineItems: [{ productId: 'A', orderDate: '2025-01-01', quantity: -5, colour: 1 }],
    });
    expect(errors).toEqual({
      OrderDate: ['The OrderDate field is required.'],
      'SaleOrderLineItems[0].Quantity': ['The field Quantity must be between 0 and 1.7976931348623157E+308.'],
      'SaleOrderLineItems[0].Colour': [
        "The JSON property 'colour' could not be mapped to any .NET member contained in type 'SalesOrderRequestDto'.",
      ],
    });
  });

  it('names the .NET type of a wrong value, with the JSON path', () => {
    expect(errorsOf(productsRequestSchema, { productId: 'A', leadTime: '35' })).toEqual({
      LeadTime: ['The JSON value could not be converted to System.Int32. Path: $.leadTime.'],
    });
    expect(errorsOf(productsRequestSchema, { productId: 'A', discontinued: 'yes' }).Discontinued?.[0]).toContain('System.Boolean');
    expect(errorsOf(productsRequestSchema, { productId: 'A', suppliers: {} }).Suppliers?.[0]).toContain('List<ProductSupplier>');
    expect(errorsOf(orderPlanFilterCriteriaSchema, { page: null }).Page?.[0]).toContain('System.Int32');
  });

  it('treats an empty body as ASP.NET does', () => {
    expect(errorsOf(productsRequestSchema, null)).toEqual({ '': ['A non-empty request body is required.'] });
  });

  it('works from a bare ZodError too', () => {
    const result = salesOrderRequestSchema.safeParse({ productId: 'A', orderDate: '2025-01-01', quantity: -1 });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(toValidationProblem(result.error)).toMatchObject({
        status: 400,
        title: 'One or more validation errors occurred.',
        errors: { Quantity: [expect.stringContaining('Quantity')] },
      });
    }
  });

  it('builds model-state keys', () => {
    expect(modelStateKey([])).toBe('$');
    expect(modelStateKey(['saleOrderLineItems', 3, 'productId'])).toBe('SaleOrderLineItems[3].ProductId');
  });
});

describe('date-times', () => {
  it.each(['2025-01-31', '2025-01-31T10:00', '2025-01-31T10:00:59', '2025-01-31T10:00:59.1234567', '2025-01-31T10:00:00Z', '2024-02-29T00:00:00+13:00'])(
    'accepts %s',
    (value) => expect(isContractDateTime(value)).toBe(true),
  );
  it.each(['2025-02-29', '2025-13-01', '31/01/2025', '2025-01-31 10:00', '2025-01-31T24:00', '2025-01-31T10:00:00.12345678', ''])(
    'rejects %s',
    (value) => expect(isContractDateTime(value)).toBe(false),
  );
});

describe('the shared field registry', () => {
  const cases = [
    { dataset: productsDataset, schema: productsRequestSchema },
    { dataset: salesOrdersDataset, schema: salesOrderRequestSchema },
  ];
  it.each(cases)('$dataset.id: every StockTrim field is in the contract, with the same required flag', ({ dataset, schema }) => {
    const shape = schema.shape as Record<string, z.ZodType>;
    for (const field of dataset.fields.filter((f) => f.stockTrim !== false)) {
      const property = shape[field.key];
      expect(property, field.key).toBeDefined();
      expect(!property!.safeParse(undefined).success, field.key).toBe(field.required);
    }
  });
});

/**
 * Checks the schemas against the OpenAPI document itself when the reference folder is present.
 * The document is read with a few line rules (it is regular), not a YAML library.
 */
const openApiPath = new URL('../../shared/stocktrim/openapi.yaml', import.meta.url);
const haveOpenApi = existsSync(openApiPath);
if (!haveOpenApi) console.warn('Skipping OpenAPI comparison: ../shared/stocktrim/openapi.yaml is not here.');

interface DocProperty {
  type?: string;
  format?: string;
  nullable: boolean;
  minLength?: number;
  minimum?: number;
}

function documentSchema(text: string, name: string): { required: string[]; properties: Map<string, DocProperty> } {
  const lines = text.split('\n');
  const start = lines.indexOf(`    ${name}:`);
  if (start < 0) throw new Error(`${name} not in the document`);
  const required: string[] = [];
  const properties = new Map<string, DocProperty>();
  let section = '';
  let current: DocProperty | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^ {0,4}\S/.test(line)) break;
    const top = /^ {6}(\w+):/.exec(line);
    if (top) {
      section = top[1]!;
      continue;
    }
    if (section === 'required') {
      const item = /^ {6}- (\w+)/.exec(line);
      if (item) required.push(item[1]!);
    }
    if (section !== 'properties') continue;
    const prop = /^ {8}(\w+):$/.exec(line);
    if (prop) {
      current = { nullable: false };
      properties.set(prop[1]!, current);
      continue;
    }
    const attr = /^ {10}(\w+): (.+)$/.exec(line);
    if (attr && current) {
      const [, key, value] = attr;
      if (key === 'type') current.type = value;
      if (key === 'format') current.format = value;
      if (key === 'nullable') current.nullable = value === 'true';
      if (key === 'minLength') current.minLength = Number(value);
      if (key === 'minimum') current.minimum = Number(value);
    }
  }
  return { required, properties };
}

describe.skipIf(!haveOpenApi)('the OpenAPI document', () => {
  const text = haveOpenApi ? readFileSync(openApiPath, 'utf8') : '';
  const pairs: [string, z.ZodObject, 'all' | 'subset'][] = [
    ['ProductsRequestDto', productsRequestSchema, 'all'],
    ['ProductSupplier', productSupplierSchema, 'all'],
    ['ProductLocation', productLocationSchema, 'all'],
    ['ProductsResponseDto', productsResponseSchema, 'all'],
    ['SalesOrderRequestDto', salesOrderRequestSchema, 'all'],
    ['SalesOrderWithLineItemsRequestDto', salesOrderWithLineItemsRequestSchema, 'all'],
    ['SalesOrderResponseDto', salesOrderResponseSchema, 'all'],
    ['OrderPlanFilterCriteria', orderPlanFilterCriteriaSchema, 'all'],
    ['ProcessingStatusResponseDto', processingStatusResponseSchema, 'all'],
    ['SkuOptimizedResultsDto', skuOptimizedResultsSchema, 'subset'],
  ];

  const sample: Record<string, unknown> = { string: 'x', number: 1.5, integer: 7, boolean: true, array: [] };

  it.each(pairs)('%s matches property names, required, nullable and limits', (name, schema, coverage) => {
    const doc = documentSchema(text, name);
    const shape = schema.shape as Record<string, z.ZodType>;
    const ours = Object.keys(shape).sort();
    const theirs = [...doc.properties.keys()].sort();
    if (coverage === 'all') expect(ours).toEqual(theirs);
    else for (const key of ours) expect(theirs, key).toContain(key);

    for (const key of ours) {
      const property = shape[key]!;
      const spec = doc.properties.get(key)!;
      const label = `${name}.${key}`;
      expect(property.safeParse(undefined).success, `${label} optional`).toBe(!doc.required.includes(key));
      expect(property.safeParse(null).success, `${label} nullable`).toBe(spec.nullable);
      if (spec.type && spec.type in sample && !(spec.type === 'string' && spec.format === 'date-time')) {
        expect(property.safeParse(sample[spec.type]).success, `${label} accepts a ${spec.type}`).toBe(true);
      }
      if (spec.format === 'date-time') expect(property.safeParse('2025-01-31T10:00:00').success, label).toBe(true);
      if (spec.type === 'integer') expect(property.safeParse(1.5).success, `${label} rejects 1.5`).toBe(false);
      if (spec.minLength === 1) expect(property.safeParse('').success, `${label} rejects ''`).toBe(false);
      if (spec.minimum === 0) expect(property.safeParse(-1).success, `${label} rejects -1`).toBe(false);
    }
  });

  it('request DTOs refuse unknown properties, as additionalProperties: false says', () => {
    for (const schema of [productsRequestSchema, salesOrderRequestSchema, salesOrderWithLineItemsRequestSchema, orderPlanFilterCriteriaSchema]) {
      const minimal = { productId: 'A', orderDate: '2025-01-01', quantity: 1 };
      const base = Object.fromEntries(Object.entries(minimal).filter(([k]) => k in schema.shape));
      expect(schema.safeParse(base).success).toBe(true);
      expect(schema.safeParse({ ...base, unexpected: 1 }).success).toBe(false);
    }
  });
});
