/**
 * The README's worked example as data: one product and its sales history, and the figures the
 * forecast must produce. Both forecast.test.ts (pure) and the order-plan API test use it, so
 * the README, the formulas and the server cannot drift apart.
 */
import type { ProductsRequest, SalesOrderRequest } from '../lib/stocktrim/contract';

export const workedExampleProduct = {
  productId: 'WIDGET-1',
  name: 'Blue widget',
  category: 'Widgets',
  leadTime: 14,
  serviceLevel: 0.95,
  orderFrequency: 30,
  stockOnHand: 100,
  stockOnOrder: 40,
  minimumOrderQuantity: 200,
  batchSize: 24,
} as const satisfies ProductsRequest;

/** 25 units every fifth day, 7 March to 30 June 2025: 24 sales, 600 units. */
export const workedExampleSales: SalesOrderRequest[] = Array.from({ length: 24 }, (_, k) => {
  const day = new Date(Date.UTC(2025, 2, 7 + 5 * k));
  return {
    productId: 'WIDGET-1',
    orderDate: `${day.toISOString().slice(0, 10)}T00:00:00`,
    quantity: 25,
    externalReferenceId: `WX-${k + 1}`,
  };
});

/** Every intermediate figure, as written in sandbox/README.md. */
export const workedExampleFigures = {
  windowFirstDay: '2025-03-03',
  windowLastDay: '2025-06-30',
  totalUnits: 600,
  averageDailyDemand: 5,
  sumOfSquares: 15000,
  variance: 100,
  standardDeviation: 10,
  serviceFactor: 1.644854,
  sqrtLeadTime: 3.741657,
  leadDemand: 70,
  safetyStock: 61.5448,
  reorderPoint: 131.5448,
  periodDemand: 150,
  targetLevel: 281.5448,
  stockPosition: 140,
  shortfall: 141.5448,
  afterMinimumOrderQuantity: 200,
  orderQuantity: 216,
  daysUntilStockOut: 20,
  ordersInPreviousLeadTime: 75,
  /** The same product without a minimum order quantity: 141.5448 rounded up to 6 × 24. */
  orderQuantityWithoutMinimum: 144,
} as const;
