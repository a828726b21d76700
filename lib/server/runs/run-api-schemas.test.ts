import { describe, expect, it } from 'vitest';
import { isUploadRowsRequest, uploadRowsSchema } from './run-api-schemas';

const send = { kind: 'send', rowNumber: 2, batch: 0, values: { orderNumber: 'SO-1', quantity: 3, nested: { a: 1 } } };
const skipped = { kind: 'skipped', rowNumber: 3, batch: 1, values: { orderNumber: 'SO-2', quantity: '', note: null, flag: true } };
const fileError = { kind: 'file-error', rowNumber: 4, batch: 2, values: { quantity: 'seven' }, message: 'Row 4, Quantity: "seven" is not a number.' };

// Values near each edge of the schema: types, signs, whole numbers, lengths.
const EDGES: readonly unknown[] = [
  undefined, null, true, 0, -0, 1, -1, 1.5, 2 ** 53, 2 ** 53 - 1, 5_000_000, 5_000_001, '', 'x', '1', 'send', 'skipped', 'file-error', 'other',
  [], {}, ['a'], { a: 1 }, 'm'.repeat(5000), 'm'.repeat(5001), 's'.repeat(100_000), 's'.repeat(100_001),
];

function cases(): unknown[] {
  const out: unknown[] = [null, [], 'rows', { rows: [] }, { rows: {} }, { rows: [send], extra: 1 }];
  const bases = [send, skipped, fileError];
  for (const base of bases) {
    out.push({ rows: [base] }, { rows: [base], readyBatches: 3 });
    // Every key of the row set to every edge value, dropped, and one key too many.
    for (const key of Object.keys(base)) {
      for (const v of EDGES) out.push({ rows: [send, { ...base, [key]: v }] });
      out.push({ rows: [Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))] });
    }
    out.push({ rows: [{ ...base, message: 'm' }] }, { rows: [{ ...base, extra: 1 }] });
    // Field values: every edge under an ordinary key, and keys of 200 and 201 characters.
    for (const v of EDGES) out.push({ rows: [{ ...base, values: { ...base.values, q: v } }] });
    out.push({ rows: [{ ...base, values: { ['k'.repeat(200)]: 1 } }] }, { rows: [{ ...base, values: { ['k'.repeat(201)]: 1 } }] });
  }
  for (const v of EDGES) out.push({ rows: [send], readyBatches: v });
  return out;
}

describe('isUploadRowsRequest says yes exactly where uploadRowsSchema does', () => {
  it('on every edge of an upload body', () => {
    let accepted = 0;
    const all = cases();
    for (const body of all) {
      const zod = uploadRowsSchema.safeParse(body).success;
      if (zod) accepted++;
      expect({ body, quick: isUploadRowsRequest(body) }).toEqual({ body, quick: zod });
    }
    expect(accepted).toBeGreaterThan(40);
    expect(all.length - accepted).toBeGreaterThan(100);
  });
});
