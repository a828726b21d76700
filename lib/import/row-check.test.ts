import { describe, expect, it } from 'vitest';
import type { DatasetDef, FieldDef } from '@/lib/datasets/field-def';
import { datasetIds, getDataset } from '@/lib/datasets/registry';
import { datasetForKeys, locationColumnKey } from './location-columns';
import { rowCheckFor } from './row-check';
import { buildRowSchema } from './row-schema';

/** A value the schema accepts for the field. */
function goodValue(field: FieldDef): unknown {
  if (field.choices) return field.choices[0];
  switch (field.type) {
    case 'code':
      return 'AB-100';
    case 'text':
      return 'Blue mug';
    case 'number':
      return Math.max(field.min ?? 0, 2.5);
    case 'integer':
      return Math.max(field.min ?? 0, 3);
    case 'fraction':
      return Math.max(field.min ?? 0, 0.25);
    case 'date':
      return '2024-02-29T13:45:00';
    case 'boolean':
      return true;
  }
}

// Values near every edge either check draws: types, empties, spaces, bad characters, Excel's
// scientific codes, impossible dates, signs, fractions, huge and non-finite numbers.
const EDGES: readonly unknown[] = [
  undefined, null, '', ' ', 'x', ' x', 'x ', 'a\uFFFDb', '\uFEFFa', '1.2E+05', '1,5e-3', '12E3', 'E+05',
  '2024-02-29T13:45:00', '2023-02-29T13:45:00', '2024-13-01T00:00:00', '2024-04-31T00:00:00', '2024-01-01T24:00:00',
  '2024-01-01T23:60:00', '2024-01-01T23:59:60', '2024-01-01', '2024-01-01T00:00:00Z', '0000-01-01T00:00:00',
  0, -0, 1, -1, 0.5, 1.0000001, -0.0001, 2.5, 3, 1e21, -1e21, 2 ** 53, 2 ** 53 - 1, NaN, Infinity, -Infinity,
  true, false, 'true', [], {}, ['a'], { a: 1 }, 'x'.repeat(201), 'y'.repeat(1000),
];

function datasetsUnderTest(): DatasetDef[] {
  const out = datasetIds.map((id) => getDataset(id));
  // Location columns make fields of their own ("Stock at AKL").
  for (const ds of out.slice()) {
    const fields = (ds.layouts?.wide.columns ?? []).map((c) => c.field);
    if (fields.length > 0) out.push(datasetForKeys(ds, fields.flatMap((f) => [locationColumnKey(f, 'AKL'), locationColumnKey(f, 'WLG')])));
  }
  return out;
}

/** A small seeded generator, so a failure names a row that can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('rowCheckFor says yes exactly where the row schema does', () => {
  for (const dataset of datasetsUnderTest()) {
    it(`${dataset.label} (${dataset.fields.length} fields)`, () => {
      const schema = buildRowSchema(dataset);
      const check = rowCheckFor(dataset);
      const good: Record<string, unknown> = {};
      for (const f of dataset.fields) good[f.key] = goodValue(f);
      if (dataset.id === 'sales-orders') good.externalReferenceId = 'SO1-AB-100-1';
      const keys = Object.keys(good);
      const cases: unknown[] = [good, null, [], 'row', 5, Object.create(null)];
      // Every edge value in every field, alone.
      for (const key of keys) for (const v of EDGES) cases.push({ ...good, [key]: v });
      // Fields left out, and a key that is not a field.
      for (const key of keys) cases.push(Object.fromEntries(Object.entries(good).filter(([k]) => k !== key)));
      cases.push({ ...good, notAField: 1 }, { ...good, notAField: undefined });
      // Random mixes of several edges at once.
      const next = random(dataset.fields.length * 7919);
      for (let i = 0; i < 400; i++) {
        const row: Record<string, unknown> = { ...good };
        for (const key of keys) if (next() < 0.3) row[key] = EDGES[Math.floor(next() * EDGES.length)];
        cases.push(row);
      }
      let accepted = 0;
      for (const values of cases) {
        const zod = schema.safeParse(values).success;
        if (zod) accepted++;
        expect({ values, fast: check(values) }).toEqual({ values, fast: zod });
      }
      // The cases reach both answers, so the comparison means something.
      expect(accepted).toBeGreaterThan(keys.length);
      expect(cases.length - accepted).toBeGreaterThan(keys.length);
    });
  }
});
