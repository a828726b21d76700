import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  billOfMaterialsRequestSchema,
  customerRequestSchema,
  inventorySchema,
  locationRequestSchema,
  productLocationSchema,
  productSupplierSchema,
  productsRequestSchema,
  purchaseOrderLineItemSchema,
  setInventoryRequestSchema,
  supplierRequestSchema,
} from '@/lib/stocktrim/contract';
import type { DatasetDef } from './field-def';
import { datasetIds, getDataset } from './registry';

type Shape = Record<string, z.ZodType>;
const shapeOf = (schema: { shape: unknown }) => schema.shape as Shape;

/** Where each dataset's fields go in its StockTrim request: the record itself, or a list's entries. */
const contracts: Record<Exclude<(typeof datasetIds)[number], 'sales-orders'>, { own: Shape; lists?: Record<string, Shape> }> = {
  products: { own: shapeOf(productsRequestSchema), lists: { stockLocations: shapeOf(productLocationSchema), suppliers: shapeOf(productSupplierSchema) } },
  'bill-of-materials': { own: shapeOf(billOfMaterialsRequestSchema) },
  suppliers: { own: shapeOf(supplierRequestSchema) },
  locations: { own: shapeOf(locationRequestSchema) },
  inventory: { own: shapeOf(inventorySchema) },
  // The order's supplier and location are nested objects in the request; push-purchase-orders builds them.
  'purchase-orders': {
    own: { clientReferenceNumber: {}, supplierCode: {}, supplierName: {}, orderDate: {}, status: {}, locationCode: {}, locationName: {}, externalId: {} } as unknown as Shape,
    lists: { purchaseOrderLineItems: shapeOf(purchaseOrderLineItemSchema) },
  },
  customers: { own: shapeOf(customerRequestSchema) },
};

describe('the dataset registry', () => {
  it('lists every dataset once, each with a unique id, label and field keys', () => {
    expect(datasetIds).toEqual(['products', 'sales-orders', 'bill-of-materials', 'suppliers', 'locations', 'inventory', 'purchase-orders', 'customers']);
    for (const id of datasetIds) {
      const def = getDataset(id);
      expect(def.id).toBe(id);
      const keys = def.fields.map((f) => f.key);
      expect(new Set(keys).size, id).toBe(keys.length);
      for (const key of [...(def.uniqueKey ?? []), ...(def.orderKey?.fields ?? [])]) expect(keys, `${id}: ${key}`).toContain(key);
    }
  });

  it.each(Object.entries(contracts))('%s: every StockTrim field is a property of its request', (id, contract) => {
    const def: DatasetDef = getDataset(id as keyof typeof contracts);
    for (const field of def.fields.filter((f) => f.stockTrim !== false)) {
      if (field.listEntry) {
        expect(contract.lists?.[field.listEntry.list]?.[field.listEntry.property], field.key).toBeDefined();
        expect(def.lists?.some((l) => l.property === field.listEntry!.list), field.key).toBe(true);
      } else {
        expect(contract.own[field.key], field.key).toBeDefined();
      }
    }
  });

  it('the inventory push options are the request’s two switches', () => {
    const keys = getDataset('inventory').pushOptions!.map((o) => o.key);
    expect(keys.sort()).toEqual(Object.keys(shapeOf(setInventoryRequestSchema)).filter((k) => k !== 'inventory').sort());
  });

  it('purchase-order status choices are the contract’s names', () => {
    expect(getDataset('purchase-orders').fields.find((f) => f.key === 'status')?.choices).toEqual(['Draft', 'Approved', 'Sent', 'Received']);
  });
});
