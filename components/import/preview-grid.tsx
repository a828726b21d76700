'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldDef } from '@/lib/datasets/field-def';
import type { PreviewRow, RowFilter } from '@/lib/import/import-types';

const ROW_HEIGHT = 44;
const PAGE = 100;


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
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** Every row of the file, virtualised: only the visible rows are asked of the worker. */
export function PreviewGrid({ fields, total, filter, version, loadRows, onEdit, onSkip, readOnly }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Map<number, readonly PreviewRow[]>>(new Map());
  const pending = useRef(new Set<number>());
  const [editing, setEditing] = useState<{ rowIndex: number; field: string; text: string } | null>(null);

  useEffect(() => {
    setPages(new Map());
    pending.current.clear();
  }, [version, filter]);

  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();

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

  const template = `4.5rem 6.5rem repeat(${fields.length}, minmax(9rem, 1fr)) minmax(16rem, 2fr)`;

  return (
    <div className="rounded border border-slate-200 bg-white" role="table" aria-label="Rows to import" aria-rowcount={total + 1}>
      <div className="grid border-b border-slate-200 bg-slate-100 text-left text-xs font-semibold" style={{ gridTemplateColumns: template }} role="row">
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
      <div ref={scroller} className="h-[28rem] overflow-auto" data-testid="preview-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
            return (
              <div
                key={item.key}
                role="row"
                data-row-number={row?.rowNumber}
                className={`absolute left-0 grid w-full border-b border-slate-100 text-sm ${row?.status === 'error' ? 'bg-rose-50/40' : ''}`}
                style={{ top: item.start, height: ROW_HEIGHT, gridTemplateColumns: template }}
              >
                <div className="px-2 py-1 font-mono text-xs text-slate-500" role="cell">
                  {row?.rowNumber ?? '…'}
                </div>
                <div role="cell" className="px-2 py-1 text-xs">
                  {row && (
                    <>
                      <span className={row.skipped ? 'text-slate-500' : row.status === 'error' ? 'text-rose-700' : row.status === 'warning' ? 'text-amber-700' : 'text-emerald-700'}>
                        {row.skipped ? 'Skipped' : row.status === 'error' ? 'Error' : row.status === 'warning' ? 'Warning' : 'OK'}
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
                          {cell?.fromFallback && <span className="block truncate text-xs text-indigo-700">from “{cell.fromFallback}”</span>}
                          {error && <span className="block truncate text-xs text-rose-700">{error.message}</span>}
                        </button>
                      )}
                    </div>
                  );
                })}
                <div role="cell" className="overflow-hidden px-2 py-1 text-xs text-slate-700" title={row?.problems.map((p) => p.message).join('\n') || undefined} data-testid="row-problems">
                  {row?.problems.map((p) => p.message).join(' ') ?? ''}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
