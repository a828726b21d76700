/**
 * The sandbox's forecast: plain textbook inventory formulas over the uploaded products and
 * sales, with no I/O and no clock, so the README's worked example can be checked by a test.
 * It is not StockTrim's algorithm (which is not public); it gives believable, explainable
 * numbers that move when the data moves.
 *
 * Per product:
 *   window          the HISTORY_DAYS days ending on the latest sale date in the account
 *   daily demand    units sold per calendar day in the window (days without sales count as 0),
 *                   plus, through the bill of materials, quantity × the daily demand of every
 *                   assembly that uses the product (see bom-demand.ts)
 *   rate            mean daily demand (or overriddenDemand / overriddenDemandPeriod when set)
 *   σ               population standard deviation of daily demand in the window
 *   z               inverseNormalCdf(serviceLevel)
 *   lead demand     rate × leadTime
 *   safety stock    z × σ × √leadTime
 *   reorder point   lead demand + safety stock
 *   review days     forecastPeriod when set (> 0), else orderFrequency
 *   period demand   rate × review days
 *   target          lead demand + period demand + safety stock
 *   on order        the product's stock on order plus its open purchase-order lines
 *   order quantity  max(0, target − (on hand + on order)); when positive raised to the minimum
 *                   order quantity, then rounded up to a multiple of the batch size; 0 when
 *                   discontinued or unstocked
 *   stock-out       floor(on hand / rate) days; null when rate is 0
 */
import type { ProductsRequest, SkuOptimizedResults } from '../lib/stocktrim/contract';
import { withComponentDemand, type ForecastBomLine } from './bom-demand';
import { dayNumber, dayToDateTime } from './dates';
import { inverseNormalCdf } from './inverse-normal';

export const HISTORY_DAYS = 120;
export const DEFAULT_SERVICE_LEVEL = 0.95;
export const DEFAULT_LEAD_TIME_DAYS = 30;
export const DEFAULT_ORDER_FREQUENCY_DAYS = 30;
/** Without a batch size orders are whole units. */
export const DEFAULT_BATCH_SIZE = 1;
/** Service levels are clamped into this range: below 0.5 would mean negative safety stock. */
export const SERVICE_LEVEL_RANGE = { min: 0.5, max: 0.9999 } as const;

export interface ForecastSale {
  readonly productId: string;
  readonly orderDate: string;
  readonly quantity: number;
}

/** Inclusive day numbers (days since 1970-01-01). */
export interface DemandWindow {
  readonly firstDay: number;
  readonly lastDay: number;
}

/** The HISTORY_DAYS days ending on the latest sale date of the whole account; null without sales. */
export function demandWindow(sales: readonly ForecastSale[]): DemandWindow | null {
  let lastDay = -Infinity;
  for (const sale of sales) lastDay = Math.max(lastDay, dayNumber(sale.orderDate));
  if (lastDay === -Infinity) return null;
  return { firstDay: lastDay - HISTORY_DAYS + 1, lastDay };
}

/** Units per day across the window, oldest day first; sales outside the window are left out. */
export function dailyDemand(sales: readonly ForecastSale[], window: DemandWindow | null): number[] {
  if (!window) return [];
  const days = new Array<number>(window.lastDay - window.firstDay + 1).fill(0);
  for (const sale of sales) {
    const index = dayNumber(sale.orderDate) - window.firstDay;
    if (index >= 0 && index < days.length) days[index] = (days[index] ?? 0) + sale.quantity;
  }
  return days;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Divides by n: the window is every day considered, not a sample of them. */
export function populationStandardDeviation(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const m = mean(values);
  const variance = values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length;
  return Math.sqrt(variance);
}

/** Rounds a positive quantity up to a multiple of the batch size, tolerating float noise. */
export function roundUpToBatch(quantity: number, batchSize: number): number {
  if (quantity <= 0) return 0;
  const batches = Math.ceil(quantity / batchSize - 1e-9);
  return Number((batches * batchSize).toFixed(6));
}

/** What the formulas need from a product, with defaults applied. */
export interface ForecastSettings {
  readonly serviceLevel: number;
  readonly leadTimeDays: number;
  readonly orderFrequencyDays: number;
  /** Days the order must cover after the lead time: forecastPeriod when set, else orderFrequency. */
  readonly reviewDays: number;
  readonly minimumOrderQuantity: number;
  readonly batchSize: number;
  readonly stockOnHand: number;
  readonly stockOnOrder: number;
  /** Demand rate to use instead of history (overriddenDemand / overriddenDemandPeriod). */
  readonly overriddenRate: number | null;
  /** Discontinued and unstocked products are never reordered. */
  readonly reorderable: boolean;
  /** Why a product value was not used as given. */
  readonly notes: readonly string[];
}

function positive(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && value > 0 ? value : null;
}

function sumOf(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

/** What the forecast knows about a product beyond the product itself. */
export interface ForecastContext {
  /** Units on open purchase orders, added to the product's stock on order. */
  readonly inboundOnOrder?: number;
  /** The default lead time of the product's supplier, used when the product sets none. */
  readonly supplierLeadTime?: number | null;
}

/** The supplier a product is bought from: supplierCode, else the first of its suppliers. */
export function primarySupplierCode(product: ProductsRequest): string | null {
  return product.supplierCode ?? product.suppliers?.[0]?.supplierId ?? null;
}

export function forecastSettings(product: ProductsRequest, context: ForecastContext = {}): ForecastSettings {
  const notes: string[] = [];
  const requestedLevel = product.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  const serviceLevel = Math.min(Math.max(requestedLevel, SERVICE_LEVEL_RANGE.min), SERVICE_LEVEL_RANGE.max);
  if (serviceLevel !== requestedLevel) {
    notes.push(`serviceLevel ${requestedLevel} is outside ${SERVICE_LEVEL_RANGE.min}–${SERVICE_LEVEL_RANGE.max}; used ${serviceLevel}.`);
  }
  const leadTimeDays = Math.max(0, product.leadTime ?? context.supplierLeadTime ?? DEFAULT_LEAD_TIME_DAYS);
  const orderFrequencyDays = Math.max(0, product.orderFrequency ?? DEFAULT_ORDER_FREQUENCY_DAYS);
  const locations = product.stockLocations ?? [];
  const overrideDemand = positive(product.overriddenDemand);
  const overridePeriod = positive(product.overriddenDemandPeriod);
  return {
    serviceLevel,
    leadTimeDays,
    orderFrequencyDays,
    reviewDays: positive(product.forecastPeriod) ?? orderFrequencyDays,
    minimumOrderQuantity: positive(product.minimumOrderQuantity) ?? 0,
    batchSize: positive(product.batchSize) ?? DEFAULT_BATCH_SIZE,
    // The product's own totals win; otherwise the per-location figures are added up.
    stockOnHand: product.stockOnHand ?? sumOf(locations.map((l) => l.stockOnHand)) ?? 0,
    stockOnOrder: (product.stockOnOrder ?? sumOf(locations.map((l) => l.stockOnOrder)) ?? 0) + (context.inboundOnOrder ?? 0),
    overriddenRate: overrideDemand !== null && overridePeriod !== null ? overrideDemand / overridePeriod : null,
    reorderable: !product.discontinued && !product.unstocked,
    notes,
  };
}

export interface ForecastFigures {
  /** Mean units per day over the window (history only). */
  readonly averageDailyDemand: number;
  /** The rate the plan uses: the override when set, else averageDailyDemand. */
  readonly dailyRate: number;
  readonly standardDeviation: number;
  readonly serviceFactor: number;
  readonly leadDemand: number;
  readonly periodDemand: number;
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly targetLevel: number;
  readonly stockPosition: number;
  /** target − position before the minimum order quantity and batch size are applied. */
  readonly shortfall: number;
  readonly orderQuantity: number;
  readonly daysUntilStockOut: number | null;
  /** Units sold in the last leadTime days of the window. */
  readonly ordersInPreviousLeadTime: number;
}

export function forecastFigures(daily: readonly number[], settings: ForecastSettings): ForecastFigures {
  const averageDailyDemand = mean(daily);
  const dailyRate = settings.overriddenRate ?? averageDailyDemand;
  const standardDeviation = populationStandardDeviation(daily);
  const serviceFactor = inverseNormalCdf(settings.serviceLevel);
  const leadDemand = dailyRate * settings.leadTimeDays;
  const periodDemand = dailyRate * settings.reviewDays;
  const safetyStock = serviceFactor * standardDeviation * Math.sqrt(settings.leadTimeDays);
  const reorderPoint = leadDemand + safetyStock;
  const targetLevel = leadDemand + periodDemand + safetyStock;
  const stockPosition = settings.stockOnHand + settings.stockOnOrder;
  const shortfall = Math.max(0, targetLevel - stockPosition);
  const orderQuantity =
    settings.reorderable && shortfall > 0
      ? roundUpToBatch(Math.max(shortfall, settings.minimumOrderQuantity), settings.batchSize)
      : 0;
  const daysUntilStockOut =
    dailyRate > 0 ? Math.max(0, Math.floor(settings.stockOnHand / dailyRate)) : null;
  const recent = daily.slice(Math.max(0, daily.length - settings.leadTimeDays));
  return {
    averageDailyDemand,
    dailyRate,
    standardDeviation,
    serviceFactor,
    leadDemand,
    periodDemand,
    safetyStock,
    reorderPoint,
    targetLevel,
    stockPosition,
    shortfall,
    orderQuantity,
    daysUntilStockOut,
    ordersInPreviousLeadTime: recent.reduce((a, b) => a + b, 0),
  };
}

/** Units still to arrive for a product (an open purchase-order line). */
export interface ForecastInbound {
  readonly productId: string;
  readonly quantity: number;
}

export interface OrderPlanInput {
  readonly products: readonly ProductsRequest[];
  readonly sales: readonly ForecastSale[];
  /** Stamped on every result as calculatedDateTime. */
  readonly calculatedAt: string;
  /** Bill-of-materials lines: components inherit their assemblies' demand. */
  readonly boms?: readonly ForecastBomLine[];
  /** Open purchase-order lines; only positive quantities count. */
  readonly inbound?: readonly ForecastInbound[];
  /** Suppliers' default lead times by supplier code. */
  readonly supplierLeadTimes?: ReadonlyMap<string, number>;
  /**
   * The demand window; defaults to the one `sales` gives. A plan over part of the sales (one
   * location) passes the whole account's window so both cover the same days.
   */
  readonly window?: DemandWindow | null;
}

/** The integer the result DTO wants for a quantity that may be fractional in the product. */
function wholeOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.ceil(value);
}

function singleLocationName(product: ProductsRequest): string | null {
  const locations = product.stockLocations ?? [];
  if (locations.length !== 1) return null;
  const only = locations[0];
  return only ? (only.locationName ?? only.locationCode) : null;
}

/** One result per product, in the order given. */
export function calculateOrderPlan(input: OrderPlanInput): SkuOptimizedResults[] {
  const window = input.window === undefined ? demandWindow(input.sales) : input.window;
  const salesByProduct = new Map<string, ForecastSale[]>();
  for (const sale of input.sales) {
    const list = salesByProduct.get(sale.productId);
    if (list) list.push(sale);
    else salesByProduct.set(sale.productId, [sale]);
  }
  const inbound = new Map<string, number>();
  for (const line of input.inbound ?? []) {
    if (line.quantity > 0) inbound.set(line.productId, (inbound.get(line.productId) ?? 0) + line.quantity);
  }

  const contexts = input.products.map((product): ForecastContext => {
    const supplier = primarySupplierCode(product);
    return {
      inboundOnOrder: inbound.get(product.productId) ?? 0,
      supplierLeadTime: supplier === null ? null : (input.supplierLeadTimes?.get(supplier) ?? null),
    };
  });
  const settingsList = input.products.map((product, i) => forecastSettings(product, contexts[i]));
  const overriddenRates = new Map<string, number>();
  input.products.forEach((product, i) => {
    const rate = settingsList[i]?.overriddenRate;
    if (rate !== null && rate !== undefined) overriddenRates.set(product.productId, rate);
  });
  const own = new Map(input.products.map((p) => [p.productId, dailyDemand(salesByProduct.get(p.productId) ?? [], window)]));
  const demand = withComponentDemand({ own, lines: input.boms ?? [], overriddenRates });

  return input.products.map((product, index): SkuOptimizedResults => {
    const sales = salesByProduct.get(product.productId) ?? [];
    const daily = demand.daily.get(product.productId) ?? [];
    const settings = settingsList[index] as ForecastSettings;
    const figures = forecastFigures(daily, settings);
    const cycle = demand.cycles.get(product.productId);
    const notes = cycle === undefined ? settings.notes : [...settings.notes, `The bill of materials link from '${cycle}' closes a cycle and was left out.`];
    const latestDay = sales.reduce((max, s) => Math.max(max, dayNumber(s.orderDate)), -Infinity);
    return {
      id: index + 1,
      locationId: null,
      calculatedDateTime: input.calculatedAt,
      productCode: product.productId,
      name: product.name ?? null,
      category: product.category ?? null,
      subCategory: product.subCategory ?? null,
      locationName: singleLocationName(product),
      leadDemand: figures.leadDemand,
      forecastPeriodDemand: figures.periodDemand,
      safetyStockLevel: figures.safetyStock,
      reorderPoint: figures.reorderPoint,
      orderQuantity: figures.orderQuantity,
      daysUntilStockOut: figures.daysUntilStockOut,
      stockOnHand: settings.stockOnHand,
      stockOnOrder: settings.stockOnOrder,
      leadTimeDays: settings.leadTimeDays,
      reorderFrequencyDays: settings.orderFrequencyDays,
      orderCount: sales.length,
      latestOrderDate: latestDay === -Infinity ? null : dayToDateTime(latestDay),
      ordersInPreviousLeadTime: figures.ordersInPreviousLeadTime,
      avgDailyOrdersLast120Days: figures.averageDailyDemand,
      standardDev: figures.standardDeviation,
      serviceFactor: figures.serviceFactor,
      serviceLevel: settings.serviceLevel,
      minimumOrderQuantity: wholeOrNull(product.minimumOrderQuantity),
      batchSize: wholeOrNull(product.batchSize),
      isUncertain: figures.averageDailyDemand === 0,
      isDiscontinued: product.discontinued ?? false,
      isUnstocked: product.unstocked ?? false,
      skuCost: product.cost ?? null,
      skuPrice: product.price ?? null,
      errorText: notes.length > 0 ? notes.join(' ') : null,
    };
  });
}
