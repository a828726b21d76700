import { describe, expect, it } from 'vitest';
import { placeServerErrors } from './place-server-errors';

describe('placing a 400 answer on the form', () => {
  it('puts each message on its input and focuses the first in form order', () => {
    const set: Record<string, string> = {};
    const result = placeServerErrors(
      {
        'Suppliers[1].SupplierId': ['The SupplierId field is required.'],
        LeadTime: ['The JSON value could not be converted to System.Int32. Path: $.leadTime.'],
        Cost: ['The field Cost must be between 0 and 1.7976931348623157E+308.'],
      },
      (path, message) => {
        set[path] = message;
      },
    );
    expect(set['fields.leadTime']).toMatch(/^The JSON value could not be converted to System\.Int32\. Path: \$\.leadTime\. StockTrim takes a whole number/);
    expect(set['suppliers.1.supplierId']).toBe('The SupplierId field is required.');
    expect(result.firstPath).toBe('fields.leadTime');
    expect(result.placedCount).toBe(3);
    expect(result.unplaced).toEqual([]);
  });

  it('keeps list-wide and unknown messages for the alert', () => {
    const result = placeServerErrors(
      { Suppliers: ['Too many suppliers.'], '': ['A non-empty request body is required.'], Foo: ['No such member.'] },
      () => {
        throw new Error('nothing should be placed on an input');
      },
    );
    expect(result.lists).toEqual({ suppliers: 'Suppliers: Too many suppliers.' });
    expect(result.unplaced).toEqual(['A non-empty request body is required.', 'Foo: No such member.']);
    expect(result.firstPath).toBeNull();
  });
});
