/**
 * RunForecastCalculations and ProcessingStatus. A run snapshots the account's data (products,
 * sales, bill of materials, purchase orders, suppliers, locations), so changes made while it
 * runs (or after) show only in the next run.
 */
import { buildPlanEntries, type PlanSnapshot } from '../order-plan';
import { forecastSlice } from '../forecast-run';
import { badRequestDetail } from '../http/problems';
import type { AccountState } from '../store/account-state';
import { bomsSlice } from '../store/boms-store';
import { locationsSlice } from '../store/locations-store';
import { productsSlice } from '../store/products-store';
import { purchaseOrdersSlice } from '../store/purchase-orders-store';
import { salesSlice } from '../store/sales-store';
import { suppliersSlice } from '../store/suppliers-store';
import { empty, json, withoutBody, type RouteModule } from './route';

function snapshot(account: AccountState, calculatedAt: string): PlanSnapshot {
  return {
    products: account.get(productsSlice).all(),
    sales: account.get(salesSlice).all(),
    boms: account.get(bomsSlice).all(),
    purchaseOrders: account.get(purchaseOrdersSlice).all(),
    suppliers: account.get(suppliersSlice).all().map((s) => ({
      supplierCode: s.supplierCode,
      supplierName: s.supplierName ?? null,
      defaultLeadTime: s.defaultLeadTime ?? null,
    })),
    locations: account.get(locationsSlice).all(),
    calculatedAt,
  };
}

export const forecastRoutes: RouteModule = {
  name: 'Forecast',
  routes: [
    {
      path: '/api/RunForecastCalculations',
      methods: {
        POST: withoutBody((ctx) => {
          const runner = ctx.account.get(forecastSlice);
          const now = ctx.now();
          if (runner.isRunning(now)) {
            throw badRequestDetail(
              'A forecast calculation is already running.',
              'Wait until GET /api/ProcessingStatus reports isProcessing false, then start the next one.',
            );
          }
          const duration = ctx.options.forecastDurationMs;
          const calculatedAt = new Date(now + duration).toISOString();
          const plan = buildPlanEntries(snapshot(ctx.account, calculatedAt));
          runner.start(now, duration, plan);
          return empty(201);
        }),
      },
    },
    {
      path: '/api/ProcessingStatus',
      methods: {
        GET: withoutBody((ctx) => json(200, ctx.account.get(forecastSlice).status(ctx.now()))),
      },
    },
  ],
};
