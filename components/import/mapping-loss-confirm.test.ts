import { describe, expect, it } from 'vitest';
import { mappingLossQuestion } from './mapping-loss-confirm';

const fields = [
  { key: 'weight', label: 'Weight' },
  { key: 'name', label: 'Name' },
];

describe('mappingLossQuestion', () => {
  it('asks only when a field with edits moves to another column', () => {
    const before = { weight: 3, name: 1 };
    expect(mappingLossQuestion(before, { weight: 4, name: 1 }, { editedByField: { weight: 299 } }, fields)).toBe(
      'Mapping Weight to another column removes your 299 edited cells of Weight, and clears Undo. Change it anyway?',
    );
    expect(mappingLossQuestion(before, { weight: null, name: 1 }, { editedByField: { weight: 1 } }, fields)).toContain('your 1 edited cell of Weight');
    expect(mappingLossQuestion(before, { weight: 3, name: 2 }, { editedByField: { weight: 299 } }, fields)).toBeNull();
    expect(mappingLossQuestion(before, { weight: 4, name: 1 }, { editedByField: {} }, fields)).toBeNull();
    expect(mappingLossQuestion(before, { weight: 4, name: 1 }, undefined, fields)).toBeNull();
  });
});
