import { describe, expect, it } from 'vitest';
import { endSentence, withoutFullStop } from './sentence';
import { plural } from './plural';
import { rowSchemaProblems } from '@/lib/import/row-schema';
import { z } from 'zod';
import { productsDataset } from '@/lib/datasets/products';
import { ImportTable } from '@/lib/import/import-table';

describe('message wording', () => {
  it('never doubles a full stop', () => {
    expect(endSentence('Invalid account.')).toBe('Invalid account.');
    expect(endSentence('is too long')).toBe('is too long.');
    expect(endSentence('(see the column count.)')).toBe('(see the column count.)');
    expect(withoutFullStop('the rows do not agree on a column count.')).toBe('the rows do not agree on a column count');
  });

  it('server-side row messages built from a reason that ends a sentence have one full stop', () => {
    const schema = z.object({ productId: z.string().refine(() => false, { message: 'is not known to this account.' }) });
    const error = schema.safeParse({ productId: 'A' }).error!;
    const [msg] = rowSchemaProblems(productsDataset, 2, error, { productId: 'A' });
    expect(msg).toMatch(/account\.$/);
    expect(msg).not.toMatch(/\.\.$/);
  });

  it('plurals: 1 row, 2 rows; a one-field row says "1 field"', () => {
    expect(plural(1, 'data row')).toBe('1 data row');
    expect(plural(2, 'data row')).toBe('2 data rows');
    const t = ImportTable.fromRecords([['sku', 'name', 'stock'], ['A']], 'products');
    const msg = t.previewRow(0).problems.map((p) => p.message).join(' ');
    expect(msg).toMatch(/1 field where the header has 3/);
    expect(msg).not.toMatch(/\.\./);
  });
});
