/**
 * The README's second worked example: demand flowing through a two-level bill of materials.
 * forecast.test.ts checks the figures with the pure functions (and that the README quotes
 * them), and forecast-datasets.test.ts loads the same data over HTTP.
 */
import type { BillOfMaterialsRequest, ProductsRequest, SalesOrderRequest } from '../lib/stocktrim/contract';

export const bomExampleProducts = [
  { productId: 'LAMP', name: 'Desk lamp', leadTime: 7 },
  { productId: 'SHADE', name: 'Lamp shade', leadTime: 14 },
  { productId: 'FABRIC', name: 'Shade fabric (m)', leadTime: 21 },
  { productId: 'BULB', name: 'Bulb', leadTime: 10, orderFrequency: 20, serviceLevel: 0.95, stockOnHand: 150, batchSize: 10 },
] as const satisfies readonly ProductsRequest[];

/** One lamp takes a shade and two bulbs; one shade takes half a metre of fabric. */
export const bomExampleLines = [
  { productId: 'LAMP', componentId: 'SHADE', quantity: 1 },
  { productId: 'LAMP', componentId: 'BULB', quantity: 2 },
  { productId: 'SHADE', componentId: 'FABRIC', quantity: 0.5 },
] as const satisfies readonly BillOfMaterialsRequest[];

/** Every fifth day from 7 March to 30 June 2025 (the first example's dates): 20 lamps and 6 spare bulbs. */
export const bomExampleSales: SalesOrderRequest[] = Array.from({ length: 24 }, (_, k) => {
  const day = `${new Date(Date.UTC(2025, 2, 7 + 5 * k)).toISOString().slice(0, 10)}T00:00:00`;
  return [
    { productId: 'LAMP', orderDate: day, quantity: 20, externalReferenceId: `BX-L-${k + 1}` },
    { productId: 'BULB', orderDate: day, quantity: 6, externalReferenceId: `BX-B-${k + 1}` },
  ];
}).flat();

/** The figures as written in sandbox/README.md. */
export const bomExampleFigures = {
  lampRate: 4,
  lampStandardDeviation: 8,
  shadeRate: 4,
  fabricRate: 2,
  fabricStandardDeviation: 4,
  bulbOwnRate: 1.2,
  /** 2 × 20 lamps + 6 bulbs on each sale day. */
  bulbUnitsPerSaleDay: 46,
  bulbRate: 9.2,
  bulbSumOfSquares: 50784,
  bulbVariance: 338.56,
  bulbStandardDeviation: 18.4,
  sqrtLeadTime: 3.162278,
  leadDemand: 92,
  safetyStock: 95.7073,
  reorderPoint: 187.7073,
  periodDemand: 184,
  targetLevel: 371.7073,
  shortfall: 221.7073,
  orderQuantity: 230,
  daysUntilStockOut: 16,
  ordersInPreviousLeadTime: 92,
} as const;
