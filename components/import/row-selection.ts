/**
 * Row selection for the preview grid, as plain functions over sets of row indices (the
 * worker's handle for a row), so the rules can be tested without a browser.
 */

export type RowSelection = ReadonlySet<number>;

export const EMPTY_SELECTION: RowSelection = new Set<number>();

/**
 * A shift-click range may reach rows the grid never loaded; their indices are fetched from the
 * worker page by page, so the range is capped to keep that (and the delete after it) quick.
 */
export const MAX_RANGE_ROWS = 10_000;

export function toggleRow(selected: RowSelection, rowIndex: number, on: boolean): RowSelection {
  if (selected.has(rowIndex) === on) return selected;
  const next = new Set(selected);
  if (on) next.add(rowIndex);
  else next.delete(rowIndex);
  return next;
}

/** Every row in `rowIndices` selected (on) or cleared (off); the rest of the selection stays. */
export function setRows(selected: RowSelection, rowIndices: Iterable<number>, on: boolean): RowSelection {
  const next = new Set(selected);
  for (const i of rowIndices) {
    if (on) next.add(i);
    else next.delete(i);
  }
  return next;
}

/**
 * Grid positions (not row indices: with a filter on, the rows between two clicks are the ones
 * shown between them) from the anchor to the clicked row, both included, in order.
 */
export function positionRange(anchor: number, target: number): { readonly from: number; readonly to: number } {
  return anchor <= target ? { from: anchor, to: target } : { from: target, to: anchor };
}

/** The pages (of `pageSize` positions) a range of positions touches. */
export function pagesOfRange(from: number, to: number, pageSize: number): number[] {
  const pages: number[] = [];
  for (let p = Math.floor(from / pageSize); p <= Math.floor(to / pageSize); p++) pages.push(p);
  return pages;
}

export type HeaderCheckState = 'none' | 'some' | 'all';

/** The header checkbox reflects the rows in view only, as that is what it acts on. */
export function headerCheckState(selected: RowSelection, inView: readonly number[]): HeaderCheckState {
  if (inView.length === 0) return 'none';
  let count = 0;
  for (const i of inView) if (selected.has(i)) count++;
  return count === 0 ? 'none' : count === inView.length ? 'all' : 'some';
}

/** Header checkbox click: clears the rows in view when all are selected, else selects them all. */
export function toggleInView(selected: RowSelection, inView: readonly number[]): RowSelection {
  return setRows(selected, inView, headerCheckState(selected, inView) !== 'all');
}
