'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldDef } from '@/lib/datasets/field-def';
import type { PreviewRow, RowFilter } from '@/lib/import/import-types';
import { MAX_RANGE_ROWS, type RowSelection, headerCheckState, pagesOfRange, positionRange, setRows, toggleInView, toggleRow } from './row-selection';

const ROW_HEIGHT = 44;
const PAGE = 100;
/**
 * Problems past about two lines get a "Show all" button, and only rows opened that way are
 * measured. Measuring every row would make the virtualiser recompute the position of every row
 * after each newly measured one (half a million in the largest files) as rows scroll in.
 */
const CLAMPED_PROBLEM_CHARS = 80;

interface Props {
  readonly fields: readonly FieldDef[];
  readonly total: number;
  readonly filter: RowFilter;
  /** Bumped by the parent whenever validation changed, so cached pages are fetched again. */
  readonly version: number;
  readonly loadRows: (offset: number, limit: number, filter: RowFilter) => Promise<{ rows: readonly PreviewRow[]; total: number }>;
  readonly onEdit: (rowIndex: number, fieldKey: string, raw: string) => Promise<PreviewRow | null>;
  readonly onSkip: (rowIndex: number, skipped: boolean) => Promise<void>;
  readonly readOnly: boolean;
  /** Selected rows by row index; the page owns them (the bulk-edit bar acts on them). */
  readonly selection: RowSelection;
  readonly onSelectionChange: (next: RowSelection) => void;
}

function statusOf(row: PreviewRow): { readonly text: string; readonly tone: string } {
  if (row.skipped) return { text: 'Skipped', tone: 'text-slate-500' };
  if (row.rejectedByStockTrim !== undefined) return { text: 'Rejected by StockTrim', tone: 'font-medium text-rose-700' };
  if (row.notSent) return { text: 'Not sent (push stopped)', tone: 'font-medium text-amber-700' };
  if (row.status === 'error') return { text: 'Error', tone: 'text-rose-700' };
  if (row.status === 'warning') return { text: 'Warning', tone: 'text-amber-700' };
  return { text: 'OK', tone: 'text-emerald-700' };
}

// StockTrim's answer to the last push is among the problems (the worker adds it), so it wraps
// and expands like the file's own.
function problemTexts(row: PreviewRow): string[] {
  return row.problems.map((p) => p.message);
}

function HeaderCheckbox({ state, disabled, count, onToggle }: { state: 'none' | 'some' | 'all'; disabled: boolean; count: number; onToggle: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="h-4 w-4"
      aria-label="Select all rows in view"
      title={`Select or clear the ${count} rows in view`}
      checked={state === 'all'}
      disabled={disabled || count === 0}
      onChange={onToggle}
    />
  );
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** Every row of the file, virtualised: only the visible rows are asked of the worker. */
export function PreviewGrid({ fields, total, filter, version, loadRows, onEdit, onSkip, readOnly, selection, onSelectionChange }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Map<number, readonly PreviewRow[]>>(new Map());
  const pending = useRef(new Set<number>());
  const [editing, setEditing] = useState<{ rowIndex: number; field: string; text: string } | null>(null);
  // Rows whose problems are shown in full, by row index; only these are measured.
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  // Where the last plain click on a row's box was, as a grid position, for Shift-click ranges.
  const anchor = useRef<number | null>(null);
  const [rangeNote, setRangeNote] = useState<string | null>(null);

  // No synchronous React render per scroll event: a fast wheel or a dragged scrollbar would
  // otherwise render the grid several times per frame.
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10, useFlushSync: false });
  const items = virtualizer.getVirtualItems();

  const hadExpanded = useRef(false);
  useEffect(() => {
    setPages(new Map());
    pending.current.clear();
    anchor.current = null;
    setExpanded(new Set());
    // Measured heights belong to positions, which now hold other rows.
    if (hadExpanded.current) virtualizer.measure();
    hadExpanded.current = false;
  }, [version, filter, virtualizer]);

  const ensurePage = useCallback(
    (page: number) => {
      if (pages.has(page) || pending.current.has(page)) return;
      pending.current.add(page);
      void loadRows(page * PAGE, PAGE, filter).then((res) => {
        pending.current.delete(page);
        setPages((prev) => new Map(prev).set(page, res.rows));
      });
    },
    [pages, loadRows, filter],
  );

  useEffect(() => {
    const first = items[0]?.index;
    const last = items[items.length - 1]?.index;
    if (first === undefined || last === undefined) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) ensurePage(p);
  }, [items, ensurePage]);

  async function commit() {
    if (!editing) return;
    const { rowIndex, field, text } = editing;
    setEditing(null);
    const row = await onEdit(rowIndex, field, text);
    if (!row) return;
    setPages((prev) => {
      const next = new Map(prev);
      for (const [p, rows] of next) {
        const at = rows.findIndex((r) => r.rowIndex === row.rowIndex);
        if (at >= 0) next.set(p, rows.map((r, i) => (i === at ? row : r)));
      }
      return next;
    });
  }

  function rowAt(position: number): PreviewRow | undefined {
    return pages.get(Math.floor(position / PAGE))?.[position % PAGE];
  }

  // The rows fully or partly visible (not the overscan above and below): what the header box acts on.
  const range = virtualizer.range;
  const inView: number[] = [];
  if (range) {
    for (let pos = range.startIndex; pos <= range.endIndex; pos++) {
      const row = rowAt(pos);
      if (row) inView.push(row.rowIndex);
    }
  }

  async function rowIndicesBetween(from: number, to: number): Promise<number[]> {
    const got = new Map(pages);
    const missing = pagesOfRange(from, to, PAGE).filter((p) => !got.has(p));
    for (const p of missing) got.set(p, (await loadRows(p * PAGE, PAGE, filter)).rows);
    if (missing.length > 0) setPages((prev) => new Map([...prev, ...missing.map((p) => [p, got.get(p)!] as const)]));
    const out: number[] = [];
    for (let pos = from; pos <= to; pos++) {
      const row = got.get(Math.floor(pos / PAGE))?.[pos % PAGE];
      if (row) out.push(row.rowIndex);
    }
    return out;
  }

  async function onCheck(position: number, row: PreviewRow, on: boolean, shift: boolean) {
    setRangeNote(null);
    const from = anchor.current;
    if (!shift || from === null || from === position) {
      anchor.current = position;
      onSelectionChange(toggleRow(selection, row.rowIndex, on));
      return;
    }
    const span = positionRange(from, position);
    if (span.to - span.from + 1 > MAX_RANGE_ROWS) {
      setRangeNote(`A Shift-click range can hold up to ${MAX_RANGE_ROWS.toLocaleString('en')} rows; this one has ${(span.to - span.from + 1).toLocaleString('en')}. Select it in parts, or narrow the rows with a filter first.`);
      return;
    }
    // The rows between take the state the clicked box is turning to, as in a file manager.
    onSelectionChange(setRows(selection, await rowIndicesBetween(span.from, span.to), on));
  }

  function toggleExpanded(position: number, rowIndex: number) {
    const open = !expanded.has(rowIndex);
    hadExpanded.current ||= open;
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open) next.add(rowIndex);
      else next.delete(rowIndex);
      return next;
    });
    if (!open) virtualizer.resizeItem(position, ROW_HEIGHT);
  }

  const headerState = headerCheckState(selection, inView);
  const template = `2.5rem 4.5rem 8rem repeat(${fields.length}, minmax(9rem, 1fr)) minmax(16rem, 2fr)`;
  // The sum of the template's smallest widths: with many columns the rows are wider than the
  // page, so they scroll sideways inside the grid instead of widening the page.
  const minWidth = `${2.5 + 4.5 + 8 + 9 * fields.length + 16}rem`;

  return (
    <div className="min-w-0 overflow-hidden rounded border border-slate-200 bg-white" role="table" aria-label="Rows to import" aria-rowcount={total + 1}>
      {/* The header stays above the scroller (the virtualised rows start at its top) and follows
          its sideways scroll; the same scrollbar gutter on both keeps the columns aligned. */}
      <div ref={header} className="overflow-hidden border-b border-slate-200 bg-slate-100 [scrollbar-gutter:stable]" data-testid="preview-header">
        <div className="grid text-left text-xs font-semibold" style={{ gridTemplateColumns: template, minWidth }} role="row">
          <div className="flex items-center px-2 py-2" role="columnheader" aria-label="Selected">
            <HeaderCheckbox state={headerState} disabled={readOnly} count={inView.length} onToggle={() => onSelectionChange(toggleInView(selection, inView))} />
          </div>
          <div className="px-2 py-2" role="columnheader">
            Row
          </div>
          <div className="px-2 py-2" role="columnheader">
            Status
          </div>
          {fields.map((f) => (
            <div key={f.key} className="truncate px-2 py-2" role="columnheader" title={f.help}>
              {f.label}
            </div>
          ))}
          <div className="px-2 py-2" role="columnheader">
            Problems
          </div>
        </div>
      </div>
      {/* Contained, so rows coming and going re-lay out the grid only, not the long page around it. */}
      <div
        ref={scroller}
        className="h-[28rem] overflow-auto [scrollbar-gutter:stable]"
        style={{ contain: 'strict' }}
        data-testid="preview-scroller"
        onScroll={(e) => {
          if (header.current) header.current.scrollLeft = e.currentTarget.scrollLeft;
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const isOpen = row !== undefined && expanded.has(row.rowIndex);
            const problems = row ? problemTexts(row) : [];
            const long = problems.join(' ').length > CLAMPED_PROBLEM_CHARS || problems.length > 2;
            const status = row ? statusOf(row) : null;
            const flagged = row && !row.skipped && (row.status === 'error' || row.rejectedByStockTrim !== undefined);
            const isSelected = row !== undefined && selection.has(row.rowIndex);
            return (
              <div
                key={item.key}
                ref={isOpen ? virtualizer.measureElement : undefined}
                data-index={item.index}
                role="row"
                data-row-number={row?.rowNumber}
                data-status={row ? (row.rejectedByStockTrim !== undefined ? 'rejected' : row.skipped ? 'skipped' : row.status) : undefined}
                className={`absolute left-0 grid w-full border-b border-slate-100 text-sm ${isSelected ? 'bg-indigo-50' : flagged ? 'bg-rose-50/40' : ''}`}
                style={{ top: item.start, ...(isOpen ? { minHeight: ROW_HEIGHT, contain: 'layout paint' } : { height: ROW_HEIGHT, contain: 'strict' }), gridTemplateColumns: template }}
              >
                <div className="flex items-start px-2 py-1.5" role="cell">
                  {row && (
                    <input
                      type="checkbox"
                      className="h-4 w-4"
                      aria-label={`Select row ${row.rowNumber}`}
                      checked={isSelected}
                      disabled={readOnly}
                      onChange={(e) => void onCheck(item.index, row, e.target.checked, (e.nativeEvent as MouseEvent).shiftKey === true)}
                    />
                  )}
                </div>
                <div className="px-2 py-1 font-mono text-xs text-slate-500" role="cell">
                  {row?.rowNumber ?? '…'}
                </div>
                <div role="cell" className="overflow-hidden px-2 py-1 text-xs leading-4">
                  {row && status && (
                    <>
                      <span className={status.tone} title={row.rejectedByStockTrim} data-testid="row-status">
                        {status.text}
                      </span>
                      {/* A row skipped by a rule comes back by changing the rule, not row by row. */}
                      {!readOnly && !row.skipReason && (
                        <button type="button" className="ml-2 text-indigo-700 underline" onClick={() => void onSkip(row.rowIndex, !row.skipped)} aria-label={`${row.skipped ? 'Include' : 'Skip'} row ${row.rowNumber}`}>
                          {row.skipped ? 'Include' : 'Skip'}
                        </button>
                      )}
                      {row.skipReason && (
                        <span className="block truncate text-slate-500" title={row.skipReason} data-testid="skip-reason">
                          {row.skipReason}
                        </span>
                      )}
                    </>
                  )}
                </div>
                {fields.map((f) => {
                  if (!row) return <div key={f.key} role="cell" />;
                  const cell = row.cells[f.key];
                  const problems = row.problems.filter((p) => p.field === f.key);
                  const error = problems.find((p) => p.severity === 'error');
                  const isEditing = editing?.rowIndex === row.rowIndex && editing.field === f.key;
                  const raw = cell?.raw ?? '';
                  const sent = valueText(cell?.value);
                  return (
                    <div
                      key={f.key}
                      role="cell"
                      data-field={f.key}
                      data-invalid={error ? 'true' : undefined}
                      title={problems.map((p) => p.message).join('\n') || undefined}
                      className={`overflow-hidden px-2 py-1 ${error ? 'bg-rose-100 ring-1 ring-inset ring-rose-400' : problems.length ? 'bg-amber-50' : ''}`}
                    >
                      {isEditing ? (
                        <input
                          autoFocus
                          aria-label={`${f.label}, row ${row.rowNumber}`}
                          className="w-full rounded border border-indigo-400 px-1 text-sm"
                          value={editing.text}
                          onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                          onBlur={() => void commit()}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') void commit();
                            if (e.key === 'Escape') setEditing(null);
                          }}
                        />
                      ) : (
                        <button
                          type="button"
                          disabled={readOnly}
                          className="block w-full truncate text-left"
                          aria-label={`${f.label}, row ${row.rowNumber}: ${raw || 'empty'}${error ? `. Problem: ${error.message}` : ''}. Edit`}
                          onClick={() => setEditing({ rowIndex: row.rowIndex, field: f.key, text: raw })}
                        >
                          <span className={cell?.edited ? 'font-semibold text-indigo-800' : ''}>{raw || <span className="text-slate-400">—</span>}</span>
                          {sent !== '' && sent !== raw && <span className="ml-1 text-xs text-slate-500">→ {sent}</span>}
                          {/* Text read as an empty cell (NULL, a blank made of spaces) says so, or it would look sent as typed. */}
                          {sent === '' && !error && raw.trim() !== '' && cell?.value === null && <span className="ml-1 text-xs text-slate-500">→ empty</span>}
                          {cell?.fromFallback && <span className="block truncate text-xs text-indigo-700">from “{cell.fromFallback}”</span>}
                          {error && <span className="block truncate text-xs text-rose-700">{error.message}</span>}
                        </button>
                      )}
                    </div>
                  );
                })}
                <div role="cell" className="flex min-w-0 items-start gap-2 px-2 py-1 text-xs leading-4 text-slate-700" title={problems.join('\n') || undefined} data-testid="row-problems">
                  <p id={row ? `problems-${row.rowIndex}` : undefined} className={`min-w-0 flex-1 whitespace-normal break-words ${isOpen ? '' : 'line-clamp-2'}`}>
                    {problems.join(' ')}
                  </p>
                  {row && long && (
                    <button
                      type="button"
                      className="shrink-0 text-indigo-700 underline"
                      aria-expanded={isOpen}
                      aria-controls={`problems-${row.rowIndex}`}
                      aria-label={`${isOpen ? 'Show less of' : 'Show all'} the problems of row ${row.rowNumber}`}
                      onClick={() => toggleExpanded(item.index, row.rowIndex)}
                    >
                      {isOpen ? 'Show less' : 'Show all'}
                    </button>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
      {rangeNote && (
        <p role="status" className="border-t border-slate-200 px-3 py-2 text-xs text-amber-800">
          {rangeNote}
        </p>
      )}
    </div>
  );
}
