import { describe, expect, it } from 'vitest';
import { explainStockTrimMessage, formTargetForStockTrimKey } from './stocktrim-field-path';

describe('StockTrim error key → form input', () => {
  it('finds scalar fields by PascalCase, camelCase, JSON path or with a parameter prefix', () => {
    for (const key of ['LeadTime', 'leadTime', '$.leadTime', 'request.LeadTime']) {
      expect(formTargetForStockTrimKey(key)).toEqual({ kind: 'field', path: 'fields.leadTime', fieldKey: 'leadTime' });
    }
  });

  it('finds list items', () => {
    expect(formTargetForStockTrimKey('Suppliers[0].SupplierId')).toEqual({
      kind: 'item',
      path: 'suppliers.0.supplierId',
      list: 'suppliers',
      index: 0,
      fieldKey: 'supplierId',
    });
    expect(formTargetForStockTrimKey('$.stockLocations[12].stockOnHand')).toMatchObject({ path: 'stockLocations.12.stockOnHand' });
  });

  it('points at the list when the item or member is not a form input', () => {
    expect(formTargetForStockTrimKey('Suppliers')).toEqual({ kind: 'list', list: 'suppliers' });
    expect(formTargetForStockTrimKey('Suppliers[0]')).toEqual({ kind: 'list', list: 'suppliers' });
    expect(formTargetForStockTrimKey('Suppliers[0].Colour')).toEqual({ kind: 'list', list: 'suppliers' });
  });

  it('answers null for whole-body and unknown keys', () => {
    for (const key of ['', '$', 'Foo', 'Foo.Bar', 'Lead Time[']) expect(formTargetForStockTrimKey(key)).toBeNull();
  });

  it('adds what to type where the message is .NET wording', () => {
    expect(explainStockTrimMessage('The JSON value could not be converted to System.Int32. Path: $.leadTime.')).toMatch(/whole number from -2147483648 to 2147483647/);
    expect(explainStockTrimMessage('The LeadTime field is required.')).toBe('The LeadTime field is required.');
  });
});
