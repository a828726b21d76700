import { describe, expect, it } from 'vitest';
import { CellChanges, EditHistory, SkipChanges, type EditEntry } from './edit-history';
import { replaceLiteral } from './bulk-edit';

function entry(description: string, cellCount: number, skipCount = 0): EditEntry {
  const cells = new CellChanges();
  for (let i = 0; i < cellCount; i++) cells.add(i, 'f', undefined, 'x');
  const skips = new SkipChanges();
  for (let i = 0; i < skipCount; i++) skips.add(i, true);
  return { description, cells: cells.seal(), skips: skips.seal(), clearedMarks: new Map(), marksGeneration: 0 };
}

describe('CellChanges', () => {
  it('keeps one text while all changes share it, and each change once they differ', () => {
    const c = new CellChanges();
    for (let r = 0; r < 100; r++) c.add(r, 'supplierCode', undefined, 'ACME');
    c.add(100, 'name', 'old', 'new');
    c.seal();
    expect(c.length).toBe(101);
    expect([c.row(5), c.field(5), c.before(5), c.after(5)]).toEqual([5, 'supplierCode', undefined, 'ACME']);
    expect([c.row(100), c.field(100), c.before(100), c.after(100)]).toEqual([100, 'name', 'old', 'new']);
  });

  it('SkipChanges remembers the flag each row gets', () => {
    const s = new SkipChanges();
    s.add(3, true);
    s.add(9, false);
    expect([s.length, s.row(1), s.skippedAfter(0), s.skippedAfter(1)]).toEqual([2, 9, true, false]);
  });
});

describe('EditHistory', () => {
  it('undo moves to redo, redo back; a new entry clears redo', () => {
    const h = new EditHistory();
    expect(h.state()).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
    h.record(entry('fill of 2 empty Location code cells', 2));
    h.record(entry('delete of 1 row', 0, 1));
    expect(h.state().undoLabel).toBe('Undo delete of 1 row');
    h.undone();
    expect(h.state()).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Undo fill of 2 empty Location code cells', redoLabel: 'Redo delete of 1 row' });
    h.redone();
    expect(h.state()).toMatchObject({ canRedo: false, undoLabel: 'Undo delete of 1 row' });
    h.undone();
    h.record(entry('edit of Name in row 2', 1));
    expect(h.state()).toMatchObject({ canRedo: false, redoLabel: null, undoLabel: 'Undo edit of Name in row 2' });
    expect(h.storedChanges).toBe(3);
  });

  it('beyond its capacity drops the oldest entries, never the newest', () => {
    const h = new EditHistory(10);
    h.record(entry('a', 4));
    h.record(entry('b', 4));
    expect(h.undoDepth).toBe(2);
    h.record(entry('c', 4));
    expect(h.undoDepth).toBe(2);
    expect(h.storedChanges).toBe(8);
    h.record(entry('huge', 50));
    expect(h.undoDepth).toBe(1);
    expect(h.state().undoLabel).toBe('Undo huge');
  });
});

describe('replaceLiteral', () => {
  it('replaces literally, every occurrence, with or without case', () => {
    expect(replaceLiteral('a+b a+B', 'a+b', 'x', true)).toEqual({ text: 'x a+B', count: 1 });
    expect(replaceLiteral('a+b a+B', 'A+B', 'x', false)).toEqual({ text: 'x x', count: 2 });
    expect(replaceLiteral('[1] [1]', '[1]', '$&', false)).toEqual({ text: '$& $&', count: 2 });
    expect(replaceLiteral('abc', '', 'x', true)).toEqual({ text: 'abc', count: 0 });
  });
});
