import { describe, expect, it } from 'vitest';
import type { SourceColumn } from '@/lib/import/import-types';
import {
  MAX_ENTRIES,
  MAX_STORED_CHARS,
  REMEMBERED_MAPPINGS_KEY,
  type StorageLike,
  findRemembered,
  headerSetOf,
  offerFor,
  readAll,
  rememberMapping,
  resolveMapping,
  sameMapping,
} from './remembered-mappings';

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

function columns(...headers: string[]): SourceColumn[] {
  return headers.map((header, index) => ({ index, header, label: header || `(no header) ${index}`, duplicate: false, samples: ['secret value'] }));
}

const retail = columns('InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country');

describe('header set', () => {
  it('ignores column order, case, spaces and _ - .', () => {
    expect(headerSetOf(columns('Stock Code', 'invoice_no', 'Quantity'))).toBe(headerSetOf(columns('quantity', 'StockCode', 'Invoice-No')));
  });
  it('tells a file with one more column apart', () => {
    expect(headerSetOf(columns('A', 'B'))).not.toBe(headerSetOf(columns('A', 'B', 'C')));
    expect(headerSetOf(columns('A', 'A'))).not.toBe(headerSetOf(columns('A')));
  });
});

describe('remembering and finding a mapping', () => {
  it('finds the mapping for the same headers in another order, on the moved columns', () => {
    const storage = new MemoryStorage();
    rememberMapping(storage, { dataset: 'sales-orders', columns: retail, mapping: { productId: 1, quantity: 3, locationCode: 7, customerCode: null }, fileName: 'C:\\exports\\dec.csv', now: new Date('2026-11-30T10:00:00Z') });
    const moved = columns('Country', 'Quantity', 'StockCode', 'InvoiceNo', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Description');
    const found = findRemembered(storage, 'sales-orders', moved);
    expect(found?.fileName).toBe('dec.csv');
    expect(found?.savedAt).toBe('2026-11-30T10:00:00.000Z');
    expect(resolveMapping(found!, moved, { productId: 2, quantity: 1, customerCode: 6, locationCode: null })).toEqual({ productId: 2, quantity: 1, locationCode: 0, customerCode: null });
  });

  it('keeps duplicate headers apart by occurrence', () => {
    const storage = new MemoryStorage();
    const dup = columns('Code', 'Name', 'Code');
    rememberMapping(storage, { dataset: 'products', columns: dup, mapping: { productId: 2, name: 1 }, fileName: 'p.csv' });
    const entry = findRemembered(storage, 'products', dup)!;
    expect(entry.fields.productId).toEqual({ header: 'code', occurrence: 1 });
    expect(resolveMapping(entry, dup, { productId: 0, name: 1 })).toEqual({ productId: 2, name: 1 });
  });

  it('is per dataset and stores no cell values', () => {
    const storage = new MemoryStorage();
    rememberMapping(storage, { dataset: 'sales-orders', columns: retail, mapping: { productId: 1 }, fileName: 'a.csv' });
    expect(findRemembered(storage, 'products', retail)).toBeNull();
    expect(storage.getItem(REMEMBERED_MAPPINGS_KEY)).not.toContain('secret value');
  });

  it('replaces the entry for the same headers, newest first', () => {
    const storage = new MemoryStorage();
    rememberMapping(storage, { dataset: 'sales-orders', columns: retail, mapping: { productId: 1 }, fileName: 'a.csv' });
    rememberMapping(storage, { dataset: 'sales-orders', columns: columns('X'), mapping: { productId: 0 }, fileName: 'x.csv' });
    rememberMapping(storage, { dataset: 'sales-orders', columns: retail, mapping: { productId: 2 }, fileName: 'b.csv' });
    const all = readAll(storage);
    expect(all.map((e) => e.fileName)).toEqual(['b.csv', 'x.csv']);
  });

  it('caps the number of entries and the stored size, dropping the oldest', () => {
    const storage = new MemoryStorage();
    for (let i = 0; i < MAX_ENTRIES + 5; i++) rememberMapping(storage, { dataset: 'sales-orders', columns: columns(`H${i}`), mapping: { productId: 0 }, fileName: `f${i}.csv` });
    const all = readAll(storage);
    expect(all).toHaveLength(MAX_ENTRIES);
    expect(all[0]!.fileName).toBe(`f${MAX_ENTRIES + 4}.csv`);

    const wide = new MemoryStorage();
    const many = columns(...Array.from({ length: 400 }, (_, i) => `A rather long column header number ${i}`));
    const mapping = Object.fromEntries(many.map((c) => [`field${c.index}`, c.index]));
    for (let i = 0; i < 10; i++) rememberMapping(wide, { dataset: `d${i}`, columns: many, mapping, fileName: 'w.csv' });
    expect(wide.getItem(REMEMBERED_MAPPINGS_KEY)!.length).toBeLessThanOrEqual(MAX_STORED_CHARS);
    expect(readAll(wide)[0]!.dataset).toBe('d9');
  });

  it('reads damaged or foreign storage as nothing remembered, and survives a throwing storage', () => {
    const storage = new MemoryStorage();
    for (const text of ['{not json', '[]', 'null', '{"entries":"x"}', '{"entries":[{"dataset":1}]}']) {
      storage.setItem(REMEMBERED_MAPPINGS_KEY, text);
      expect(readAll(storage)).toEqual([]);
      expect(findRemembered(storage, 'sales-orders', retail)).toBeNull();
    }
    storage.setItem(REMEMBERED_MAPPINGS_KEY, JSON.stringify({ entries: [{ dataset: 'x', headerSet: 'a', fileName: 'f', savedAt: 's', fields: { a: { header: 'a', occurrence: -1 } } }] }));
    expect(readAll(storage)).toEqual([]);
    // A damaged entry is replaced by the next save rather than blocking it.
    rememberMapping(storage, { dataset: 'sales-orders', columns: retail, mapping: { productId: 1 }, fileName: 'a.csv' });
    expect(readAll(storage)).toHaveLength(1);

    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {},
    };
    expect(readAll(throwing)).toEqual([]);
    expect(() => rememberMapping(throwing, { dataset: 'sales-orders', columns: retail, mapping: {}, fileName: 'a.csv' })).not.toThrow();
  });
});

describe('what the page offers', () => {
  const storage = new MemoryStorage();
  const entry = rememberMapping(storage, { dataset: 'sales-orders', columns: retail, mapping: { productId: 1, quantity: 3, locationCode: 7 }, fileName: 'dec.csv' });

  it('says "same" when the automatic mapping already equals last time', () => {
    expect(offerFor(entry, retail, { productId: 1, quantity: 3, locationCode: 7, customerCode: null }).kind).toBe('same');
  });
  it('offers last time’s mapping when it differs, clearing what the automatic match added', () => {
    const offer = offerFor(entry, retail, { productId: 1, quantity: 3, locationCode: null, customerCode: 6 });
    expect(offer).toMatchObject({ kind: 'differs', mapping: { productId: 1, quantity: 3, locationCode: 7, customerCode: null } });
  });
  it('offers nothing without an entry', () => {
    expect(offerFor(null, retail, {}).kind).toBe('none');
  });
  it('compares absent and null fields as the same', () => {
    expect(sameMapping({ a: 1, b: null }, { a: 1 })).toBe(true);
    expect(sameMapping({ a: 1 }, { a: 2 })).toBe(false);
  });
});

describe('an offer for other headers', () => {
  it('offers nothing when the file was re-read with other columns', () => {
    const storage = new MemoryStorage();
    const entry = rememberMapping(storage, { dataset: 'sales-orders', columns: retail, mapping: { productId: 1 }, fileName: 'dec.csv' });
    expect(offerFor(entry, columns('Title', 'Other'), { productId: 0 }).kind).toBe('none');
  });
});
