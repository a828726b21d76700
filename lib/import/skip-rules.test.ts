import { describe, expect, it } from 'vitest';
import { ImportTable } from './import-table';
import { importDelimitedBytes } from './import-pipeline';
import { DATASETS_DIR, DATASETS_MISSING, readBytes } from './test-support';

const shopifyLike = [
  ['Handle', 'Title', 'Variant SKU', 'Variant Price', 'Variant Inventory Qty', 'Image Src'],
  ['widget', 'Widget', 'W-1', '10', '4', 'a.jpg'],
  ['widget', '', '', '', '', 'b.jpg'],
  ['widget', '', '', '', '', 'c.jpg'],
  ['bolt', 'Bolt', '', '2', '-3', 'd.jpg'],
  ['bolt', '', '', '', '', 'e.jpg'],
  ['cog', 'Cog', 'C-1', '1', '0', ''],
];

describe('fallback column', () => {
  it('is auto-mapped from its synonyms and read when the code cell is empty, saying so', () => {
    const t = ImportTable.fromRecords(shopifyLike, 'products');
    expect(t.getMapping()).toMatchObject({ productId: 2, 'productId:fallback': 0 });
    const bolt = t.previewRow(3);
    expect(bolt.cells.productId).toEqual({ raw: 'bolt', value: 'bolt', edited: false, fromFallback: 'Handle' });
    expect(t.previewRow(0).cells.productId).toEqual({ raw: 'W-1', value: 'W-1', edited: false });
  });

  it('can be unmapped: the rows without a code are then errors', () => {
    const t = ImportTable.fromRecords(shopifyLike, 'products');
    t.setMapping({ ...t.getMapping(), 'productId:fallback': null });
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 4, skipped: 0 });
  });
});

describe('continuation rows (Shopify image rows)', () => {
  it('are skipped with their reason, counted apart, never as errors', () => {
    const t = ImportTable.fromRecords(shopifyLike, 'products');
    const v = t.validation();
    expect(v).toMatchObject({ total: 6, valid: 3, withErrors: 0, skipped: 3, skippedByYou: 0 });
    expect(v.skipReasons).toEqual([{ reason: 'image-only rows of the product above — not products', count: 3, kind: 'continuation' }]);
    expect(t.previewRow(1)).toMatchObject({ skipped: true, skippedByYou: false, skipReason: 'image-only rows of the product above — not products' });
    expect(t.getRows({ offset: 0, limit: 10, filter: 'skipped' }).rows.map((r) => r.rowNumber)).toEqual([3, 4, 6]);
    expect(t.decisions().continuation).toEqual({ skip: true, reason: 'image-only rows of the product above — not products', fallbackLabel: 'Handle' });
    const plan = t.planPush();
    expect(plan).toMatchObject({ rowsToSend: 3, rowsSkipped: 3 });
  });

  it('a row with a value of its own is not one, nor is a row under another product', () => {
    const t = ImportTable.fromRecords(
      [
        ['Handle', 'Title', 'Variant SKU', 'Variant Price'],
        ['widget', 'Widget', 'W-1', '10'],
        ['widget', '', '', '12'],
        ['other', '', '', ''],
      ],
      'products',
    );
    expect(t.validation()).toMatchObject({ valid: 3, skipped: 0 });
  });

  it('an edit that gives the row a value brings it back; the rule can be turned off', () => {
    const t = ImportTable.fromRecords(shopifyLike, 'products');
    t.setCell(1, 'price', '9');
    // Now a product of its own, coded by its Handle (the row above is coded W-1).
    expect(t.validation()).toMatchObject({ valid: 4, withErrors: 0, skipped: 2 });
    t.setCell(2, 'price', '9');
    expect(t.previewRow(2).problems[0]!.message).toMatch(/repeats Product code "widget" from row 3/);
    t.setCell(2, 'price', '');
    t.setCell(1, 'price', '');
    expect(t.validation()).toMatchObject({ valid: 3, skipped: 3 });
    t.setReadingOptions({ skipContinuationRows: false });
    expect(t.validation()).toMatchObject({ skipped: 0, valid: 4, withErrors: 2 });
  });
});

describe('negative values: a stated choice, with a count', () => {
  it('sends them as they are by default, and counts them', () => {
    const t = ImportTable.fromRecords(shopifyLike, 'products');
    expect(t.decisions().negatives).toEqual({ fieldLabels: ['Stock on hand'], choice: 'send', source: 'default' });
    expect(t.validation().negativeRows).toBe(1);
    expect(t.previewRow(3).cells.stockOnHand!.value).toBe(-3);
  });

  it('sends 0 with a warning on the row, when chosen', () => {
    const t = ImportTable.fromRecords(shopifyLike, 'products');
    t.setReadingOptions({ negatives: 'zero' });
    const bolt = t.previewRow(3);
    expect(bolt.cells.stockOnHand!.value).toBe(0);
    expect(bolt.status).toBe('warning');
    expect(bolt.problems[0]!.message).toBe('Row 5, column "Variant Inventory Qty" (Stock on hand): "-3" is negative; it is sent as 0, as you chose for negative values.');
    expect(t.validation()).toMatchObject({ valid: 3, withWarnings: 1, negativeRows: 1 });
  });

  it('skips the rows, when chosen, under that reason', () => {
    const t = ImportTable.fromRecords(shopifyLike, 'products');
    t.setReadingOptions({ negatives: 'skip' });
    const v = t.validation();
    expect(v).toMatchObject({ valid: 2, skipped: 4, negativeRows: 1 });
    expect(v.skipReasons?.map((r) => [r.kind, r.count])).toEqual([
      ['continuation', 3],
      ['negative', 1],
    ]);
  });
});

describe('skip rules by column', () => {
  const bom = [
    ['ProductAssemblyID', 'ComponentID', 'EndDate', 'PerAssemblyQty'],
    ['NULL', '749', 'NULL', '1'],
    ['3', '749', '00:00.0', '2'],
    ['3', '749', 'NULL', '3'],
    ['4', '750', 'NULL', '1'],
  ];

  it('skip the rows the user names, counted under the rule, and stop them counting as duplicates', () => {
    const t = ImportTable.fromRecords(bom, 'bill-of-materials');
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 2 });
    t.setReadingOptions({
      skipRules: [
        { column: 0, when: 'blank' },
        { column: 2, when: 'filled' },
      ],
    });
    const v = t.validation();
    expect(v).toMatchObject({ total: 4, valid: 2, withErrors: 0, skipped: 2 });
    expect(v.skipReasons).toEqual([
      { reason: 'you skip rows where “ProductAssemblyID” is empty', count: 1, kind: 'column', skipRule: 0 },
      { reason: 'you skip rows where “EndDate” is not empty', count: 1, kind: 'column', skipRule: 1 },
    ]);
    expect(t.previewRow(1).skipReason).toBe('you skip rows where “EndDate” is not empty');
  });
});

describe.skipIf(!DATASETS_DIR)(DATASETS_DIR ? 'skip rules on real files' : `skip rules on real files — ${DATASETS_MISSING}`, () => {
  it('AdventureWorks BOM: current lines (an assembly, no end date) are 2,383, every one valid', () => {
    const t = importDelimitedBytes(readBytes(DATASETS_DIR!, 'adventureworks_bill_of_materials.csv'), { fileName: 'bom.csv', dataset: 'bill-of-materials' });
    expect(t.getMapping()).toMatchObject({ productId: 1, componentId: 2, quantity: 7 });
    t.setReadingOptions({
      skipRules: [
        { column: 1, when: 'blank' },
        { column: 4, when: 'filled' },
      ],
    });
    const v = t.validation();
    expect(v).toMatchObject({ total: 2679, valid: 2383, withErrors: 0, skipped: 296 });
    expect(v.skipReasons?.map((r) => r.count)).toEqual([103, 193]);
  });

  it('Shopify export: 1,087 image rows skipped, 49 negative stock figures counted, 20 codes from the Handle', () => {
    const t = importDelimitedBytes(readBytes(DATASETS_DIR!, 'voltaat_shopify_products_export.csv'), { fileName: 'shopify.csv', dataset: 'products' });
    const v = t.validation();
    expect(v).toMatchObject({ total: 2307, valid: 1217, withErrors: 3, skipped: 1087, negativeRows: 49 });
    const fromHandle = t.getRows({ offset: 0, limit: 3000 }).rows.filter((r) => !r.skipped && r.cells.productId?.fromFallback === 'Handle');
    expect(fromHandle).toHaveLength(20);
  });
});
