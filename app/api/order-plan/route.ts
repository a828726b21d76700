import { NextResponse } from 'next/server';
import { z } from 'zod';
import type { OrderPlanRow } from '@/lib/forecast-types';
import { connectedRoute } from '@/lib/server/route-guard';
import { parseJsonBody } from '@/lib/server/route-response';
import { stockTrimClientFor } from '@/lib/server/stocktrim-for-session';

export const dynamic = 'force-dynamic';

const optionalText = z.string().trim().max(200).optional();
const filterSchema = z.strictObject({
  currentStatus: z.enum(['Current', 'Discontinued', 'All']).optional(),
  searchString: optionalText,
  category: optionalText,
  supplier: optionalText,
  location: optionalText,
});

interface SkuResultDto {
  productCode?: string | null;
  skuCode?: string | null;
  name?: string | null;
  category?: string | null;
  stockOnHand?: number | null;
  stockOnOrder?: number | null;
  leadDemand?: number | null;
  forecastPeriodDemand?: number | null;
  safetyStockLevel?: number | null;
  reorderPoint?: number | null;
  orderQuantity?: number | null;
  daysUntilStockOut?: number | null;
  leadTimeDays?: number | null;
  isDiscontinued?: boolean;
}

function toRow(dto: SkuResultDto): OrderPlanRow {
  return {
    productCode: dto.productCode ?? dto.skuCode ?? '',
    name: dto.name ?? null,
    category: dto.category ?? null,
    stockOnHand: dto.stockOnHand ?? null,
    stockOnOrder: dto.stockOnOrder ?? null,
    leadDemand: dto.leadDemand ?? null,
    forecastPeriodDemand: dto.forecastPeriodDemand ?? null,
    safetyStockLevel: dto.safetyStockLevel ?? null,
    reorderPoint: dto.reorderPoint ?? null,
    orderQuantity: dto.orderQuantity ?? null,
    daysUntilStockOut: dto.daysUntilStockOut ?? null,
    leadTimeDays: dto.leadTimeDays ?? null,
    isDiscontinued: dto.isDiscontinued === true,
  };
}

export const POST = connectedRoute(async (request, { credentials }) => {
  const body = await parseJsonBody(request, filterSchema, 8 * 1024);
  if (!body.ok) return body.response;
  const res = await stockTrimClientFor(credentials).request<{ results?: SkuResultDto[] | null }>('POST', '/OrderPlan', {
    body: body.data,
    idempotent: true,
  });
  return NextResponse.json({ results: (res.data?.results ?? []).map(toRow) });
});
