/**
 * The table decides how to read the file from its first rows and gathers the rest of the
 * evidence during validation; when the rest of the file decides otherwise, every row must
 * end up read under the whole file's decisions, exactly as a separate pass would.
 */
import { describe, expect, it } from 'vitest';
import { ImportTable } from './import-table';
import { decideReadings } from './import-decisions';

const HEADER = ['Order No', 'SKU', 'Qty', 'Order Date', 'Unit Price', 'Customer ID'];

function sales(rows: number, row: (i: number) => string[]): ImportTable {
  const records = [HEADER];
  for (let i = 0; i < rows; i++) records.push(row(i));
  return ImportTable.fromRecords(records, 'sales-orders');
}

describe('reading decisions made during the validation pass', () => {
  it('reads early ambiguous dates day-first when only a late row proves it', () => {
    const t = sales(70_000, (i) => [`SO${i}`, 'A-1', '2', i < 69_990 ? '01/02/2024' : '13/02/2024', '1.50', 'C1']);
    const date = t.decisions().dateColumns[0]!;
    expect(date.order).toBe('dmy');
    expect(date.status).toBe('proven');
    expect(t.validation().withErrors).toBe(0);
    expect(t.getRows({ offset: 0, limit: 1 }).rows[0]!.cells.orderDate!.value).toBe('2024-02-01T00:00:00');
  });

  it('treats NULL as empty everywhere when the first NULL comes late', () => {
    const t = sales(70_000, (i) => [`SO${i}`, 'A-1', '2', '2024-02-01', i === 69_000 ? 'NULL' : '1.50', i < 69_000 ? '' : 'NULL']);
    expect(t.decisions().nullAsBlank).toBe(true);
    expect(t.decisions().nullCellsSeen).toBe(1001);
    expect(t.validation().withErrors).toBe(0);
    expect(t.getRows({ offset: 69_500, limit: 1 }).rows[0]!.cells.customerCode!.value).toBe(null);
  });

  it('gives the decisions a separate pass over every row gives', () => {
    const t = sales(80_000, (i) => [`SO${i >> 3}`, i % 5 === 0 ? `${i}.0` : 'B-2', String(i % 9), i < 70_000 ? '03/04/2023 10:00' : '03/14/2023 10:00', i > 75_000 ? '2.500' : '2.5', `${i % 100}.0`]);
    const store = (t as unknown as { store: { read(i: number, out: string[]): number } }).store;
    const whole = decideReadings({
      dataset: t.dataset,
      mapping: t.getMapping(),
      columns: t.summary().columns,
      rows: { rowCount: t.rowCount, read: (r, out) => store.read(r + 1, out) },
    });
    expect(t.summary().decisions).toMatchObject(whole.decisions);
  });
});
