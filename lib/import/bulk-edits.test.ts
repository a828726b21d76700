import { describe, expect, it } from 'vitest';
import { ImportTable, INCREMENTAL_RECHECK_LIMIT } from './import-table';
import type { ValidationSummary } from './import-types';

const HEADER = ['sku', 'name', 'stock', 'supplier'];
const products = (rows: string[][], options?: Parameters<typeof ImportTable.fromRecords>[2]) => ImportTable.fromRecords([HEADER, ...rows], 'products', options);

/** The invariant every change keeps: each row ends sent, with errors, or skipped. */
function balanced(v: ValidationSummary): ValidationSummary {
  expect(v.valid + v.withErrors + (v.skipped ?? 0)).toBe(v.total);
  return v;
}

/** The table's incremental state equals what a full revalidation of the same edits gives. */
function expectConsistent(t: ImportTable): void {
  const before = balanced(t.validation());
  const rows = t.getRows({ offset: 0, limit: 10_000 }).rows.map((r) => [r.status, r.skipped, r.problems.map((p) => p.message)]);
  t.setReadingOptions({});
  expect(t.validation()).toEqual(before);
  expect(t.getRows({ offset: 0, limit: 10_000 }).rows.map((r) => [r.status, r.skipped, r.problems.map((p) => p.message)])).toEqual(rows);
}

const supplierOf = (t: ImportTable, r: number) => t.previewRow(r).cells.supplierCode!;

describe('fillEmpty', () => {
  it('fills only blank cells (after edits), with a message naming the column and the value', () => {
    const t = products([
      ['A', 'a', '1', ''],
      ['B', 'b', '1', '  '],
      ['C', 'c', '1', 'OTHER'],
      ['D', 'd', '1', 'ZED'],
    ]);
    t.setCell(3, 'supplierCode', '');
    const res = t.fillEmpty({ fieldKey: 'supplierCode', value: 'ACME' });
    expect(res.message).toBe('Filled 3 empty "Supplier code" cells with "ACME".');
    expect(res).toMatchObject({ changedRows: 3, changedCells: 3 });
    expect([0, 1, 2, 3].map((r) => supplierOf(t, r))).toEqual([
      { raw: 'ACME', value: 'ACME', edited: true },
      { raw: 'ACME', value: 'ACME', edited: true },
      { raw: 'OTHER', value: 'OTHER', edited: false },
      { raw: 'ACME', value: 'ACME', edited: true },
    ]);
    expect(balanced(res.summary)).toMatchObject({ total: 4, valid: 4, edited: 3 });
    expect(res.history).toMatchObject({ canUndo: true, undoLabel: 'Undo fill of 3 empty Supplier code cells', canRedo: false });
  });

  it('uses the grid label of the column, and can fill a field no column is mapped to', () => {
    const t = ImportTable.fromRecords([['sku', 'warehouse', 'on hand', 'on order'], ['A', '', '1', '0'], ['B', 'WH-2', '1', '0']], 'inventory');
    expect(t.fillEmpty({ fieldKey: 'locationCode', value: 'WH-1' }).message).toBe('Filled 1 empty "Location code" cell with "WH-1".');
    const named = t.fillEmpty({ fieldKey: 'locationName', value: 'Main' });
    expect(named.changedCells).toBe(2);
    expect(t.previewRow(1).cells.locationName).toEqual({ raw: 'Main', value: 'Main', edited: true });
  });

  it('fills only the given rows when rowIndices is set, and never rows the user skipped', () => {
    const t = products([
      ['A', 'a', '1', ''],
      ['B', 'b', '1', ''],
      ['C', 'c', '1', ''],
      ['D', 'd', '1', ''],
    ]);
    t.setSkipped([1], true);
    const some = t.fillEmpty({ fieldKey: 'supplierCode', value: 'X', rowIndices: [0, 1] });
    expect(some.message).toBe('Filled 1 empty "Supplier code" cell in the selected rows with "X".');
    expect(supplierOf(t, 1).edited).toBe(false);
    const rest = t.fillEmpty({ fieldKey: 'supplierCode', value: 'Y' });
    expect(rest.changedCells).toBe(2);
    expect([0, 1, 2, 3].map((r) => supplierOf(t, r).raw)).toEqual(['X', '', 'Y', 'Y']);
    balanced(rest.summary);
    expect(() => t.fillEmpty({ fieldKey: 'supplierCode', value: 'Z', rowIndices: [9] })).toThrow('There is no data row 9.');
  });

  it('a value read from a fallback column does not make the cell filled; continuation rows are left alone', () => {
    const t = ImportTable.fromRecords(
      [
        ['Variant SKU', 'Handle', 'Title'],
        ['', 'shirt', 'Shirt'],
        ['', 'shirt', ''],
        ['SKU-2', 'mug', 'Mug'],
      ],
      'products',
    );
    expect(t.previewRow(0).cells.productId!.fromFallback).toBeDefined();
    expect(t.previewRow(1).skipReason).toMatch(/image-only/);
    const res = t.fillEmpty({ fieldKey: 'productId', value: 'SHIRT-1' });
    expect(res.changedCells).toBe(1);
    expect(t.previewRow(0).cells.productId).toEqual({ raw: 'SHIRT-1', value: 'SHIRT-1', edited: true });
    expect(t.previewRow(1).skipped).toBe(true);
    balanced(res.summary);
  });

  it('explains a fill with nothing to do, an empty value and an unknown field', () => {
    const t = products([['A', 'a', '1', 'S']]);
    const none = t.fillEmpty({ fieldKey: 'supplierCode', value: 'X' });
    expect(none.message).toBe('No empty "Supplier code" cells to fill; rows you deleted or skipped are left as they are.');
    expect(none.history.canUndo).toBe(false);
    expect(() => t.fillEmpty({ fieldKey: 'supplierCode', value: '  ' })).toThrow(/Type the value to put into the empty "Supplier code" cells/);
    expect(() => t.fillEmpty({ fieldKey: 'nope', value: 'X' })).toThrow('Products has no field "nope".');
  });
});

describe('replaceInColumn', () => {
  const table = () =>
    products([
      ['A', 'a', '1', 'wh1'],
      ['B', 'b', '1', 'WH1'],
      ['C', 'c', '1', 'WH1 north, WH1 south'],
      ['D', 'd', '1', ' WH1 '],
      ['E', 'e', '1', 'X'],
    ]);

  it('substring: every occurrence, ignoring case unless asked', () => {
    const t = table();
    const res = t.replaceInColumn({ fieldKey: 'supplierCode', find: 'WH1', replace: 'WH-1' });
    expect(res.message).toBe('Replaced "WH1" with "WH-1" in 4 "Supplier code" cells (5 times).');
    expect([0, 1, 2, 3].map((r) => supplierOf(t, r).raw)).toEqual(['WH-1', 'WH-1', 'WH-1 north, WH-1 south', ' WH-1 ']);
    expect(res.history.undoLabel).toBe('Undo replace of "WH1" with "WH-1" in 4 Supplier code cells');
    balanced(res.summary);

    const cased = table();
    expect(cased.replaceInColumn({ fieldKey: 'supplierCode', find: 'WH1', replace: 'WH-1', matchCase: true }).changedCells).toBe(3);
    expect(supplierOf(cased, 0).raw).toBe('wh1');
  });

  it('whole cell: the trimmed text must be the search text', () => {
    const t = table();
    const res = t.replaceInColumn({ fieldKey: 'supplierCode', find: 'WH1', replace: 'WH-1', wholeCell: true, matchCase: true });
    expect(res.message).toBe('Changed 2 "Supplier code" cells from "WH1" to "WH-1".');
    expect([0, 1, 2, 3].map((r) => supplierOf(t, r).raw)).toEqual(['wh1', 'WH-1', 'WH1 north, WH1 south', 'WH-1']);
    const t2 = table();
    expect(t2.replaceInColumn({ fieldKey: 'supplierCode', find: 'wh1', replace: '', wholeCell: true }).message).toBe('Emptied 3 "Supplier code" cells that were "wh1".');
  });

  it('search text is literal, and $ in the replacement is written as typed', () => {
    const t = products([['A', 'a', '1', 'a.b (x)'], ['B', 'b', '1', 'aXb']]);
    const res = t.replaceInColumn({ fieldKey: 'supplierCode', find: '.b (x)', replace: '$&$1' });
    expect(res.changedCells).toBe(1);
    expect(supplierOf(t, 0).raw).toBe('a$&$1');
    expect(supplierOf(t, 1).raw).toBe('aXb');
  });

  it('replacing back to the file text removes the edit', () => {
    const t = table();
    t.replaceInColumn({ fieldKey: 'supplierCode', find: 'X', replace: 'Y' });
    expect(supplierOf(t, 4).edited).toBe(true);
    const back = t.replaceInColumn({ fieldKey: 'supplierCode', find: 'Y', replace: 'X' });
    expect(back.changedCells).toBe(1);
    expect(supplierOf(t, 4)).toEqual({ raw: 'X', value: 'X', edited: false });
    expect(back.summary.edited).toBe(0);
  });

  it('a dry run counts and changes nothing, nor records history', () => {
    const t = table();
    const dry = t.replaceInColumn({ fieldKey: 'supplierCode', find: 'wh1', replace: 'WH-1', dryRun: true });
    expect(dry).toMatchObject({ changedCells: 4, changedRows: 4, message: 'Would replace "wh1" with "WH-1" in 4 "Supplier code" cells (5 times).' });
    expect(dry.history.canUndo).toBe(false);
    expect(dry.summary.edited).toBe(0);
    expect(supplierOf(t, 1).raw).toBe('WH1');
    const whole = t.replaceInColumn({ fieldKey: 'supplierCode', find: 'WH1', replace: 'W', wholeCell: true, dryRun: true });
    expect(whole.message).toBe('3 "Supplier code" cells that are "WH1" would become "W".');
  });

  it('an empty search is refused with a message; no match says so; user-skipped rows are left alone', () => {
    const t = table();
    expect(() => t.replaceInColumn({ fieldKey: 'supplierCode', find: '', replace: 'x' })).toThrow('Type the text to find in "Supplier code"; an empty search would match every cell.');
    expect(() => t.replaceInColumn({ fieldKey: 'supplierCode', find: '  ', replace: 'x', wholeCell: true })).toThrow(/use Fill empty cells/);
    expect(t.replaceInColumn({ fieldKey: 'supplierCode', find: 'nothing', replace: 'x' }).message).toBe('No "Supplier code" cell contains "nothing", ignoring case, so nothing was replaced.');
    t.setSkipped([4], true);
    expect(t.replaceInColumn({ fieldKey: 'supplierCode', find: 'X', replace: 'Y', wholeCell: true }).changedCells).toBe(0);
  });
});

describe('deleteRows', () => {
  it('skips the rows by the user, counts add up, and Undo brings them back', () => {
    const t = products([
      ['A', 'a', '1', ''],
      ['B', 'b', 'bad', ''],
      ['C', 'c', '1', ''],
      ['D', 'd', '1', ''],
    ]);
    const res = t.deleteRows([1, 2, 3]);
    expect(res.message).toBe('Deleted 3 rows (not sent; Undo brings them back).');
    expect(res).toMatchObject({ changedRows: 3, changedCells: 0 });
    expect(balanced(res.summary)).toMatchObject({ total: 4, valid: 1, withErrors: 0, skipped: 3, skippedByYou: 3 });
    expect(t.previewRow(2)).toMatchObject({ skipped: true, skippedByYou: true });
    expect(t.planPush().rowsToSend).toBe(1);
    expect(t.deleteRows([0, 1]).message).toBe('Deleted 1 row (not sent; Undo brings it back). 1 selected row was already deleted or skipped.');
    expect(t.deleteRows([0]).message).toBe('Nothing to delete: the selected row is already deleted or skipped.');
    expect(t.undo().message).toBe('Undid delete of 1 row.');
    const back = t.undo();
    expect(back.message).toBe('Undid delete of 3 rows.');
    expect(balanced(back.summary)).toMatchObject({ valid: 3, withErrors: 1, skipped: 0 });
    expect(() => t.deleteRows([4])).toThrow('There is no data row 4.');
    expect(t.deleteRows([]).message).toBe('No rows are selected; select the rows to delete first.');
  });
});

describe('undo and redo', () => {
  const table = () =>
    products([
      ['A', 'a', '1', ''],
      ['B', 'b', 'x', 'S'],
      ['C', 'c', '1', ''],
    ]);

  it('setCell: returns the history; undo and redo restore the text and the counts', () => {
    const t = table();
    const edit = t.setCell(1, 'stockOnHand', '4');
    expect(edit.history).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Undo edit of Stock on hand in row 3', redoLabel: null });
    expect(edit.summary).toMatchObject({ valid: 3, withErrors: 0 });
    const undone = t.undo();
    expect(undone.message).toBe('Undid edit of Stock on hand in row 3.');
    expect(undone.history).toEqual({ canUndo: false, canRedo: true, undoLabel: null, redoLabel: 'Redo edit of Stock on hand in row 3' });
    expect(balanced(undone.summary)).toMatchObject({ valid: 2, withErrors: 1, edited: 0 });
    expect(t.previewRow(1).cells.stockOnHand).toMatchObject({ raw: 'x', edited: false });
    const redone = t.redo();
    expect(redone.message).toBe('Redid edit of Stock on hand in row 3.');
    expect(balanced(redone.summary)).toMatchObject({ valid: 3, withErrors: 0, edited: 1 });
    // A second edit of the same cell undoes back to the first edit, not to the file.
    t.setCell(1, 'stockOnHand', '5');
    t.undo();
    expect(t.previewRow(1).cells.stockOnHand).toMatchObject({ raw: '4', edited: true });
    expect(t.undo().history.canUndo).toBe(false);
    expect(t.undo().message).toBe('Nothing to undo.');
  });

  it('setSkipped both ways, fill, replace and delete each undo and redo', () => {
    const t = table();
    t.setSkipped([1], true);
    expect(t.getHistory().undoLabel).toBe('Undo skip of row 3');
    t.setSkipped([1], false);
    expect(t.getHistory().undoLabel).toBe('Undo bringing back row 3');
    expect(balanced(t.undo().summary)).toMatchObject({ skipped: 1, withErrors: 0 });
    expect(balanced(t.undo().summary)).toMatchObject({ skipped: 0, withErrors: 1 });
    expect(balanced(t.redo().summary)).toMatchObject({ skipped: 1 });
    expect(balanced(t.redo().summary)).toMatchObject({ skipped: 0 });

    t.fillEmpty({ fieldKey: 'supplierCode', value: 'ACME' });
    t.replaceInColumn({ fieldKey: 'supplierCode', find: 'ACME', replace: 'ACME Ltd' });
    t.deleteRows([0]);
    expect(t.getHistory().undoLabel).toBe('Undo delete of 1 row');
    t.undo();
    expect(t.previewRow(0).skipped).toBe(false);
    expect(t.getHistory().undoLabel).toBe('Undo replace of "ACME" with "ACME Ltd" in 2 Supplier code cells');
    t.undo();
    expect([0, 2].map((r) => supplierOf(t, r).raw)).toEqual(['ACME', 'ACME']);
    t.undo();
    expect([0, 2].map((r) => supplierOf(t, r))).toEqual([
      { raw: '', value: null, edited: false },
      { raw: '', value: null, edited: false },
    ]);
    expect(t.validation().edited).toBe(0);
    t.redo();
    t.redo();
    expect(supplierOf(t, 2).raw).toBe('ACME Ltd');
    const last = t.redo();
    expect(balanced(last.summary)).toMatchObject({ skippedByYou: 1, edited: 2 });
    expect(last.history).toMatchObject({ canRedo: false, undoLabel: 'Undo delete of 1 row' });
    expect(t.redo().message).toBe('Nothing to redo.');
    expectConsistent(t);
  });

  it('a new edit clears the redo stack', () => {
    const t = table();
    t.fillEmpty({ fieldKey: 'supplierCode', value: 'ACME' });
    t.undo();
    expect(t.getHistory().canRedo).toBe(true);
    const edit = t.setCell(0, 'name', 'renamed');
    expect(edit.history).toMatchObject({ canRedo: false, redoLabel: null, undoLabel: 'Undo edit of Name in row 2' });
  });

  it('the history survives a mapping change (edits are kept by field)', () => {
    const t = table();
    t.setCell(1, 'stockOnHand', '4');
    t.setMapping({ ...t.getMapping(), supplierCode: null });
    expect(t.getHistory().canUndo).toBe(true);
    expect(balanced(t.undo().summary)).toMatchObject({ withErrors: 1 });
  });
});

describe('duplicates of the unique key after bulk edits', () => {
  it('a fill that creates duplicates and its undo are rechecked', () => {
    const t = products([
      ['A', 'a', '1', ''],
      ['', 'b', '1', ''],
      ['B', 'c', '1', ''],
      ['', 'd', '1', ''],
    ]);
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 2 });
    const res = t.fillEmpty({ fieldKey: 'productId', value: 'A' });
    expect(balanced(res.summary)).toMatchObject({ valid: 2, withErrors: 2 });
    expect(t.previewRow(1).problems[0]!.message).toMatch(/^Row 3: repeats Product code "A" from row 2/);
    expect(t.previewRow(3).problems[0]!.message).toMatch(/^Row 5: repeats Product code "A" from row 2/);
    expectConsistent(t);
    t.undo();
    expect(t.previewRow(1).problems[0]!.message).toMatch(/Product code/);
    expect(t.previewRow(1).problems[0]!.message).not.toMatch(/repeats/);
    expectConsistent(t);
  });

  it('a replace that removes duplicates, and one that creates them, with keep-last', () => {
    const rows = [
      ['A-1', 'a', '1', ''],
      ['A-2', 'b', '1', ''],
      ['B-1', 'c', '1', ''],
      ['B-2', 'd', '1', ''],
      ['A', 'e', '1', ''],
    ];
    const t = products(rows);
    t.replaceInColumn({ fieldKey: 'productId', find: '-2', replace: '-1' });
    expect(t.validation()).toMatchObject({ valid: 3, withErrors: 2 });
    expectConsistent(t);
    t.replaceInColumn({ fieldKey: 'productId', find: '-1', replace: '' });
    // A, A, B, B, A: rows 3, 5 and 6 repeat an earlier code.
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 3 });
    expectConsistent(t);
    t.undo();
    t.undo();
    expect(t.validation()).toMatchObject({ valid: 5, withErrors: 0 });
    expectConsistent(t);

    const last = products(rows, { options: { duplicates: 'last' } });
    last.replaceInColumn({ fieldKey: 'productId', find: '-1', replace: '', matchCase: true });
    // A, A-2, B, B-2, A: the first A is left out in favour of the last.
    expect(balanced(last.validation())).toMatchObject({ valid: 4, withErrors: 0, skipped: 1 });
    expect(last.previewRow(0).skipReason).toBe('duplicate of row 6 (keeping the last)');
    expectConsistent(last);
    last.undo();
    expect(last.validation()).toMatchObject({ valid: 5, skipped: 0 });
    expectConsistent(last);
  });

  it('deleting and bringing back the first of a duplicate moves the error', () => {
    const t = products([
      ['A', 'a', '1', ''],
      ['A', 'b', '1', ''],
      ['A', 'c', '1', ''],
    ]);
    t.deleteRows([0]);
    expect(t.validation()).toMatchObject({ valid: 1, withErrors: 1, skipped: 1 });
    expect(t.previewRow(2).problems[0]!.message).toMatch(/from row 3/);
    t.undo();
    expect(t.validation()).toMatchObject({ valid: 1, withErrors: 2, skipped: 0 });
    expectConsistent(t);
  });

  it(`over ${INCREMENTAL_RECHECK_LIMIT} rows a single full pass gives the same duplicates as the row-by-row path`, () => {
    // Half the rows get the same code: more than the limit share it, so even one cell's change
    // touches more rows than the limit.
    const n = 2 * INCREMENTAL_RECHECK_LIMIT + 1000;
    const t = products(Array.from({ length: n }, (_, i) => [i % 2 === 0 ? '' : `P${i}`, 'n', '1', '']));
    const res = t.fillEmpty({ fieldKey: 'productId', value: 'SAME' });
    expect(res.changedCells).toBe(n / 2);
    expect(balanced(res.summary)).toMatchObject({ valid: n / 2 + 1, withErrors: n / 2 - 1 });
    expectConsistent(t);
    // One cell back: few rows, but its key is shared by over the limit of rows.
    t.setCell(0, 'productId', 'UNIQUE');
    expect(t.validation()).toMatchObject({ valid: n / 2 + 2, withErrors: n / 2 - 2 });
    expectConsistent(t);
    t.undo();
    t.undo();
    expect(balanced(t.validation())).toMatchObject({ valid: n / 2, withErrors: n / 2, edited: 0 });
    expectConsistent(t);
  });
});

describe('markPushOutcome', () => {
  it('marks rejected rows for the grid and the filter without changing the file counts; an edit clears the mark', () => {
    const t = products([
      ['A', 'a', '1', ''],
      ['B', 'b', '1', ''],
      ['C', 'c', 'x', ''],
    ]);
    const before = t.validation();
    const marked = t.markPushOutcome({ rejected: [{ rowNumber: 2, message: 'Supplier unknown' }, { rowNumber: 3, message: 'StockTrim rejected this row: ProductId: bad' }, { rowNumber: 99, message: 'gone' }] });
    expect(balanced(marked)).toMatchObject({ valid: before.valid, withErrors: before.withErrors, rejectedByStockTrim: 2 });
    const row = t.previewRow(0);
    expect(row.rejectedByStockTrim).toBe('Supplier unknown');
    expect(row.status).toBe('valid');
    expect(row.problems).toEqual([{ field: '', severity: 'error', message: 'Row 2: StockTrim rejected this row: Supplier unknown.' }]);
    expect(t.previewRow(1).problems[0]!.message).toBe('Row 3: StockTrim rejected this row: ProductId: bad.');
    expect(t.getRows({ offset: 0, limit: 10, filter: 'rejected' }).rows.map((r) => r.rowNumber)).toEqual([2, 3]);

    const edited = t.setCell(0, 'name', 'fixed');
    expect(edited.row.rejectedByStockTrim).toBeUndefined();
    expect(edited.summary.rejectedByStockTrim).toBe(1);
    expect(t.getRows({ offset: 0, limit: 10, filter: 'rejected' }).total).toBe(1);
    // Undoing the edit puts the row back as StockTrim answered it.
    t.undo();
    expect(t.previewRow(0).rejectedByStockTrim).toBe('Supplier unknown');
    t.redo();
    expect(t.previewRow(0).rejectedByStockTrim).toBeUndefined();

    // Skipping is not an edit: the mark stays.
    t.setSkipped([1], true);
    expect(t.previewRow(1).rejectedByStockTrim).toBeDefined();

    // A later push replaces the marks; undo no longer restores the earlier push's.
    const next = t.markPushOutcome({ rejected: [{ rowNumber: 4, message: 'Stock on hand is not a number' }], notSent: [2] });
    expect(balanced(next)).toMatchObject({ rejectedByStockTrim: 1 });
    expect(t.getRows({ offset: 0, limit: 10, filter: 'rejected' }).rows.map((r) => r.rowNumber)).toEqual([4]);
    // A row the stopped push never sent says so, as a warning: it is not StockTrim's refusal.
    expect(t.previewRow(0)).toMatchObject({ notSent: true, problems: [{ field: '', severity: 'warning', message: 'Row 2: not sent; the push stopped before this row. Send again to send it.' }] });
    expect(t.previewRow(2).notSent).toBeUndefined();
    t.undo();
    t.undo();
    expect(t.previewRow(0).rejectedByStockTrim).toBeUndefined();
    expect(t.validation().rejectedByStockTrim).toBe(1);
  });

  it('fill and replace clear the marks of the rows they change, not of the others', () => {
    const t = products([
      ['A', 'a', '1', ''],
      ['B', 'b', '1', 'S'],
    ]);
    t.markPushOutcome({ rejected: [{ rowNumber: 2, message: 'no' }, { rowNumber: 3, message: 'no' }] });
    const res = t.fillEmpty({ fieldKey: 'supplierCode', value: 'S' });
    expect(res.summary.rejectedByStockTrim).toBe(1);
    expect(t.previewRow(1).rejectedByStockTrim).toBe('no');
    expect(t.undo().summary.rejectedByStockTrim).toBe(2);
  });
});

describe('sales lines: edits and undo through the same revalidation as the returns choice', () => {
  const lines = [
    ['orderNumber', 'productId', 'orderDate', 'quantity', 'location'],
    ['SO-1', 'A', '2024-01-08', '5', ''],
    ['SO-1', 'A', '2024-01-08', '-2', ''],
    ['SO-2', 'B', '2024-01-09', '3', 'WH-2'],
    ['SO-2', 'B', '2024-01-09', '-1', ''],
  ];

  for (const returns of ['exclude', 'net'] as const) {
    it(`returns "${returns}": fill, replace, delete and their undo match a full revalidation`, () => {
      const t = ImportTable.fromRecords(lines, 'sales-orders', { options: { returns } });
      const start = balanced(t.validation());
      expect(t.fillEmpty({ fieldKey: 'locationCode', value: 'WH-1' }).message).toBe('Filled 3 empty "Location code" cells with "WH-1".');
      expectConsistent(t);
      t.replaceInColumn({ fieldKey: 'quantity', find: '-2', replace: '-5', wholeCell: true });
      expectConsistent(t);
      t.deleteRows([0]);
      expectConsistent(t);
      t.setCell(3, 'quantity', '1');
      expectConsistent(t);
      for (let i = 0; i < 4; i++) t.undo();
      expect(t.validation()).toEqual(start);
      for (let i = 0; i < 4; i++) t.redo();
      expectConsistent(t);
    });
  }
});

describe('edits and the mapping', () => {
  it('a field mapped to another column loses its edits (with a note and no undo back to them); other fields keep theirs', () => {
    const t = ImportTable.fromRecords(
      [
        ['sku', 'name', 'stock', 'supplier', 'alt supplier'],
        ['A', 'a', '1', '', 'S-A'],
        ['B', 'b', '1', '', ''],
      ],
      'products',
    );
    t.fillEmpty({ fieldKey: 'supplierCode', value: 'ACME' });
    t.setCell(0, 'name', 'renamed');
    expect(t.validation().editedByField).toEqual({ supplierCode: 2, name: 1 });
    const mapping = t.getMapping();
    t.setMapping({ ...mapping, supplierCode: 4 });
    // The fill was for the old column's blanks; the new column's own text is sent.
    expect(t.previewRow(0).cells.supplierCode).toMatchObject({ raw: 'S-A', edited: false });
    expect(t.previewRow(1).cells.supplierCode).toMatchObject({ raw: '', edited: false });
    expect(t.previewRow(0).cells.name).toMatchObject({ raw: 'renamed', edited: true });
    expect(t.mappingInfo().notes).toContain('Your edits in 2 cells of Supplier code were removed: Supplier code now reads another column, where they do not belong. (Undo history was cleared.)');
    expect(t.getHistory().canUndo).toBe(false);
    expect(balanced(t.validation()).editedByField).toEqual({ name: 1 });
    // A mapping change that leaves the field where it was keeps everything.
    t.setMapping({ ...t.getMapping() });
    expect(t.previewRow(0).cells.name).toMatchObject({ raw: 'renamed', edited: true });
  });
});

describe('sales line references and edits', () => {
  it('a line fixed in the grid keeps the reference the file gives it, so pushing the file again updates it', () => {
    const records = [
      ['orderNumber', 'productId', 'orderDate', 'quantity', 'customer'],
      ['SO-1', 'A', '2024-01-08', '5', ''],
      ['SO-1', 'B', '2024-01-08', '2', ''],
    ];
    const refs = (t: ImportTable) => {
      t.planPush();
      return t.getPushBatch(0).map((r) => r.values.externalReferenceId);
    };
    const plain = ImportTable.fromRecords(records, 'sales-orders');
    const fixed = ImportTable.fromRecords(records, 'sales-orders');
    fixed.fillEmpty({ fieldKey: 'customerCode', value: 'C1' });
    fixed.setCell(1, 'quantity', '3');
    expect(refs(fixed)).toEqual(refs(plain));
    fixed.planPush();
    expect(fixed.getPushBatch(0).map((r) => [r.values.customerCode, r.values.quantity])).toEqual([
      ['C1', 5],
      ['C1', 3],
    ]);
    // A line whose product code the file left empty takes the one typed in.
    const noCode = ImportTable.fromRecords([records[0]!, ['SO-1', '', '2024-01-08', '5', '']], 'sales-orders');
    noCode.setCell(0, 'productId', 'A');
    noCode.planPush();
    expect(noCode.getPushBatch(0)).toHaveLength(1);
  });
});

describe('a file with only a header', () => {
  it('says so as a file problem', () => {
    const t = ImportTable.fromRecords([HEADER], 'products', { fileName: 'header_only.csv' });
    expect(t.validation().fileProblems).toContain('"header_only.csv" has a header row (row 1) but no data rows below it, so there is nothing to send. Check that the export included its rows.');
  });
});
