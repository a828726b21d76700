/** What the dashboard's forecast routes answer; the page reads only these shapes. */
export interface ForecastStatus {
  readonly isProcessing: boolean;
  readonly percentageComplete: number;
  readonly statusMessage: string | null;
}

export interface OrderPlanRow {
  readonly productCode: string;
  readonly name: string | null;
  readonly category: string | null;
  readonly subCategory: string | null;
  /** StockTrim fills this only when the product has exactly one stock location (or a location filter is applied). */
  readonly locationName: string | null;
  readonly stockOnHand: number | null;
  readonly stockOnOrder: number | null;
  readonly leadDemand: number | null;
  readonly forecastPeriodDemand: number | null;
  readonly safetyStockLevel: number | null;
  readonly reorderPoint: number | null;
  readonly orderQuantity: number | null;
  readonly daysUntilStockOut: number | null;
  readonly leadTimeDays: number | null;
  readonly minimumOrderQuantity: number | null;
  readonly batchSize: number | null;
  /** Unit cost (StockTrim's skuCost). */
  readonly cost: number | null;
  readonly price: number | null;
  /** orderQuantity × cost, null when either is unknown. */
  readonly orderValue: number | null;
  readonly isDiscontinued: boolean;
  readonly isUnstocked: boolean;
  /** No sales in StockTrim's window, so the demand figures are a guess. */
  readonly isUncertain: boolean;
}

export const orderPlanStatusValues = ['Current', 'Discontinued', 'All'] as const;
export type OrderPlanStatusFilter = (typeof orderPlanStatusValues)[number];

/** The filters the order-plan route passes to StockTrim's POST /OrderPlan. */
export interface OrderPlanFilters {
  readonly currentStatus?: OrderPlanStatusFilter;
  readonly searchString?: string;
  readonly category?: string;
  readonly supplier?: string;
  readonly location?: string;
}

export interface OrderPlanResponse {
  readonly results: OrderPlanRow[];
  /** When StockTrim finished the calculation these results come from; null before the first. */
  readonly calculatedAt: string | null;
}
