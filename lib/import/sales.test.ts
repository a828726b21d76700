import { describe, expect, it } from 'vitest';
import { assignLineReferences, fnv1a32, formatLineReference, hash64Hex, MAX_REFERENCE_LENGTH, type SalesLineIdentity } from './sales-line-reference';
import { groupPushRowsIntoOrders, orderGroupKey, planOrderBatches, splitDuplicateReferences } from './sales-order-grouping';
import { importDelimitedBytes } from './import-pipeline';
import { buildRowSchema } from './row-schema';
import { salesOrdersDataset } from '@/lib/datasets/sales-orders';
import { DATASETS_DIR, DATASETS_MISSING, headBytes, readBytes } from './test-support';
import type { PushRow } from './import-types';

const line = (o: string | null, p: string, extra: Partial<SalesLineIdentity> = {}): SalesLineIdentity => ({
  orderNumber: o,
  productId: p,
  orderDate: '2024-01-08T00:00:00',
  quantity: 1,
  unitPrice: 2.5,
  customerCode: 'C1',
  locationCode: null,
  ...extra,
});

describe('FNV-1a', () => {
  it('matches the published 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(hash64Hex('foobar')).toMatch(/^bf9cf968[0-9a-f]{8}$/);
  });
});

describe('line references', () => {
  it('with an order number: order-product-day-location-customer-occurrence, readable', () => {
    const refs = assignLineReferences([line('536365', '85123A'), line('536365', '71053'), line('536365', '85123A'), line('536366', '85123A')]);
    expect(refs).toEqual(['536365-85123A-20240108--C1-1', '536365-71053-20240108--C1-1', '536365-85123A-20240108--C1-2', '536366-85123A-20240108--C1-1']);
  });

  it('a reused order number at another store or on another day is another line (storeA.csv then storeB.csv)', () => {
    const a = line('1001', '71053', { orderDate: '2011-08-01T00:00:00', locationCode: 'STORE-A', customerCode: null });
    const b = line('1001', '71053', { orderDate: '2011-09-15T00:00:00', locationCode: 'STORE-B', customerCode: null });
    const sameDayOtherStore = line('1001', '71053', { orderDate: '2011-08-01T00:00:00', locationCode: 'STORE-B', customerCode: null });
    const otherCustomer = line('1001', '71053', { orderDate: '2011-08-01T00:00:00', locationCode: 'STORE-A', customerCode: 'C9' });
    const refs = [assignLineReferences([a])[0], assignLineReferences([b])[0], assignLineReferences([sameDayOtherStore])[0], assignLineReferences([otherCustomer])[0]];
    expect(refs[0]).toBe('1001/71053/20110801/STORE-A//1');
    expect(new Set(refs).size).toBe(4);
    // The same file pushed twice: the same reference; a later time on the same day: the same line.
    expect(assignLineReferences([a])[0]).toBe(refs[0]);
    expect(assignLineReferences([{ ...a, orderDate: '2011-08-01T14:00:00' }])[0]).toBe(refs[0]);
    // Long parts are hashed, still unique and short.
    const long = (loc: string) => assignLineReferences([line('1001', '71053', { locationCode: loc.repeat(90) })])[0]!;
    expect(long('A').length).toBeLessThanOrEqual(MAX_REFERENCE_LENGTH);
    expect(long('A')).not.toBe(long('B'));
  });

  it('the store files pushed through the table carry different references and form different orders', () => {
    const push = (csv: string) => {
      const t = importDelimitedBytes(new TextEncoder().encode(csv), { fileName: 'store.csv', dataset: 'sales-orders' });
      t.planPush();
      return t.getPushBatch(0);
    };
    const header = 'orderNumber,productId,orderDate,quantity,locationCode\n';
    const a = push(header + '1001,71053,2011-08-01,5,STORE-A\n');
    const b = push(header + '1001,71053,2011-09-15,2,STORE-B\n');
    expect(a[0]!.values.externalReferenceId).not.toBe(b[0]!.values.externalReferenceId);
    expect(push(header + '1001,71053,2011-08-01,5,STORE-A\n')[0]!.values.externalReferenceId).toBe(a[0]!.values.externalReferenceId);
    const both = push(header + '1001,71053,2011-08-01,5,STORE-A\n1001,71053,2011-08-01,2,STORE-B\n');
    expect(new Set(both.map((r) => r.values.externalReferenceId)).size).toBe(2);
    expect(groupPushRowsIntoOrders(both).map((g) => g.order.locationCode)).toEqual(['STORE-A', 'STORE-B']);
  });

  it('are unaffected by other orders and by the order of orders in the file', () => {
    const a = assignLineReferences([line('1', 'X'), line('2', 'Y'), line('1', 'X')]);
    const b = assignLineReferences([line('2', 'Y'), line('1', 'X'), line('1', 'X')]);
    expect(a[0]).toBe(b[1]);
    expect(a[2]).toBe(b[2]);
    expect(a[1]).toBe(b[0]);
  });

  it('stay unique when hyphens in codes could line up', () => {
    const lines = [line('A', 'B-C'), line('A-B', 'C'), line('A', 'B'), line('A-B', 'C-1'), line('A', 'B-C-1'), line('A-/:|', 'x')];
    const refs = assignLineReferences(lines);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs[1]).toBe('A-B/C/20240108//C1/1');
  });

  it('are at most 100 characters, and still unique when long', () => {
    const long = 'O'.repeat(120);
    const refs = assignLineReferences([line(long, 'P1'), line(long, 'P2'), line(long, 'P1')]);
    for (const r of refs) expect(r.length).toBeLessThanOrEqual(MAX_REFERENCE_LENGTH);
    expect(new Set(refs).size).toBe(3);
  });

  it('without an order number: content hash plus occurrence among identical lines', () => {
    const refs = assignLineReferences([line(null, 'X'), line(null, 'X'), line(null, 'X', { quantity: 2 }), line(null, 'Y')]);
    expect(refs[0]).toMatch(/^line-[0-9a-f]{16}-1$/);
    expect(refs[1]).toBe(refs[0]!.replace(/-1$/, '-2'));
    expect(new Set(refs).size).toBe(4);
    // Same content gives the same reference in another file.
    expect(formatLineReference(line(null, 'Y'), 1)).toBe(refs[3]);
  });
});

describe('grouping', () => {
  const row = (rowNumber: number, values: PushRow['values']): PushRow => ({ rowNumber, values });

  it('groups by order number, keeps rows per order, never sends orderNumber', () => {
    const rows = [
      row(2, { orderNumber: 'A', productId: 'P1', orderDate: '2024-01-08T10:00:00', quantity: 1, customerCode: 'C1', externalReferenceId: 'A-P1-1' }),
      row(3, { orderNumber: 'B', productId: 'P1', orderDate: '2024-01-09T00:00:00', quantity: 2, externalReferenceId: 'B-P1-1' }),
      row(4, { orderNumber: 'A', productId: 'P2', orderDate: '2024-01-08T10:00:00', quantity: 3, unitPrice: 1.5, customerCode: 'C1', externalReferenceId: 'A-P2-1' }),
    ];
    const groups = groupPushRowsIntoOrders(rows);
    expect(groups.map((g) => g.rowNumbers)).toEqual([[2, 4], [3]]);
    expect(groups[0]!.order).toEqual({
      orderDate: '2024-01-08T10:00:00',
      customerCode: 'C1',
      saleOrderLineItems: [
        { productId: 'P1', externalReferenceId: 'A-P1-1', orderDate: '2024-01-08T10:00:00', quantity: 1, customerCode: 'C1' },
        { productId: 'P2', externalReferenceId: 'A-P2-1', orderDate: '2024-01-08T10:00:00', quantity: 3, unitPrice: 1.5, customerCode: 'C1' },
      ],
    });
    expect(JSON.stringify(groups).includes('orderNumber')).toBe(false);
  });

  it('without order numbers groups by date + customer + location, and never merges different ones', () => {
    const base = { productId: 'P', quantity: 1, externalReferenceId: 'r' };
    const groups = groupPushRowsIntoOrders([
      row(2, { ...base, orderDate: '2024-01-08T00:00:00', customerCode: 'C1' }),
      row(3, { ...base, orderDate: '2024-01-08T00:00:00', customerCode: 'C2' }),
      row(4, { ...base, orderDate: '2024-01-08T00:00:00', customerCode: 'C1' }),
      row(5, { ...base, orderDate: '2024-01-08T00:00:00', customerCode: 'C1', locationCode: 'L2' }),
    ]);
    expect(groups.map((g) => g.rowNumbers)).toEqual([[2, 4], [3], [5]]);
    // An order number that looks like a composite key cannot collide with one.
    expect(orderGroupKey({ orderNumber: '@2024' })).not.toBe(orderGroupKey({ orderDate: '2024' }));
  });

  it('refuses a line without a reference', () => {
    expect(() => groupPushRowsIntoOrders([row(2, { productId: 'P', orderDate: '2024-01-08T00:00:00', quantity: 1 })])).toThrow(/Row 2.*externalReferenceId/);
  });

  it('cuts batches at order boundaries, an order never split, big orders alone', () => {
    const keys = ['a', 'a', 'b', 'c', 'a', 'c', 'd', 'd', 'd', 'd', 'd', 'e'];
    const batches = planOrderBatches(keys, 4);
    expect(batches).toEqual([[0, 1, 4, 2], [3, 5], [6, 7, 8, 9, 10], [11]]);
    const seen = new Map<string, number>();
    batches.forEach((b, i) => b.forEach((l) => {
      const k = keys[l]!;
      if (seen.has(k)) expect(seen.get(k)).toBe(i);
      seen.set(k, i);
    }));
    expect(batches.flat().sort((x, y) => x - y)).toEqual(keys.map((_, i) => i));
  });
});

describe.skipIf(!DATASETS_DIR)(DATASETS_DIR ? 'online retail, first 2,000 lines' : `online retail — ${DATASETS_MISSING}`, () => {
  function pushAll() {
    const t = importDelimitedBytes(headBytes(DATASETS_DIR!, 'online_retail_uci_first20k.csv', 2000), { fileName: 'retail.csv', dataset: 'sales-orders' });
    const plan = t.planPush(500);
    const rows: PushRow[] = [];
    const batches: PushRow[][] = [];
    for (let i = 0; i < plan.batchCount; i++) {
      const b = t.getPushBatch(i);
      batches.push(b);
      rows.push(...b);
    }
    return { t, plan, rows, batches };
  }

  it('gives the same references when the same file is pushed twice', () => {
    const a = pushAll();
    const b = pushAll();
    expect(a.rows.map((r) => r.values.externalReferenceId)).toEqual(b.rows.map((r) => r.values.externalReferenceId));
  });

  it('references are unique per line and valid for the server schema', () => {
    const { rows, t } = pushAll();
    const refs = rows.map((r) => r.values.externalReferenceId as string);
    expect(new Set(refs).size).toBe(refs.length);
    const schema = buildRowSchema(salesOrdersDataset);
    for (const r of rows) expect(schema.safeParse(r.values).success).toBe(true);
    expect(t.validation().total).toBe(1999);
  });

  it('negative quantities (cancellations) are excluded by default: skipped with a count, never sent, never errors', () => {
    const { rows, t, plan } = pushAll();
    expect(rows.every((r) => (r.values.quantity as number) >= 0)).toBe(true);
    const v = t.validation();
    const returns = v.skipReasons!.find((r) => r.kind === 'returns')!;
    expect(returns.reason).toBe('returns and cancellations (negative quantity), not sent as sales');
    expect(returns.count).toBeGreaterThan(0);
    expect(t.decisions().returns).toEqual({ fieldLabel: 'Quantity', choice: 'exclude', source: 'default', lines: returns.count });
    const skipped = t.getRows({ offset: 0, limit: 5000, filter: 'skipped' }).rows;
    expect(skipped).toHaveLength(returns.count);
    for (const e of skipped) expect(Number(e.cells.quantity!.raw)).toBeLessThan(0);
    const sentRows = new Set(rows.map((r) => r.rowNumber));
    for (const e of skipped) expect(sentRows.has(e.rowNumber)).toBe(false);
    expect(v.valid + v.withErrors + v.skipped!).toBe(v.total);
    expect(plan.rowsToSend + plan.rowsWithErrors + plan.rowsSkipped!).toBe(v.total);
    expect(rows.length).toBe(plan.rowsToSend);
  });

  it('orders never mix: every order holds one invoice, and no invoice spans two batches', () => {
    const { batches } = pushAll();
    const batchOf = new Map<string, number>();
    batches.forEach((b, i) => {
      for (const g of groupPushRowsIntoOrders(b)) {
        const invoices = new Set(b.filter((r) => g.rowNumbers.includes(r.rowNumber)).map((r) => r.values.orderNumber));
        expect(invoices.size).toBe(1);
        const inv = [...invoices][0] as string;
        expect(batchOf.has(inv)).toBe(false);
        batchOf.set(inv, i);
        expect(g.order.saleOrderLineItems).toHaveLength(g.rowNumbers.length);
      }
    });
  });
});

describe.skipIf(!DATASETS_DIR)(DATASETS_DIR ? 'online retail, the whole first20k file' : `online retail — ${DATASETS_MISSING}`, () => {
  it('the worker never produces two rows with one reference, and the server would refuse none as duplicates', () => {
    const t = importDelimitedBytes(readBytes(DATASETS_DIR!, 'online_retail_uci_first20k.csv'), { fileName: 'retail.csv', dataset: 'sales-orders' });
    const plan = t.planPush();
    const rows: PushRow[] = [];
    for (let i = 0; i < plan.batchCount; i++) rows.push(...t.getPushBatch(i));
    expect(rows.length).toBe(plan.rowsToSend);
    expect(rows.length).toBeGreaterThan(15_000);
    const refs = rows.map((r) => r.values.externalReferenceId as string);
    expect(new Set(refs).size).toBe(refs.length);
    for (const r of refs) expect(r.length).toBeLessThanOrEqual(MAX_REFERENCE_LENGTH);
    expect(splitDuplicateReferences(rows).duplicates).toEqual([]);
  });
});

describe('duplicate references in one batch', () => {
  it('every row after the first with a used reference is refused, naming both rows', () => {
    const r = (rowNumber: number, ref: string): PushRow => ({ rowNumber, values: { productId: 'P', orderDate: '2024-01-08T00:00:00', quantity: 1, externalReferenceId: ref } });
    const { unique, duplicates } = splitDuplicateReferences([r(2, 'a'), r(3, 'b'), r(4, 'a'), r(5, 'a')]);
    expect(unique.map((x) => x.rowNumber)).toEqual([2, 3]);
    expect(duplicates.map((d) => d.rowNumber)).toEqual([4, 5]);
    expect(duplicates[0]!.message).toMatch(/Row 4 .*"a" as row 2/);
  });
});
