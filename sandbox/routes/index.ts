/**
 * Every resource the sandbox serves. A new dataset (BOMs, Suppliers, V2 Locations, Inventory,
 * PurchaseOrders, Customers) is one more module in this list.
 */
import { forecastRoutes } from './forecast';
import { orderPlanRoutes } from './order-plan';
import { productsRoutes } from './products';
import type { RouteModule } from './route';
import { salesOrdersRoutes } from './sales-orders';
import { salesOrdersBulkRoutes } from './sales-orders-bulk';

export const routeModules: readonly RouteModule[] = [
  productsRoutes,
  salesOrdersRoutes,
  salesOrdersBulkRoutes,
  forecastRoutes,
  orderPlanRoutes,
];
