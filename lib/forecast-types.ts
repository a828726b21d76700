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
  readonly stockOnHand: number | null;
  readonly stockOnOrder: number | null;
  readonly leadDemand: number | null;
  readonly forecastPeriodDemand: number | null;
  readonly safetyStockLevel: number | null;
  readonly reorderPoint: number | null;
  readonly orderQuantity: number | null;
  readonly daysUntilStockOut: number | null;
  readonly leadTimeDays: number | null;
  readonly isDiscontinued: boolean;
}
