import { describe, expect, it } from 'vitest';
import { rereadLossQuestion } from './reread-confirm';
import { ImportTable } from '@/lib/import/import-table';

describe('asking before a re-read throws away edits and skips', () => {
  it('says how many edits and skips a separator, encoding, sheet or header-row change loses', () => {
    const t = ImportTable.fromRecords([['sku', 'name', 'stock'], ['A', 'n', 'x'], ['B', 'n', 'y'], ['C', 'n', '1']], 'products');
    t.setCell(0, 'stockOnHand', '1');
    t.setCell(1, 'stockOnHand', '2');
    const v = t.setSkipped([2], true);
    expect(v).toMatchObject({ edited: 2, skippedByYou: 1 });
    expect(rereadLossQuestion({ delimiter: ';' }, {}, v)).toBe(
      'Changing the separator reads the file again from the start: your edits in 2 rows and the 1 row you skipped (it comes back) will be lost. Change it anyway?',
    );
    expect(rereadLossQuestion({ encoding: 'windows-1252' }, {}, { edited: 1, skippedByYou: 0 })).toMatch(/^Changing the text encoding .*your edits in 1 row will be lost/);
    expect(rereadLossQuestion({ headerRowNumber: 2 }, {}, { edited: 0, skippedByYou: 3 })).toMatch(/the 3 rows you skipped/);
    expect(rereadLossQuestion({ sheet: 'Other', headerRowNumber: undefined }, { sheet: 'First' }, v)).toMatch(/^Changing the sheet/);
  });

  it('does not ask when nothing would be lost, or for changes that keep edits', () => {
    expect(rereadLossQuestion({ delimiter: ';' }, {}, { edited: 0, skippedByYou: 0 })).toBeNull();
    expect(rereadLossQuestion({ numberFormat: { decimal: ',' } }, {}, { edited: 4, skippedByYou: 1 })).toBeNull();
    expect(rereadLossQuestion({ dateOrders: { 1: 'dmy' } }, {}, { edited: 4, skippedByYou: 1 })).toBeNull();
    expect(rereadLossQuestion({ delimiter: ';' }, { delimiter: ';' }, { edited: 4, skippedByYou: 1 })).toBeNull();
  });

  it('decimal mark, date order and mapping changes keep edits and hand skips (no question needed)', () => {
    const t = ImportTable.fromRecords([['sku', 'name', 'stock'], ['A', 'n', 'x'], ['B', 'n', '2']], 'products');
    t.setCell(0, 'stockOnHand', '1');
    t.setSkipped([1], true);
    t.setReadingOptions({ numberFormat: { decimal: ',' } });
    const v = t.setMapping(t.getMapping());
    expect(v).toMatchObject({ edited: 1, skippedByYou: 1 });
    expect(t.previewRow(0).cells.stockOnHand).toMatchObject({ raw: '1', value: 1, edited: true });
  });
});
