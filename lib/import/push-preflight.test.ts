import { describe, expect, it } from 'vitest';
import { ImportTable } from './import-table';
import { ImportSession } from './import-session';
import { SentDays } from './push-preflight';
import { DATASETS_DIR, DATASETS_MISSING, readBytes } from './test-support';
import { importDelimitedBytes } from './import-pipeline';
import type { PushPreflight } from './import-types';

const SALES = [
  ['Invoice', 'SKU', 'Date', 'Qty'],
  ['1', 'A', '2024-01-05', '2'],
  ['1', 'B', '2024-01-31', '1'],
  ['2', 'A', '2024-04-02', '3'],
  ['3', 'A', 'not a date', '1'],
  ['4', 'A', '2024-02-10', '-1'],
  ['5', 'C', '2023-12-30', '5'],
];

function consistent(p: PushPreflight, t: ImportTable): void {
  const v = t.validation();
  expect(p).toMatchObject({ read: v.total, valid: v.valid, withWarnings: v.withWarnings, withErrors: v.withErrors, skippedByYou: v.skippedByYou });
  expect(p.valid + p.withErrors + p.skippedByYou + p.skippedByRule).toBe(p.read);
}

describe('push preflight', () => {
  it('every month from the first to the last line sent, empty ones included; errors and skipped rows left out', () => {
    const t = ImportTable.fromRecords(SALES, 'sales-orders');
    const p = t.preflight();
    consistent(p, t);
    expect(p).toMatchObject({ read: 6, valid: 4, withErrors: 1, skippedByYou: 0, skippedByRule: 1 });
    expect(p.history).toEqual({
      fieldLabel: 'Order date',
      from: '2023-12-30',
      to: '2024-04-02',
      months: [
        { month: '2023-12', lines: 1 },
        { month: '2024-01', lines: 2 },
        { month: '2024-02', lines: 0 },
        { month: '2024-03', lines: 0 },
        { month: '2024-04', lines: 1 },
      ],
      undated: 0,
    });
    expect(p.history!.months.reduce((s, m) => s + m.lines, 0)).toBe(p.valid);
  });

  it('is kept until rows change, then follows the change', () => {
    const t = ImportTable.fromRecords(SALES, 'sales-orders');
    const first = t.preflight();
    expect(t.preflight()).toBe(first);
    t.setSkipped([5], true);
    const p = t.preflight();
    expect(p).not.toBe(first);
    expect(p.history!.from).toBe('2024-01-05');
    expect(p.skippedByYou).toBe(1);
    consistent(p, t);
    t.setCell(3, 'orderDate', '2024-06-01');
    expect(t.preflight().history!.months.map((m) => m.month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
  });

  it('kept up to date through edits, fills, deletes and undo: the same as a full pass over the rows', () => {
    const t = ImportTable.fromRecords(SALES, 'sales-orders');
    const fresh = () => {
      const copy = t.preflight();
      t.setReadingOptions({});
      return [copy, t.preflight()];
    };
    t.setCell(0, 'orderDate', '2024-03-15');
    t.replaceInColumn({ fieldKey: 'orderDate', find: '2024-04-02', replace: 'soon', wholeCell: true });
    t.deleteRows([1]);
    let [kept, full] = fresh();
    expect(kept).toEqual(full);
    expect(kept!.history!.months).toEqual([
      { month: '2023-12', lines: 1 },
      { month: '2024-01', lines: 0 },
      { month: '2024-02', lines: 0 },
      { month: '2024-03', lines: 1 },
    ]);
    t.undo();
    t.undo();
    [kept, full] = fresh();
    expect(kept).toEqual(full);
    expect(kept!.history!.to).toBe('2024-04-02');
  });

  it('no history for datasets without order dates, and none when nothing would be sent', () => {
    const products = ImportTable.fromRecords([['Product code', 'Name'], ['A', 'Alpha']], 'products');
    expect(products.preflight().history).toBeUndefined();
    expect(new SentDays().history('Order date')).toBeNull();
    const days = new SentDays();
    for (const v of [null, '2024-01-01T00:00:00', '2024-01-02T00:00:00']) days.add(v, 1);
    days.add('2024-01-02T00:00:00', -1);
    expect(days.history('Order date')).toMatchObject({ undated: 1, from: '2024-01-01', to: '2024-01-01', months: [{ month: '2024-01', lines: 1 }] });
  });

  it('counts days written in digits and anything else that looks like a day alike, in and out', () => {
    const values = ['2024-01-31T10:00:00', '0999-02-01T00:00:00', '2024-0x-01T00:00:00', '2024-01-31T23:59:59', '9999-12-31T00:00:00', 'abcd-ef-ghT', '2024-02-29', '2024-1-031', 12];
    const days = new SentDays();
    for (const v of values) days.add(v, 1);
    days.add('2024-01-31T10:00:00', -1);
    days.add('abcd-ef-ghT', -1);
    // Only days whose year and month read as numbers make months; the others are kept, not shown.
    expect(days.history('Order date')).toEqual({
      fieldLabel: 'Order date',
      from: '0999-02-01',
      to: '9999-12-31',
      undated: 2,
      months: expect.any(Array),
    });
    const months = days.history('Order date')!.months;
    expect(months[0]).toEqual({ month: '0999-02', lines: 1 });
    expect(months.filter((m) => m.lines > 0)).toEqual([
      { month: '0999-02', lines: 1 },
      { month: '2024-01', lines: 1 },
      { month: '2024-02', lines: 1 },
      { month: '9999-12', lines: 1 },
    ]);
  });

  it('the worker session answers preflight', async () => {
    const session = new ImportSession();
    const csv = SALES.map((r) => r.join(',')).join('\n');
    await session.handle('load', { file: new TextEncoder().encode(csv).buffer as ArrayBuffer, fileName: 'sales.csv', datasetId: 'sales-orders' });
    const p = await session.handle('preflight', undefined);
    expect(p.history?.months).toHaveLength(5);
  });
});

describe.skipIf(!DATASETS_DIR)(DATASETS_DIR ? 'preflight of Online Retail, first 20,000 lines' : `preflight — ${DATASETS_MISSING}`, () => {
  it('lines per month add up to the lines sent', () => {
    const t = importDelimitedBytes(readBytes(DATASETS_DIR!, 'online_retail_uci_first20k.csv'), { fileName: 'retail.csv', dataset: 'sales-orders' });
    const p = t.preflight();
    consistent(p, t);
    expect(p.history!.from).toBe('2010-12-01');
    expect(p.history!.months.reduce((s, m) => s + m.lines, 0)).toBe(p.valid);
    expect(p.history!.months[0]!.month).toBe('2010-12');
  });
});
