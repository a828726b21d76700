import { describe, expect, it } from 'vitest';
import { calculatedAtOf, toOrderPlanRow } from './order-plan-row';

describe('order-plan rows', () => {
  it('reads the figures, the location and the cost, and values the order', () => {
    const row = toOrderPlanRow({
      productCode: 'W-1',
      name: 'Widget',
      locationName: 'Main',
      orderQuantity: 216,
      skuCost: 2.35,
      daysUntilStockOut: 20,
      reorderPoint: 131.5448,
      isDiscontinued: false,
    });
    expect(row).toMatchObject({ productCode: 'W-1', locationName: 'Main', cost: 2.35, orderValue: 507.6, daysUntilStockOut: 20, isUncertain: false });
  });

  it('copes with nulls, missing values and the older skuCode', () => {
    const row = toOrderPlanRow({ skuCode: 'OLD', orderQuantity: null, skuCost: 3, isDiscontinued: null });
    expect(row).toMatchObject({ productCode: 'OLD', orderQuantity: null, orderValue: null, name: null, isDiscontinued: false });
  });

  it('takes the calculation time of the run', () => {
    expect(calculatedAtOf([{ calculatedDateTime: '2025-07-01T10:00:00' }, { calculatedDateTime: null }])).toBe('2025-07-01T10:00:00');
    expect(calculatedAtOf([])).toBeNull();
  });
});
