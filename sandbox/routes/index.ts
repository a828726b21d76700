/**
 * Every resource the sandbox serves, one module per dataset. A new dataset is one more module
 * in this list.
 */
import { bomsRoutes } from './boms';
import { customersRoutes } from './customers';
import { forecastRoutes } from './forecast';
import { inventoryRoutes } from './inventory';
import { inventorySettingsRoutes } from './inventory-settings';
import { locationsRoutes } from './locations';
import { orderPlanRoutes } from './order-plan';
import { productsRoutes } from './products';
import { purchaseOrderPlanRoutes } from './purchase-order-plan';
import { purchaseOrdersRoutes } from './purchase-orders';
import type { RouteModule } from './route';
import { salesOrdersRoutes } from './sales-orders';
import { salesOrdersBulkRoutes } from './sales-orders-bulk';
import { suppliersRoutes } from './suppliers';

export const routeModules: readonly RouteModule[] = [
  productsRoutes,
  salesOrdersRoutes,
  salesOrdersBulkRoutes,
  bomsRoutes,
  suppliersRoutes,
  locationsRoutes,
  inventoryRoutes,
  purchaseOrdersRoutes,
  purchaseOrderPlanRoutes,
  customersRoutes,
  inventorySettingsRoutes,
  forecastRoutes,
  orderPlanRoutes,
];
