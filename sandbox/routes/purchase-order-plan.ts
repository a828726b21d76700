/**
 * POST /api/V2/PurchaseOrders/OrderPlan: turns the last finished order plan into Draft purchase
 * orders, one per supplier, and stores them like any other order (so the next calculation
 * counts them as on order, and they can be read or deleted by their generated referenceNumber).
 * Nothing to order, or no finished calculation yet, answers 200 with [].
 */
import { orderPlanFilterCriteriaDtoSchema } from '../../lib/stocktrim/contract';
import { normalizeDateTime } from '../dates';
import { forecastSlice } from '../forecast-run';
import { proposePurchaseOrders } from '../purchase-order-proposals';
import { purchaseOrdersSlice, toPurchaseOrderResponse } from '../store/purchase-orders-store';
import { json, withBody, type RouteModule } from './route';

export const purchaseOrderPlanRoutes: RouteModule = {
  name: 'PurchaseOrdersOrderPlan',
  routes: [
    {
      path: '/api/V2/PurchaseOrders/OrderPlan',
      methods: {
        POST: withBody(orderPlanFilterCriteriaDtoSchema, (ctx, criteria) => {
          const proposals = proposePurchaseOrders(ctx.account.get(forecastSlice).plan(ctx.now()), criteria);
          const today = normalizeDateTime(new Date(ctx.now()).toISOString().slice(0, 19));
          const store = ctx.account.get(purchaseOrdersSlice);
          const orders = proposals.map((proposal) =>
            store.add({
              orderDate: today,
              createdDate: today,
              fullyReceivedDate: null,
              supplierCode: proposal.supplierCode,
              supplierName: proposal.supplierName,
              externalId: null,
              clientReferenceNumber: null,
              locationCode: null,
              locationName: null,
              status: 'Draft',
              lines: proposal.lines.map((line) => ({ ...line, receivedDate: null })),
            }),
          );
          return json(200, orders.map(toPurchaseOrderResponse));
        }),
      },
    },
  ],
};
