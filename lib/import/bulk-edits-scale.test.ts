import { describe, expect, it } from 'vitest';
import { ImportTable } from './import-table';
import type { ValidationSummary } from './import-types';

const ROWS = 200_000;

function balanced(v: ValidationSummary): ValidationSummary {
  expect(v.valid + v.withErrors + (v.skipped ?? 0)).toBe(v.total);
  return v;
}

describe(`bulk edits over ${ROWS.toLocaleString('en')} rows`, () => {
  // Each bulk change is applied and then revalidated in one pass; recheck per cell would take
  // minutes here. No timing is asserted (shared CI machines), only that the counts are right.
  it('fill + undo + redo, delete + undo, and a replace keep every count right', { timeout: 180_000 }, () => {
    const records: string[][] = [['sku', 'name', 'stock', 'supplier']];
    for (let i = 0; i < ROWS; i++) records.push([`P${i}`, 'n', i % 10 === 7 ? 'x' : '1', i % 3 === 0 ? '' : 'ACME']);
    const t = ImportTable.fromRecords(records, 'products');
    const blanks = Math.ceil(ROWS / 3);
    const errors = ROWS / 10;
    expect(balanced(t.validation())).toMatchObject({ total: ROWS, valid: ROWS - errors, withErrors: errors, edited: 0 });

    const fill = t.fillEmpty({ fieldKey: 'supplierCode', value: 'WH-1' });
    expect(fill).toMatchObject({ changedRows: blanks, changedCells: blanks, message: `Filled ${blanks} empty "Supplier code" cells with "WH-1".` });
    expect(balanced(fill.summary)).toMatchObject({ valid: ROWS - errors, withErrors: errors, edited: blanks });
    expect(t.previewRow(0).cells.supplierCode).toEqual({ raw: 'WH-1', value: 'WH-1', edited: true });

    const undo = t.undo();
    expect(undo).toMatchObject({ changedRows: blanks, changedCells: blanks });
    expect(balanced(undo.summary)).toMatchObject({ edited: 0, valid: ROWS - errors });
    expect(t.previewRow(0).cells.supplierCode!.edited).toBe(false);

    const redo = t.redo();
    expect(balanced(redo.summary)).toMatchObject({ edited: blanks });
    expect(t.getRows({ offset: 0, limit: 3 }).rows.map((r) => r.cells.supplierCode!.raw)).toEqual(['WH-1', 'ACME', 'ACME']);

    const half = Array.from({ length: ROWS / 2 }, (_, i) => i * 2);
    const del = t.deleteRows(half);
    expect(del.message).toBe(`Deleted ${ROWS / 2} rows (not sent; Undo brings them back).`);
    expect(balanced(del.summary)).toMatchObject({ skippedByYou: ROWS / 2 });
    expect(balanced(t.undo().summary)).toMatchObject({ skipped: 0, valid: ROWS - errors, withErrors: errors });

    const replace = t.replaceInColumn({ fieldKey: 'stockOnHand', find: 'x', replace: '0', wholeCell: true });
    expect(replace.changedCells).toBe(errors);
    expect(balanced(replace.summary)).toMatchObject({ valid: ROWS, withErrors: 0 });
    expect(balanced(t.undo().summary)).toMatchObject({ valid: ROWS - errors, withErrors: errors, edited: blanks });
  });
});
