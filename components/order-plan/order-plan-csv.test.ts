import { describe, expect, it } from 'vitest';
import { orderPlanCsv, orderPlanCsvHeader, orderPlanCsvRows, orderPlanFileName } from './order-plan-csv';
import { planRow } from './order-plan-test-rows';

describe('order plan CSV', () => {
  const rows = [
    planRow('W-1', { name: 'Widget, blue', orderQuantity: 216, reorderPoint: 131.54481, cost: 2.5, orderValue: 540, daysUntilStockOut: 20, leadTimeDays: 14 }),
    planRow('=HYPERLINK("x")', { name: '+SUM(A1)', orderQuantity: 0, isDiscontinued: true }),
  ];

  it('has one row per plan row, numbers as numbers, rounded reorder points', () => {
    const [first] = orderPlanCsvRows(rows);
    expect(first).toHaveLength(orderPlanCsvHeader.length);
    expect(first?.[orderPlanCsvHeader.indexOf('Reorder point')]).toBe(131.54);
    expect(first?.[orderPlanCsvHeader.indexOf('Order value')]).toBe(540);
    expect(first?.[orderPlanCsvHeader.indexOf('Order now')]).toBe('yes');
  });

  it('neutralises formulas and quotes commas', () => {
    const text = orderPlanCsv(rows);
    // The byte-order mark tells Excel the file is UTF-8.
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(orderPlanCsvHeader.join(','));
    expect(lines[1]).toMatch(/^W-1,"Widget, blue",/);
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",'\+SUM\(A1\),/);
    expect(lines.at(-1)).toBe('');
  });

  it('names the file by the local date', () => {
    expect(orderPlanFileName(new Date(2025, 0, 5, 23, 30))).toBe('order-plan-2025-01-05.csv');
  });
});
