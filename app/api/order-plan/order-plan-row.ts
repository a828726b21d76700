/**
 * StockTrim's SkuOptimizedResultsDto → the row the pages show. Read defensively: production
 * sends about seventy properties, some null that the document calls non-nullable.
 */
import type { OrderPlanRow } from '@/lib/forecast-types';

export interface SkuResultDto {
  productCode?: string | null;
  skuCode?: string | null;
  name?: string | null;
  category?: string | null;
  subCategory?: string | null;
  locationName?: string | null;
  calculatedDateTime?: string | null;
  stockOnHand?: number | null;
  stockOnOrder?: number | null;
  leadDemand?: number | null;
  forecastPeriodDemand?: number | null;
  safetyStockLevel?: number | null;
  reorderPoint?: number | null;
  orderQuantity?: number | null;
  daysUntilStockOut?: number | null;
  leadTimeDays?: number | null;
  minimumOrderQuantity?: number | null;
  batchSize?: number | null;
  skuCost?: number | null;
  skuPrice?: number | null;
  isDiscontinued?: boolean | null;
  isUnstocked?: boolean | null;
  isUncertain?: boolean | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function toOrderPlanRow(dto: SkuResultDto): OrderPlanRow {
  const orderQuantity = num(dto.orderQuantity);
  const cost = num(dto.skuCost);
  return {
    productCode: text(dto.productCode) ?? text(dto.skuCode) ?? '',
    name: text(dto.name),
    category: text(dto.category),
    subCategory: text(dto.subCategory),
    locationName: text(dto.locationName),
    stockOnHand: num(dto.stockOnHand),
    stockOnOrder: num(dto.stockOnOrder),
    leadDemand: num(dto.leadDemand),
    forecastPeriodDemand: num(dto.forecastPeriodDemand),
    safetyStockLevel: num(dto.safetyStockLevel),
    reorderPoint: num(dto.reorderPoint),
    orderQuantity,
    daysUntilStockOut: num(dto.daysUntilStockOut),
    leadTimeDays: num(dto.leadTimeDays),
    minimumOrderQuantity: num(dto.minimumOrderQuantity),
    batchSize: num(dto.batchSize),
    cost,
    price: num(dto.skuPrice),
    // Rounded to cents so totals of many rows do not show float noise (0.30000000000000004).
    orderValue: orderQuantity !== null && cost !== null ? Math.round(orderQuantity * cost * 100) / 100 : null,
    isDiscontinued: dto.isDiscontinued === true,
    isUnstocked: dto.isUnstocked === true,
    isUncertain: dto.isUncertain === true,
  };
}

/** The latest calculation time among the results (all rows of one run share it). */
export function calculatedAtOf(results: readonly SkuResultDto[]): string | null {
  let latest: string | null = null;
  for (const r of results) {
    const at = text(r.calculatedDateTime);
    if (at !== null && (latest === null || at > latest)) latest = at;
  }
  return latest;
}
