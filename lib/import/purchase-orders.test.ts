import { describe, expect, it } from 'vitest';
import { purchaseOrdersDataset } from '@/lib/datasets/purchase-orders';
import { foldRows } from '@/lib/server/push/fold-rows';
import { purchaseOrderBody } from '@/lib/server/push/push-purchase-orders';
import { purchaseOrderRequestSchema } from '@/lib/stocktrim/contract';
import { ImportTable } from './import-table';
import { groupByOrderKey, orderKeyOf } from './order-key';

const header = ['PO Number', 'Supplier', 'Order Date', 'Status', 'SKU', 'Qty', 'Unit Cost'];
const rows = [
  ['PO-1', 'ACME', '2024-03-01', 'approved', 'A', '10', '1.5'],
  ['PO-2', 'BOLTCO', '2024-03-02', '', 'B', '5', ''],
  ['PO-1', 'ACME', '2024-03-01', 'approved', 'B', '4', '2'],
  ['PO-1', 'ACME', '2024-03-01', 'approved', 'C', '1', '3'],
];

describe('purchase orders: rows grouped into orders with lines', () => {
  it('maps the usual headers and reads the status as one of StockTrim’s names', () => {
    const t = ImportTable.fromRecords([header, ...rows], 'purchase-orders');
    expect(t.getMapping()).toMatchObject({ clientReferenceNumber: 0, supplierCode: 1, orderDate: 2, status: 3, productId: 4, quantity: 5, unitPrice: 6 });
    expect(t.validation()).toMatchObject({ valid: 4, withErrors: 0 });
    expect(t.previewRow(0).cells.status).toEqual({ raw: 'approved', value: 'Approved', edited: false });
    t.setCell(1, 'status', 'shipped');
    expect(t.previewRow(1).problems[0]!.message).toBe('Row 3, column "Status": "shipped" is not one of Draft, Approved, Sent, Received.');
  });

  it('never splits an order across push batches, and counts the orders', () => {
    const t = ImportTable.fromRecords([header, ...rows], 'purchase-orders');
    const plan = t.planPush(2);
    expect(plan).toMatchObject({ rowsToSend: 4, orderCount: 2, orderNoun: 'purchase orders' });
    const batches = Array.from({ length: plan.batchCount }, (_, i) => t.getPushBatch(i).map((r) => r.rowNumber));
    // PO-1 has three lines: a batch of its own, bigger than asked, rather than split.
    expect(batches).toEqual([[2, 4, 5], [3]]);
  });

  it('folds an order’s rows into one request with a line per row', () => {
    const t = ImportTable.fromRecords([header, ...rows], 'purchase-orders');
    t.planPush();
    const groups = groupByOrderKey(purchaseOrdersDataset.orderKey!, t.getPushBatch(0));
    expect(groups.map((g) => g.key)).toEqual(['PO-1', 'PO-2']);
    const { record, conflicts, entryRows } = foldRows(purchaseOrdersDataset, groups[0]!.rows);
    expect(conflicts.size).toBe(0);
    expect(entryRows.purchaseOrderLineItems).toEqual([2, 4, 5]);
    const body = purchaseOrderBody(record, record.purchaseOrderLineItems as unknown[]);
    expect(body).toEqual({
      orderDate: '2024-03-01T00:00:00',
      clientReferenceNumber: 'PO-1',
      referenceNumber: 'PO-1',
      supplier: { supplierCode: 'ACME' },
      status: 'Approved',
      purchaseOrderLineItems: [
        { productId: 'A', quantity: 10, unitPrice: 1.5 },
        { productId: 'B', quantity: 4, unitPrice: 2 },
        { productId: 'C', quantity: 1, unitPrice: 3 },
      ],
    });
    expect(purchaseOrderRequestSchema.safeParse(body).success).toBe(true);
  });

  it('one reference under two suppliers is refused, not merged or overwritten', () => {
    const t = ImportTable.fromRecords([header, ...rows, ['PO-2', 'ACME', '2024-03-02', '', 'C', '1', '']], 'purchase-orders');
    t.planPush();
    const po2 = groupByOrderKey(purchaseOrdersDataset.orderKey!, t.getPushBatch(0)).find((g) => g.key === 'PO-2')!;
    expect([...foldRows(purchaseOrdersDataset, po2.rows).conflicts]).toEqual([
      [6, 'Row 6, Supplier code: "ACME" differs from row 3\'s "BOLTCO"; the rows of one purchase order must agree, so none of them is sent.'],
    ]);
  });

  it('the order key is the registry’s: the reference', () => {
    expect(orderKeyOf(purchaseOrdersDataset.orderKey!, { clientReferenceNumber: 'PO-9', supplierCode: 'X' })).toBe('PO-9');
  });
});
