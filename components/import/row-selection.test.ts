import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, headerCheckState, pagesOfRange, positionRange, setRows, toggleInView, toggleRow } from './row-selection';

describe('row selection', () => {
  it('toggles one row without touching the others, and keeps the same set when nothing changes', () => {
    const a = toggleRow(EMPTY_SELECTION, 4, true);
    expect([...a]).toEqual([4]);
    const b = toggleRow(a, 9, true);
    expect([...b].sort()).toEqual([4, 9]);
    expect(toggleRow(b, 4, false)).toEqual(new Set([9]));
    expect(toggleRow(b, 4, true)).toBe(b);
    expect(EMPTY_SELECTION.size).toBe(0);
  });

  it('a shift-click range runs from the anchor to the click in either direction, both ends included', () => {
    expect(positionRange(3, 7)).toEqual({ from: 3, to: 7 });
    expect(positionRange(7, 3)).toEqual({ from: 3, to: 7 });
    expect(positionRange(5, 5)).toEqual({ from: 5, to: 5 });
  });

  it('a range selects or clears its rows and leaves rows outside it as they were', () => {
    const start = new Set([1, 50]);
    expect(setRows(start, [10, 11, 12], true)).toEqual(new Set([1, 50, 10, 11, 12]));
    expect(setRows(new Set([1, 10, 11, 50]), [10, 11, 12], false)).toEqual(new Set([1, 50]));
  });

  it('lists the pages a range touches, so the rows the grid never loaded can be fetched', () => {
    expect(pagesOfRange(0, 99, 100)).toEqual([0]);
    expect(pagesOfRange(95, 205, 100)).toEqual([0, 1, 2]);
    expect(pagesOfRange(300, 300, 100)).toEqual([3]);
  });

  it('the header checkbox speaks for the rows in view: none, some or all of them selected', () => {
    expect(headerCheckState(new Set([1, 2]), [])).toBe('none');
    expect(headerCheckState(new Set([99]), [1, 2, 3])).toBe('none');
    expect(headerCheckState(new Set([2]), [1, 2, 3])).toBe('some');
    expect(headerCheckState(new Set([1, 2, 3, 99]), [1, 2, 3])).toBe('all');
  });

  it('the header checkbox selects the rows in view, or clears them when all are selected; rows out of view keep their state', () => {
    expect(toggleInView(new Set([99, 2]), [1, 2, 3])).toEqual(new Set([99, 1, 2, 3]));
    expect(toggleInView(new Set([99, 1, 2, 3]), [1, 2, 3])).toEqual(new Set([99]));
  });
});
