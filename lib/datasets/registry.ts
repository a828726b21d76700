import { billOfMaterialsDataset } from './bill-of-materials';
import { customersDataset } from './customers';
import type { DatasetDef, DatasetId } from './field-def';
import { inventoryDataset } from './inventory';
import { locationsDataset } from './locations';
import { productsImportDataset } from './products-import';
import { purchaseOrdersDataset } from './purchase-orders';
import { salesOrdersDataset } from './sales-orders';
import { suppliersDataset } from './suppliers';

/** In the order the Import menu lists them. */
export const datasets: Readonly<Record<DatasetId, DatasetDef>> = {
  products: productsImportDataset,
  'sales-orders': salesOrdersDataset,
  'bill-of-materials': billOfMaterialsDataset,
  suppliers: suppliersDataset,
  locations: locationsDataset,
  inventory: inventoryDataset,
  'purchase-orders': purchaseOrdersDataset,
  customers: customersDataset,
};

export const datasetIds = Object.keys(datasets) as DatasetId[];

export function isDatasetId(value: string): value is DatasetId {
  return Object.prototype.hasOwnProperty.call(datasets, value);
}

export function getDataset(id: DatasetId): DatasetDef {
  return datasets[id];
}
