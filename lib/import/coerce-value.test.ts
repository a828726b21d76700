import { describe, expect, it } from 'vitest';
import type { FieldDef, FieldType } from '@/lib/datasets/field-def';
import { productsDataset } from '@/lib/datasets/products';
import { salesOrdersDataset } from '@/lib/datasets/sales-orders';
import { coerceValue, type CoerceContext } from './coerce-value';

const field = (key: string): FieldDef => {
  const f = [...productsDataset.fields, ...salesOrdersDataset.fields].find((x) => x.key === key);
  if (!f) throw new Error(key);
  return f;
};
const synthetic = (type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({ key: 'x', label: 'X', type, required: false, synonyms: [], help: 'Help.', ...extra });

function c(raw: string, key: string | FieldDef, ctx: Partial<CoerceContext> = {}) {
  const r = coerceValue(raw, typeof key === 'string' ? field(key) : key, ctx);
  return r.severity === 'error' ? { error: r.reason } : r.severity === 'warning' ? { warning: r.reason, value: r.value } : r.value;
}

describe('codes', () => {
  it('keeps text exactly (trimmed): leading zeros, case, long digit strings', () => {
    expect(c(' 00123 ', 'productId')).toBe('00123');
    expect(c('abc-Def', 'productId')).toBe('abc-Def');
    expect(c('9007199254740993', 'barcode')).toBe('9007199254740993');
    expect(c('123456789012345678901234567890', 'barcode')).toBe('123456789012345678901234567890');
    expect(c('=SUM(A1)', 'productId')).toBe('=SUM(A1)');
  });

  it('rejects Excel scientific notation in every code field', () => {
    for (const key of ['productId', 'barcode', 'supplierCode', 'parentId']) {
      expect(c('5.01235E+12', key)).toEqual({ error: expect.stringMatching(/scientific notation.*[Rr]e-export the column formatted as text/) });
    }
    expect(c('1E+15', 'barcode')).toHaveProperty('error');
    expect(c('-4.5e-05', 'barcode')).toHaveProperty('error');
    // A code that merely contains an E is a code.
    expect(c('12E4', 'productId')).toBe('12E4');
    expect(c('ABC-E+1', 'productId')).toBe('ABC-E+1');
  });

  it('strips ".0" only when the column was decided to be a float column', () => {
    expect(c('17850.0', 'customerCode')).toBe('17850.0');
    expect(c('17850.0', 'customerCode', { stripTrailingZeroDecimal: true })).toBe('17850');
    expect(c('17850.5', 'customerCode', { stripTrailingZeroDecimal: true })).toBe('17850.5');
  });

  it('blank is null', () => {
    expect(c('  ', 'productId')).toBeNull();
  });
});

describe('text', () => {
  it('trims and keeps inner line breaks', () => {
    expect(c('  Widget\nlarge ', 'name')).toBe('Widget\nlarge');
    expect(c('', 'name')).toBeNull();
  });
});

describe('number / integer', () => {
  it('numbers by the file format; blank null; min enforced with the registry help', () => {
    expect(c('1,200', 'stockOnHand')).toBe(1200);
    expect(c('1.200,5', 'stockOnHand', { numberFormat: { decimal: ',', threeDigitDecimals: 'ask' } })).toBe(1200.5);
    expect(c('', 'quantity')).toBeNull();
    // A negative sales quantity is a return: the file's returns choice decides it, not the cell.
    expect(c('-6', 'quantity')).toBe(-6);
    expect(c('-1', 'price')).toEqual({ error: expect.stringMatching(/^is negative; StockTrim only accepts 0 or more for Price\. /) });
    expect(c('-6', 'stockOnHand')).toBe(-6);
    expect(c('5%', 'price')).toEqual({ error: expect.stringMatching(/has a % sign; Price takes a plain number/) });
  });

  it('integers are whole numbers only', () => {
    expect(c('14', 'leadTime')).toBe(14);
    expect(c('14.0', 'leadTime')).toBe(14);
    expect(c('1,000', 'leadTime')).toBe(1000);
    expect(c('14.5', 'leadTime')).toEqual({ error: expect.stringMatching(/is not a whole number/) });
    expect(c('7 days', 'leadTime')).toEqual({ error: expect.stringMatching(/not a plain number.*whole number such as 7, without units/) });
    expect(c('-1', 'leadTime')).toHaveProperty('error');
  });

  it('warns about E-notation and lost precision in number fields', () => {
    expect(c('1.5E+3', 'stockOnHand')).toEqual({ warning: expect.stringMatching(/scientific notation and was read as 1500/), value: 1500 });
    expect(c('12345678901234567', 'stockOnHand')).toHaveProperty('warning');
  });
});

describe('fraction', () => {
  it('95% and 0.95 are the same; bare 95 is an error telling what to write', () => {
    expect(c('95%', 'serviceLevel')).toBe(0.95);
    expect(c('0.95', 'serviceLevel')).toBe(0.95);
    expect(c('0,9', 'serviceLevel', { numberFormat: { decimal: ',', threeDigitDecimals: 'ask' } })).toBe(0.9);
    expect(c('100%', 'serviceLevel')).toBe(1);
    expect(c('1', 'serviceLevel')).toBe(1);
    expect(c('95', 'serviceLevel')).toEqual({ error: 'is not a fraction; Service level is a fraction, so write 95% or 0.95' });
    expect(c('150%', 'serviceLevel')).toHaveProperty('error');
    expect(c('250', 'serviceLevel')).toHaveProperty('error');
    expect(c('-5%', 'serviceLevel')).toHaveProperty('error');
  });
});

describe('boolean', () => {
  it('yes/no/true/false/1/0/y/n, any case', () => {
    const f = field('discontinued');
    expect(['yes', 'Y', 'TRUE', '1', 'no', 'n', 'False', '0', ''].map((v) => c(v, f))).toEqual([true, true, true, true, false, false, false, false, null]);
    expect(c('maybe', f)).toEqual({ error: expect.stringMatching(/not yes or no/) });
  });
});

describe('date', () => {
  it('uses the column order and output ISO without offset', () => {
    expect(c('03/04/2024', 'orderDate', { dateOrder: 'dmy' })).toBe('2024-04-03T00:00:00');
    expect(c('03/04/2024', 'orderDate')).toHaveProperty('error');
    expect(c('2024-02-30', 'orderDate')).toEqual({ error: expect.stringMatching(/not a real date/) });
  });

  it('a stray number in a date column is not quietly a 1900 date', () => {
    expect(c('5', 'orderDate')).toEqual({ error: expect.stringMatching(/is a number, not a date/) });
    expect(c('45292', 'orderDate', { readDateSerials: true })).toBe('2024-01-01T00:00:00');
  });

  it('a plain number in a date column is an error by default, naming what it would be as a serial', () => {
    expect(c('45292', 'orderDate')).toEqual({ error: expect.stringMatching(/is a number, not a date \(as an Excel date serial it would be 2024-01-01/) });
    expect(c('18269', 'orderDate')).toEqual({ error: expect.stringMatching(/is a number, not a date/) });
    expect(c('2024-01-01', 'orderDate')).toBe('2024-01-01T00:00:00');
  });
});

describe('every type', () => {
  it('rejects Excel error values and unreadable characters', () => {
    for (const f of [field('productId'), field('name'), field('price'), field('orderDate'), field('discontinued'), field('serviceLevel')]) {
      expect(c('#N/A', f)).toEqual({ error: expect.stringMatching(/Excel error value/) });
      expect(c('Caf\uFFFD', f)).toEqual({ error: expect.stringMatching(/could not be read/) });
    }
    expect(c('#REF!', synthetic('integer'))).toHaveProperty('error');
  });

  it('reads NULL as empty only when the file decision says so', () => {
    expect(c('NULL', 'weight', { nullAsBlank: true })).toBeNull();
    expect(c('NULL', 'weight')).toHaveProperty('error');
    expect(c('NULL', 'name', { nullAsBlank: true })).toBeNull();
    expect(c('NULL', 'name')).toBe('NULL');
  });
});
