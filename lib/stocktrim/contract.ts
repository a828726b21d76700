/**
 * StockTrim's public request and response shapes as zod schemas, written from the OpenAPI
 * document, plus the conversion of a zod failure into the ASP.NET problem document StockTrim
 * answers with. Shared by the dashboard's client, its route handlers and the sandbox, so it
 * must stay free of Node-only and Next-only imports.
 *
 * Request schemas are strict (the document says additionalProperties: false, and rejecting an
 * unknown or misspelt property is the safe side: production may silently drop it). Response
 * schemas are lenient (unknown properties are stripped) because production returns fields the
 * document does not list, and a client must not break when StockTrim adds one.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Field builders. Each records the .NET type behind it so validation messages can name it the
// way ASP.NET does ("could not be converted to System.Int32").
// ---------------------------------------------------------------------------------------------

const dotnetTypeNames = new WeakMap<z.ZodType, string>();

function dotnet<T extends z.ZodType>(typeName: string, schema: T): T {
  dotnetTypeNames.set(schema, typeName);
  return schema;
}

/**
 * The date-time forms System.Text.Json reads: a date, optionally with hours and minutes,
 * seconds, up to 7 fraction digits and an offset. Stricter than production may be (no week
 * dates, no space separator), which is the safe side for a client.
 */
const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,7})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/;

/** True for a date-time string StockTrim accepts (see DATE_TIME_PATTERN); checks the calendar too. */
export function isContractDateTime(value: string): boolean {
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

const text = () => dotnet('System.String', z.string());
/** A required identifier: ASP.NET's [Required] also rejects the empty string. */
const requiredText = () => dotnet('System.String', z.string().min(1));
/** `minimum` is built in rather than chained, because chaining makes a new, unnamed schema. */
const double = (minimum?: number) =>
  dotnet('System.Double', minimum === undefined ? z.number() : z.number().min(minimum));
const int32 = () => dotnet('System.Int32', z.int32());
const bool = () => dotnet('System.Boolean', z.boolean());
const dateTime = () => dotnet('System.DateTime', z.string().refine(isContractDateTime, { abort: true }));

/** An optional property that may also be sent as null. */
function nullable<T extends z.ZodType>(schema: T) {
  return schema.nullable().optional();
}

const dtoNames = new WeakMap<z.ZodType, string>();

function dto<T extends z.ZodType>(name: string, schema: T): T {
  dtoNames.set(schema, name);
  dotnetTypeNames.set(schema, name);
  return schema;
}

function listOf<T extends z.ZodType>(item: T) {
  const itemName = dotnetTypeNames.get(item) ?? 'Object';
  return dotnet(`List<${itemName}>`, z.array(item));
}

// ---------------------------------------------------------------------------------------------
// Products
// ---------------------------------------------------------------------------------------------

export const productSupplierSchema = dto(
  'ProductSupplier',
  z.strictObject({
    supplierId: requiredText(),
    supplierName: nullable(text()),
    supplierSkuCode: nullable(text()),
  }),
);
export type ProductSupplier = z.infer<typeof productSupplierSchema>;

export const productLocationSchema = dto(
  'ProductLocation',
  z.strictObject({
    locationCode: requiredText(),
    locationName: nullable(text()),
    stockOnHand: nullable(double()),
    stockOnOrder: nullable(double()),
  }),
);
export type ProductLocation = z.infer<typeof productLocationSchema>;

/** Every product property except the key; shared by the request and the response. */
const productFields = {
  productCodeReadable: nullable(text()),
  name: nullable(text()),
  category: nullable(text()),
  subCategory: nullable(text()),
  serviceLevel: nullable(double()),
  leadTime: nullable(int32()),
  stockOnHand: nullable(double()),
  stockOnOrder: nullable(double()),
  cost: nullable(double()),
  price: nullable(double()),
  supplierCode: nullable(text()),
  suppliers: nullable(listOf(productSupplierSchema)),
  forecastPeriod: nullable(int32()),
  manufacturingTime: nullable(int32()),
  orderFrequency: nullable(int32()),
  minimumOrderQuantity: nullable(double()),
  minimumShelfLevel: nullable(double()),
  maximumShelfLevel: nullable(double()),
  batchSize: nullable(double()),
  barcode: nullable(text()),
  discontinued: nullable(bool()),
  unstocked: nullable(bool()),
  option1: nullable(text()),
  option2: nullable(text()),
  option3: nullable(text()),
  overriddenDemand: nullable(double()),
  overriddenDemandPeriod: nullable(int32()),
  stockLocations: nullable(listOf(productLocationSchema)),
  parentId: nullable(text()),
  variantType: nullable(text()),
  variant: nullable(text()),
  ignoreSeasonality: nullable(bool()),
  weight: nullable(double()),
  height: nullable(double()),
  width: nullable(double()),
  length: nullable(double()),
};

export const productsRequestSchema = dto(
  'ProductsRequestDto',
  z.strictObject({ productId: requiredText(), ...productFields }),
);
export type ProductsRequest = z.infer<typeof productsRequestSchema>;

export const productsResponseSchema = dto(
  'ProductsResponseDto',
  z.object({ id: int32().optional(), productId: requiredText(), ...productFields }),
);
export type ProductsResponse = z.infer<typeof productsResponseSchema>;

/** The product property names in contract order (handy for building complete responses). */
export const productFieldNames = ['productId', ...Object.keys(productFields)] as readonly (keyof ProductsRequest)[];

// ---------------------------------------------------------------------------------------------
// Sales orders
// ---------------------------------------------------------------------------------------------

export const salesOrderRequestSchema = dto(
  'SalesOrderRequestDto',
  z.strictObject({
    productId: requiredText(),
    externalReferenceId: nullable(text()),
    orderDate: dateTime(),
    quantity: double(0),
    unitPrice: nullable(double()),
    locationCode: nullable(text()),
    locationName: nullable(text()),
    customerCode: nullable(text()),
    customerName: nullable(text()),
  }),
);
export type SalesOrderRequest = z.infer<typeof salesOrderRequestSchema>;

export const salesOrderWithLineItemsRequestSchema = dto(
  'SalesOrderWithLineItemsRequestDto',
  z.strictObject({
    orderDate: dateTime(),
    locationCode: nullable(text()),
    locationName: nullable(text()),
    customerCode: nullable(text()),
    customerName: nullable(text()),
    saleOrderLineItems: nullable(listOf(salesOrderRequestSchema)),
  }),
);
export type SalesOrderWithLineItemsRequest = z.infer<typeof salesOrderWithLineItemsRequestSchema>;

export const salesOrderResponseSchema = dto(
  'SalesOrderResponseDto',
  z.object({
    id: int32().optional(),
    locationId: int32().optional(),
    productId: requiredText(),
    externalReferenceId: nullable(text()),
    orderDate: dateTime(),
    quantity: double(0),
    unitPrice: nullable(double()),
    locationCode: nullable(text()),
    locationName: nullable(text()),
    customerCode: nullable(text()),
    customerName: nullable(text()),
  }),
);
export type SalesOrderResponse = z.infer<typeof salesOrderResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Forecast: processing status and the order plan
// ---------------------------------------------------------------------------------------------

export const processingStatusResponseSchema = dto(
  'ProcessingStatusResponseDto',
  z.object({
    id: int32().optional(),
    isProcessing: bool().optional(),
    percentageComplete: int32().optional(),
    statusMessage: nullable(text()),
  }),
);
export type ProcessingStatusResponse = z.infer<typeof processingStatusResponseSchema>;

export const currentStatusValues = ['Current', 'Discontinued', 'All'] as const;
export const currentStatusSchema = dotnet('CurrentStatusEnum', z.enum(currentStatusValues));
export type CurrentStatus = z.infer<typeof currentStatusSchema>;

export const orderPlanFilterCriteriaSchema = dto(
  'OrderPlanFilterCriteria',
  z.strictObject({
    excludeManufactured: nullable(bool()),
    currentStatus: nullable(currentStatusSchema),
    locationId: nullable(int32()),
    location: nullable(text()),
    customerId: nullable(int32()),
    customer: nullable(text()),
    supplierId: nullable(int32()),
    supplier: nullable(text()),
    category: nullable(text()),
    searchString: nullable(text()),
    sortOrder: nullable(text()),
    page: int32().optional(),
    perPage: int32().optional(),
    hasNextPage: nullable(bool()),
  }),
);
export type OrderPlanFilterCriteria = z.infer<typeof orderPlanFilterCriteriaSchema>;

/**
 * The part of SkuOptimizedResultsDto the dashboard reads. Production sends about seventy more
 * properties; the lenient object strips them.
 */
export const skuOptimizedResultsSchema = dto(
  'SkuOptimizedResultsDto',
  z.object({
    id: int32().optional(),
    locationId: nullable(int32()),
    calculatedDateTime: dateTime().optional(),
    productCode: nullable(text()),
    name: nullable(text()),
    category: nullable(text()),
    subCategory: nullable(text()),
    locationName: nullable(text()),
    leadDemand: nullable(double()),
    forecastPeriodDemand: nullable(double()),
    safetyStockLevel: nullable(double()),
    reorderPoint: nullable(double()),
    orderQuantity: nullable(double()),
    daysUntilStockOut: nullable(int32()),
    stockOnHand: nullable(double()),
    stockOnOrder: nullable(double()),
    leadTimeDays: nullable(int32()),
    reorderFrequencyDays: nullable(int32()),
    orderCount: int32().optional(),
    latestOrderDate: nullable(dateTime()),
    ordersInPreviousLeadTime: double().optional(),
    avgDailyOrdersLast120Days: double().optional(),
    standardDev: nullable(double()),
    serviceFactor: nullable(double()),
    serviceLevel: nullable(double()),
    minimumOrderQuantity: nullable(int32()),
    batchSize: nullable(int32()),
    isUncertain: bool().optional(),
    isDiscontinued: bool().optional(),
    isUnstocked: bool().optional(),
    skuCost: nullable(double()),
    skuPrice: nullable(double()),
    errorText: nullable(text()),
  }),
);
export type SkuOptimizedResults = z.infer<typeof skuOptimizedResultsSchema>;

export const orderPlanResultsSchema = dto(
  'OrderPlanResultsDto',
  z.object({
    results: nullable(z.array(skuOptimizedResultsSchema)),
    // Lenient on the way back: production may echo criteria with properties we do not send.
    filterCriteria: z.looseObject(orderPlanFilterCriteriaSchema.shape).optional(),
  }),
);
export type OrderPlanResults = z.infer<typeof orderPlanResultsSchema>;

// ---------------------------------------------------------------------------------------------
// Bill of materials
// ---------------------------------------------------------------------------------------------

export const billOfMaterialsRequestSchema = dto(
  'BillOfMaterialsRequestDto',
  z.strictObject({
    productId: requiredText(),
    componentId: requiredText(),
    quantity: nullable(double()),
  }),
);
export type BillOfMaterialsRequest = z.infer<typeof billOfMaterialsRequestSchema>;

export const billOfMaterialsResponseSchema = dto(
  'BillOfMaterialsResponseDto',
  z.object({
    id: int32().optional(),
    assemblyTimeDays: nullable(int32()),
    // The document says these are never null; a BOM line can outlive a deleted product, so a
    // client must not fail when one is.
    skuComponent: nullable(productsResponseSchema),
    skuProduct: nullable(productsResponseSchema),
    productId: requiredText(),
    componentId: requiredText(),
    quantity: nullable(double()),
  }),
);
export type BillOfMaterialsResponse = z.infer<typeof billOfMaterialsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Suppliers
// ---------------------------------------------------------------------------------------------

/** Every supplier property except the code; shared by the request and the response. */
const supplierFields = {
  supplierName: nullable(text()),
  emailAddress: nullable(text()),
  primaryContactName: nullable(text()),
  externalId: nullable(text()),
  defaultLeadTime: nullable(int32()),
  streetAddress: nullable(text()),
  addressLine1: nullable(text()),
  addressLine2: nullable(text()),
  state: nullable(text()),
  country: nullable(text()),
  postCode: nullable(text()),
};

export const supplierRequestSchema = dto(
  'SupplierRequestDto',
  z.strictObject({ supplierCode: requiredText(), ...supplierFields }),
);
export type SupplierRequest = z.infer<typeof supplierRequestSchema>;

/** POST /Suppliers takes an array, even for one supplier. */
export const suppliersRequestSchema = listOf(supplierRequestSchema);
export type SuppliersRequest = z.infer<typeof suppliersRequestSchema>;

export const supplierResponseSchema = dto(
  'SupplierResponseDto',
  z.object({ id: int32().optional(), supplierCode: nullable(text()), ...supplierFields }),
);
export type SupplierResponse = z.infer<typeof supplierResponseSchema>;

/** The supplier property names in contract order. */
export const supplierFieldNames = ['supplierCode', ...Object.keys(supplierFields)] as readonly (keyof SupplierRequest)[];

// ---------------------------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------------------------

export const locationRequestSchema = dto(
  'LocationRequestDto',
  z.strictObject({
    locationCode: requiredText(),
    locationName: nullable(text()),
    externalId: nullable(text()),
  }),
);
export type LocationRequest = z.infer<typeof locationRequestSchema>;

export const locationResponseSchema = dto(
  'LocationResponseDto',
  z.object({
    id: int32().optional(),
    locationCode: requiredText(),
    locationName: nullable(text()),
    externalId: nullable(text()),
  }),
);
export type LocationResponse = z.infer<typeof locationResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Inventory
// ---------------------------------------------------------------------------------------------

/**
 * One stock figure. The two quantities are non-nullable doubles in .NET, so a property left out
 * binds as 0 rather than "unchanged".
 */
export const inventorySchema = dto(
  'Inventory',
  z.strictObject({
    productId: nullable(text()),
    locationCode: nullable(text()),
    locationName: nullable(text()),
    stockOnHand: double().optional(),
    stockOnOrder: double().optional(),
  }),
);
export type Inventory = z.infer<typeof inventorySchema>;

export const setInventoryRequestSchema = dto(
  'SetInventoryRequest',
  z.strictObject({
    updateOverallAllOnOrderToBeSumOfLocation: bool().optional(),
    updateOverallAllOnHandToBeSumOfLocation: bool().optional(),
    inventory: nullable(listOf(inventorySchema)),
  }),
);
export type SetInventoryRequest = z.infer<typeof setInventoryRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Purchase orders
// ---------------------------------------------------------------------------------------------

export const purchaseOrderStatusValues = ['Draft', 'Approved', 'Sent', 'Received'] as const;
export type PurchaseOrderStatusName = (typeof purchaseOrderStatusValues)[number];

/** Production answers `status` with these numbers although the document declares the names. */
export const purchaseOrderStatusCodes = {
  Draft: 0,
  Approved: 1,
  Sent: 2,
  Received: 3,
} as const satisfies Record<PurchaseOrderStatusName, number>;
export type PurchaseOrderStatusCode = (typeof purchaseOrderStatusCodes)[PurchaseOrderStatusName];

/**
 * A request's status: the document's names, or the numbers production answers with (a .NET
 * string-enum converter reads both by default), so a fetched order can be posted back as is.
 */
export const purchaseOrderStatusSchema = dotnet(
  'PurchaseOrderStatusDto',
  z.union([z.enum(purchaseOrderStatusValues), z.literal([0, 1, 2, 3])]),
);
export type PurchaseOrderStatus = z.infer<typeof purchaseOrderStatusSchema>;

/** Lenient on the way back: any number (production's form) or a name (the document's). */
export const purchaseOrderStatusResponseSchema = dotnet(
  'PurchaseOrderStatusDto',
  z.union([int32(), z.enum(purchaseOrderStatusValues)]),
);

/** The status name for either form; undefined for a number or name StockTrim does not define. */
export function purchaseOrderStatusName(status: string | number): PurchaseOrderStatusName | undefined {
  if (typeof status === 'number') return purchaseOrderStatusValues[status];
  return purchaseOrderStatusValues.find((name) => name === status);
}

export const purchaseOrderSupplierSchema = dto(
  'PurchaseOrderSupplier',
  z.strictObject({
    supplierCode: nullable(text()),
    supplierName: nullable(text()),
  }),
);
export type PurchaseOrderSupplier = z.infer<typeof purchaseOrderSupplierSchema>;

export const purchaseOrderLocationSchema = dto(
  'PurchaseOrderLocation',
  z.strictObject({
    locationCode: nullable(text()),
    locationName: nullable(text()),
  }),
);
export type PurchaseOrderLocation = z.infer<typeof purchaseOrderLocationSchema>;

export const purchaseOrderLineItemSchema = dto(
  'PurchaseOrderLineItem',
  z.strictObject({
    productId: requiredText(),
    quantity: double(),
    receivedDate: nullable(dateTime()),
    unitPrice: nullable(double()),
  }),
);
export type PurchaseOrderLineItem = z.infer<typeof purchaseOrderLineItemSchema>;

export const purchaseOrderRequestSchema = dto(
  'PurchaseOrderRequestDto',
  z.strictObject({
    // The document marks orderDate nullable, but production refuses null with
    // "The OrderDate field is required." (quirks), so it is required here.
    orderDate: dateTime(),
    createdDate: nullable(dateTime()),
    fullyReceivedDate: nullable(dateTime()),
    supplier: purchaseOrderSupplierSchema,
    externalId: nullable(text()),
    referenceNumber: nullable(text()),
    clientReferenceNumber: nullable(text()),
    location: nullable(purchaseOrderLocationSchema),
    status: purchaseOrderStatusSchema.optional(),
    purchaseOrderLineItems: listOf(purchaseOrderLineItemSchema),
  }),
);
export type PurchaseOrderRequest = z.infer<typeof purchaseOrderRequestSchema>;

export const purchaseOrderResponseSchema = dto(
  'PurchaseOrderResponseDto',
  z.object({
    id: int32().optional(),
    message: nullable(text()),
    orderDate: nullable(dateTime()),
    createdDate: nullable(dateTime()),
    fullyReceivedDate: nullable(dateTime()),
    supplier: z.object(purchaseOrderSupplierSchema.shape),
    externalId: nullable(text()),
    referenceNumber: nullable(text()),
    clientReferenceNumber: nullable(text()),
    location: nullable(z.object(purchaseOrderLocationSchema.shape)),
    status: purchaseOrderStatusResponseSchema.optional(),
    purchaseOrderLineItems: z.array(z.object(purchaseOrderLineItemSchema.shape)),
  }),
);
export type PurchaseOrderResponse = z.infer<typeof purchaseOrderResponseSchema>;

/** The filters of POST /V2/PurchaseOrders/OrderPlan (not the same DTO as /OrderPlan's). */
export const orderPlanFilterCriteriaDtoSchema = dto(
  'OrderPlanFilterCriteriaDto',
  z.strictObject({
    searchString: nullable(text()),
    currentStatus: currentStatusSchema.optional(),
    locationCodes: nullable(listOf(text())),
    supplierCodes: nullable(listOf(text())),
  }),
);
export type OrderPlanFilterCriteriaDto = z.infer<typeof orderPlanFilterCriteriaDtoSchema>;

// ---------------------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------------------

const customerFields = {
  code: nullable(text()),
  name: nullable(text()),
  streetAddress: nullable(text()),
  addressLine1: nullable(text()),
  addressLine2: nullable(text()),
  state: nullable(text()),
  country: nullable(text()),
  postCode: nullable(text()),
  emailAddress: nullable(text()),
  phone: nullable(text()),
  city: nullable(text()),
};

/** PUT /Customers takes one CustomerDto. `code` is nullable in the document but is the upsert key. */
export const customerRequestSchema = dto('CustomerDto', z.strictObject(customerFields));
export type CustomerRequest = z.infer<typeof customerRequestSchema>;

export const customerResponseSchema = dto('CustomerDto', z.object(customerFields));
export type CustomerResponse = z.infer<typeof customerResponseSchema>;

/** The customer property names in contract order. */
export const customerFieldNames = Object.keys(customerFields) as readonly (keyof CustomerRequest)[];

// ---------------------------------------------------------------------------------------------
// Inventory management system settings
// ---------------------------------------------------------------------------------------------

export const inventoryManagementSystemValues = [
  'Shopify', 'Vend', 'Unleashed', 'TradeGecko', 'Cin7', 'Myob', 'Quickbooks', 'StockTrimIncomingApi',
  'Xero', 'Dear', 'CsvUpload', 'Katana', 'Odoo', 'WooCommerce', 'Finale', 'AmazonFba', 'Zoho',
  'BigCommerce', 'SquareInventory', 'Magento', 'MrpEasy', 'Fishbowl', 'SkuVault', 'InFlow', 'Neto',
  'Sellercloud', 'Acumatica', 'AcumaticaErp', 'All', 'Master',
] as const;
export const inventoryManagementSystemSchema = dotnet('ApiEnum', z.enum(inventoryManagementSystemValues));
export type InventoryManagementSystem = z.infer<typeof inventoryManagementSystemSchema>;

export const inventoryManagementSystemRequestSchema = dto(
  'InventoryManagementSystemRequest',
  z.strictObject({ api: inventoryManagementSystemSchema.optional() }),
);
export type InventoryManagementSystemRequest = z.infer<typeof inventoryManagementSystemRequestSchema>;

export const inventoryManagementSystemResponseSchema = dto(
  'InventoryManagementSystemResponse',
  z.object({ name: nullable(text()) }),
);
export type InventoryManagementSystemResponse = z.infer<typeof inventoryManagementSystemResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Problem documents
// ---------------------------------------------------------------------------------------------

/** RFC 7807 problem details as ASP.NET writes them; any extra member is allowed. */
export const problemDetailsSchema = z.looseObject({
  type: z.string().nullish(),
  title: z.string().nullish(),
  status: z.int().nullish(),
  detail: z.string().nullish(),
  instance: z.string().nullish(),
});
export type ProblemDetails = z.infer<typeof problemDetailsSchema>;

export const validationProblemDetailsSchema = problemDetailsSchema.extend({
  errors: z.record(z.string(), z.array(z.string())),
});
export type ValidationProblemDetails = z.infer<typeof validationProblemDetailsSchema>;

export const VALIDATION_PROBLEM_TYPE = 'https://tools.ietf.org/html/rfc9110#section-15.5.1';
export const VALIDATION_PROBLEM_TITLE = 'One or more validation errors occurred.';

/** A 400 problem document from field → messages (also for checks a schema cannot express). */
export function validationProblem(errors: Record<string, string[]>): ValidationProblemDetails {
  return { type: VALIDATION_PROBLEM_TYPE, title: VALIDATION_PROBLEM_TITLE, status: 400, errors };
}

type PathSegment = PropertyKey;

function pascal(name: string): string {
  return name.length === 0 ? name : name[0]!.toUpperCase() + name.slice(1);
}

/** ASP.NET's model-state key: `SaleOrderLineItems[0].Quantity`; the body itself is `$`. */
export function modelStateKey(path: readonly PathSegment[]): string {
  let key = '';
  for (const segment of path) {
    if (typeof segment === 'number') key += `[${segment}]`;
    else key += `${key ? '.' : ''}${pascal(String(segment))}`;
  }
  return key || '$';
}

/** System.Text.Json's path: `$.saleOrderLineItems[0].quantity`. */
function jsonPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`;
  return out;
}

interface SchemaAtPath {
  /** The schema with optional/nullable wrappers removed, when the path could be followed. */
  readonly schema: z.ZodType | undefined;
  /** False when the property may be left out. */
  readonly required: boolean;
}

function unwrap(schema: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let current = schema;
  let optional = false;
  for (;;) {
    if (current instanceof z.ZodOptional) {
      optional = true;
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    } else {
      return { schema: current, optional };
    }
  }
}

function schemaAt(root: z.ZodType | undefined, path: readonly PathSegment[]): SchemaAtPath {
  if (!root) return { schema: undefined, required: true };
  let current = unwrap(root);
  for (const segment of path) {
    const container = current.schema;
    if (container instanceof z.ZodObject && typeof segment === 'string') {
      const child = (container.shape as Record<string, z.ZodType>)[segment];
      if (!child) return { schema: undefined, required: true };
      current = unwrap(child);
    } else if (container instanceof z.ZodArray && typeof segment === 'number') {
      current = unwrap(container.element as z.ZodType);
    } else {
      return { schema: undefined, required: true };
    }
  }
  return { schema: current.schema, required: !current.optional };
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

export const EMPTY_BODY_MESSAGE = 'A non-empty request body is required.';

/** How .NET formats double.MaxValue, the upper bound ASP.NET prints for a minimum-only range. */
const DOUBLE_MAX_TEXT = '1.7976931348623157E+308';

function messageFor(issue: z.core.$ZodIssue, root: z.ZodType | undefined, input: unknown, hasInput: boolean): string {
  const field = modelStateKey(issue.path);
  const memberName = pascal(String(issue.path.filter((s) => typeof s === 'string').at(-1) ?? field));
  const target = schemaAt(root, issue.path);
  const value = hasInput ? valueAt(input, issue.path) : (issue as { input?: unknown }).input;
  const typeName =
    (target.schema && dotnetTypeNames.get(target.schema)) ??
    ('expected' in issue && issue.expected === 'int' ? 'System.Int32' : 'the expected type');
  const notConvertible = `The JSON value could not be converted to ${typeName}. Path: ${jsonPath(issue.path)}.`;

  if (issue.path.length === 0 && value == null) return EMPTY_BODY_MESSAGE;
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_value':
    case 'invalid_union':
      if (value === undefined || (value === null && target.required)) return `The ${memberName} field is required.`;
      return notConvertible;
    case 'too_small':
      if (issue.origin === 'string') return `The ${memberName} field is required.`;
      if (issue.origin === 'number' && typeName === 'System.Int32') return notConvertible;
      return `The field ${memberName} must be between ${String(issue.minimum)} and ${DOUBLE_MAX_TEXT}.`;
    case 'too_big':
    case 'invalid_format':
    case 'custom':
      return notConvertible;
    default:
      return issue.message;
  }
}

/**
 * Turns a zod failure into the problem document StockTrim (ASP.NET) answers with:
 * `{ type, title: "One or more validation errors occurred.", status: 400, errors: { Quantity: [...] } }`.
 * Pass the schema and the parsed input when you have them: they let the messages name the .NET
 * type and tell a missing required field from a null or wrong value.
 */
export function toValidationProblem(
  error: z.ZodError,
  context: { readonly schema?: z.ZodType; readonly input?: unknown } = {},
): ValidationProblemDetails {
  const { schema, input } = context;
  const hasInput = 'input' in context;
  const errors: Record<string, string[]> = {};
  const add = (key: string, message: string) => {
    const list = (errors[key] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const owner = schemaAt(schema, issue.path).schema;
      const ownerName = (owner && dtoNames.get(owner)) ?? 'the request';
      for (const key of issue.keys) {
        add(
          modelStateKey([...issue.path, key]),
          `The JSON property '${key}' could not be mapped to any .NET member contained in type '${ownerName}'.`,
        );
      }
      continue;
    }
    const message = messageFor(issue, schema, input, hasInput);
    // ASP.NET files the empty-body complaint under the empty key, not under a member.
    add(message === EMPTY_BODY_MESSAGE ? '' : modelStateKey(issue.path), message);
  }
  return validationProblem(errors);
}

export type ContractParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly problem: ValidationProblemDetails };

/** Validates a parsed JSON body against a contract schema, answering a problem document on failure. */
export function parseContract<S extends z.ZodType>(schema: S, input: unknown): ContractParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  return { success: false, problem: toValidationProblem(result.error, { schema, input }) };
}
