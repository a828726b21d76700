/** Order-plan rows for the unit tests. */
import type { OrderPlanRow } from '@/lib/forecast-types';

export function planRow(productCode: string, over: Partial<OrderPlanRow> = {}): OrderPlanRow {
  return {
    productCode,
    name: null,
    category: null,
    subCategory: null,
    locationName: null,
    stockOnHand: null,
    stockOnOrder: null,
    leadDemand: null,
    forecastPeriodDemand: null,
    safetyStockLevel: null,
    reorderPoint: null,
    orderQuantity: 0,
    daysUntilStockOut: null,
    leadTimeDays: null,
    minimumOrderQuantity: null,
    batchSize: null,
    cost: null,
    price: null,
    orderValue: null,
    isDiscontinued: false,
    isUnstocked: false,
    isUncertain: false,
    ...over,
  };
}
