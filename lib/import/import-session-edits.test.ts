import { describe, expect, it } from 'vitest';
import { createImportWorkerClient } from './import-worker-client';
import { inProcessWorker } from './in-process-worker';
import type { ValidationSummary } from './import-types';

const csv = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;

function balanced(v: ValidationSummary): ValidationSummary {
  expect(v.valid + v.withErrors + (v.skipped ?? 0)).toBe(v.total);
  return v;
}

const FILE = 'sku;name;stock;supplier\nA;a;1;\nB;b;x;WH1\nC;c;1;\nA;d;1;wh1\n';

describe('bulk edits and undo through the worker client', () => {
  it('fill, replace (dry run first), delete, undo and redo answer with counts, messages and history', async () => {
    const client = createImportWorkerClient({ worker: inProcessWorker() });
    const loaded = await client.load(csv(FILE), 'products');
    expect(balanced(loaded.validation)).toMatchObject({ total: 4, valid: 2, withErrors: 2 });
    expect(await client.getHistory()).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });

    const fill = await client.fillEmpty({ fieldKey: 'supplierCode', value: 'WH-1' });
    expect(fill).toMatchObject({ changedCells: 2, message: 'Filled 2 empty "Supplier code" cells with "WH-1".', history: { undoLabel: 'Undo fill of 2 empty Supplier code cells' } });
    balanced(fill.summary);

    const dry = await client.replaceInColumn({ fieldKey: 'supplierCode', find: 'wh1', replace: 'WH-1', dryRun: true });
    expect(dry).toMatchObject({ changedCells: 2, history: { undoLabel: 'Undo fill of 2 empty Supplier code cells' } });
    const replaced = await client.replaceInColumn({ fieldKey: 'supplierCode', find: 'wh1', replace: 'WH-1' });
    expect(replaced.message).toBe('Replaced "wh1" with "WH-1" in 2 "Supplier code" cells.');
    const rows = (await client.getRows({ offset: 0, limit: 10 })).rows;
    expect(rows.map((r) => r.cells.supplierCode!.raw)).toEqual(['WH-1', 'WH-1', 'WH-1', 'WH-1']);
    await expect(client.replaceInColumn({ fieldKey: 'supplierCode', find: '', replace: 'x' })).rejects.toThrow(/Type the text to find in "Supplier code"/);

    // Deleting the first A lets the second through.
    const del = await client.deleteRows([0]);
    expect(del.message).toBe('Deleted 1 row (not sent; Undo brings it back).');
    expect(balanced(del.summary)).toMatchObject({ valid: 2, withErrors: 1, skippedByYou: 1 });

    const undo = await client.undo();
    expect(undo.message).toBe('Undid delete of 1 row.');
    expect(balanced(undo.summary)).toMatchObject({ valid: 2, withErrors: 2, skipped: 0 });
    await client.undo();
    await client.undo();
    const state = await client.getHistory();
    expect(state).toEqual({ canUndo: false, canRedo: true, undoLabel: null, redoLabel: 'Redo fill of 2 empty Supplier code cells' });
    expect(balanced((await client.getState()).validation)).toMatchObject({ edited: 0 });
    const redo = await client.redo();
    expect(redo).toMatchObject({ changedCells: 2, message: 'Redid fill of 2 empty Supplier code cells.' });

    const cell = await client.setCell(1, 'stockOnHand', '2');
    expect(cell.history).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'Undo edit of Stock on hand in row 3' });
    expect(balanced(cell.summary)).toMatchObject({ withErrors: 1 });
  });

  it('push-outcome marks: the rejected filter, the count, and an edit clears a mark', async () => {
    const client = createImportWorkerClient({ worker: inProcessWorker() });
    await client.load(csv(FILE), 'products');
    const marked = await client.markPushOutcome({ rejected: [{ rowNumber: 2, message: 'Product code is in use by a bundle' }] });
    expect(balanced(marked)).toMatchObject({ rejectedByStockTrim: 1, valid: 2, withErrors: 2 });
    const page = await client.getRows({ offset: 0, limit: 10, filter: 'rejected' });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ rowNumber: 2, rejectedByStockTrim: 'Product code is in use by a bundle' });
    expect(page.rows[0]!.problems).toContainEqual({ field: '', severity: 'error', message: 'Row 2: StockTrim rejected this row: Product code is in use by a bundle.' });
    const edit = await client.setCell(0, 'name', 'Widget');
    expect(edit.row.rejectedByStockTrim).toBeUndefined();
    expect(edit.summary.rejectedByStockTrim).toBe(0);
    expect((await client.getRows({ offset: 0, limit: 10, filter: 'rejected' })).total).toBe(0);
  });

  it('mapping and reading changes keep the history; a re-read starts a new one', async () => {
    const client = createImportWorkerClient({ worker: inProcessWorker() });
    await client.load(csv(FILE), 'products');
    await client.fillEmpty({ fieldKey: 'supplierCode', value: 'WH-1' });
    const mapping = (await client.getState()).mapping;
    await client.setMapping({ ...mapping, name: null });
    await client.setOptions({ numberFormat: { decimal: ',' } });
    expect((await client.getHistory()).canUndo).toBe(true);
    const undone = await client.undo();
    expect(balanced(undone.summary)).toMatchObject({ edited: 0 });
    await client.redo();
    const reread = await client.setOptions({ delimiter: ',' });
    expect(reread.validation.edited).toBe(0);
    expect(await client.getHistory()).toMatchObject({ canUndo: false, canRedo: false });
    expect((await client.undo()).message).toBe('Nothing to undo.');
  });
});
