import type { DatasetDef, DatasetId } from './field-def';
import { productsDataset } from './products';
import { salesOrdersDataset } from './sales-orders';

export const datasets: Readonly<Record<DatasetId, DatasetDef>> = {
  products: productsDataset,
  'sales-orders': salesOrdersDataset,
};

export const datasetIds = Object.keys(datasets) as DatasetId[];

export function isDatasetId(value: string): value is DatasetId {
  return Object.prototype.hasOwnProperty.call(datasets, value);
}

export function getDataset(id: DatasetId): DatasetDef {
  return datasets[id];
}
