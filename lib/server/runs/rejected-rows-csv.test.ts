import { describe, expect, it } from 'vitest';
import { salesOrdersDataset } from '@/lib/datasets/sales-orders';
import { rejectedRowsCsv } from './rejected-rows-csv';

describe('rejected rows CSV', () => {
  it('has the reason and the values under the field labels, with formulas made inert', () => {
    const csv = rejectedRowsCsv(salesOrdersDataset, [
      { rowNumber: 7, status: 'rejected', rejectedBy: 'stocktrim', attempts: 1, answer: 'StockTrim rejected this line: ProductId: unknown', retryable: false, values: { productId: '=HYPERLINK("x")', quantity: 3, externalReferenceId: 'r-1' } },
      { rowNumber: 9, status: 'rejected', rejectedBy: 'file', attempts: 0, answer: 'Quantity "-2" is below 0', retryable: false, values: { productId: 'A', quantity: '-2' } },
    ]);
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Row,Outcome,Reason,Attempts,Product code,Quantity');
    expect(lines[1]).toBe(`7,Rejected by StockTrim,StockTrim rejected this line: ProductId: unknown,1,"'=HYPERLINK(""x"")",3`);
    expect(lines[2]).toBe('9,Not sent: problem in the file,"Quantity ""-2"" is below 0",0,A,-2');
  });
});
