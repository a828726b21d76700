'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunOutcome } from '@/lib/client/run-result';
import type { BulkEditResult, EditHistoryState, FillEmptyRequest, ReplaceRequest, RowFilter, ValidationSummary } from '@/lib/import/import-types';
import type { ImportWorkerClient } from '@/lib/import/import-worker-client';
import { editShortcut, isMacPlatform, isTextEntry } from './edit-shortcuts';
import { EMPTY_SELECTION, MAX_RANGE_ROWS, type RowSelection } from './row-selection';
import { plural } from '@/lib/text/plural';

export const NO_HISTORY: EditHistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };

export interface BulkEditNotice {
  readonly tone: 'info' | 'error';
  readonly text: string;
}

interface Options {
  readonly worker: () => ImportWorkerClient;
  /** False while the page is loading, pushing or showing a push result: nothing may change the rows then. */
  readonly enabled: boolean;
  /** The summary in force, to say how an edit moved the error count. */
  readonly validation: ValidationSummary | undefined;
  /** Called with the worker's summary after every edit that can touch many rows; the page reloads its rows. */
  readonly onSummary: (summary: ValidationSummary) => void;
  /**
   * The grid's filter. The selection is cleared when it changes: rows selected under one filter
   * and hidden by the next would otherwise be deleted unseen.
   */
  readonly filter: RowFilter;
}

export interface BulkEdits {
  readonly selection: RowSelection;
  readonly setSelection: (next: RowSelection) => void;
  readonly history: EditHistoryState;
  readonly notice: BulkEditNotice | null;
  /** True while an edit is on its way to the worker; the forms wait for it. */
  readonly running: boolean;
  readonly enabled: boolean;
  readonly fillEmpty: (request: FillEmptyRequest) => Promise<BulkEditResult | null>;
  readonly replaceInColumn: (request: Omit<ReplaceRequest, 'dryRun'>) => Promise<BulkEditResult | null>;
  /** How many cells a replace would change, or null when the worker could not say. */
  readonly countMatches: (request: Omit<ReplaceRequest, 'dryRun'>) => Promise<number | null>;
  readonly deleteSelected: () => Promise<BulkEditResult | null>;
  /** Selects every row the grid's filter shows (up to MAX_RANGE_ROWS), not only those on screen. */
  readonly selectAllShown: () => Promise<void>;
  readonly undo: () => Promise<BulkEditResult | null>;
  readonly redo: () => Promise<BulkEditResult | null>;
  /** A new file, or the file read again: rows are new, so the selection goes and the history is asked afresh. */
  readonly reset: () => void;
  /** Edits made elsewhere (a cell in the grid) answer the history too. */
  readonly noteHistory: (history: EditHistoryState) => void;
  /** Edits whose answer carries no history (a row skipped by hand): ask for it. */
  readonly refreshHistory: () => void;
  /** After a push: the rows StockTrim refused are marked in the grid, so they do not read as OK. */
  readonly markRunOutcome: (outcome: RunOutcome) => Promise<void>;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Bulk edits, undo / redo and the row selection of the import page. The worker does the
 * editing and keeps the history; this keeps what the page shows of it in step.
 */
export function useBulkEdits({ worker, enabled, validation, onSummary, filter }: Options): BulkEdits {
  const [selection, setSelection] = useState<RowSelection>(EMPTY_SELECTION);
  const [selectionFilter, setSelectionFilter] = useState(filter);
  if (selectionFilter !== filter) {
    setSelectionFilter(filter);
    setSelection(EMPTY_SELECTION);
  }
  const [history, setHistory] = useState<EditHistoryState>(NO_HISTORY);
  const [notice, setNotice] = useState<BulkEditNotice | null>(null);
  const [running, setRunning] = useState(false);
  const runningRef = useRef(false);
  const latest = useRef({ validation, onSummary, filter });
  useEffect(() => {
    latest.current = { validation, onSummary, filter };
  });

  const run = useCallback(
    async (op: () => Promise<BulkEditResult>, after?: () => void): Promise<BulkEditResult | null> => {
      // One edit at a time: a second click (or a held Ctrl+Z) while the first is in the worker
      // would act on rows the page has not seen yet.
      if (runningRef.current) return null;
      runningRef.current = true;
      setRunning(true);
      const errorsBefore = latest.current.validation?.withErrors;
      try {
        const result = await op();
        setHistory(result.history);
        latest.current.onSummary(result.summary);
        after?.();
        const errorsAfter = result.summary.withErrors;
        // A fill or replace can turn good rows bad (a text in a number column); say so at once
        // rather than leave it to be found in the grid.
        const moved = errorsBefore !== undefined && errorsAfter !== errorsBefore ? ` Rows with errors: ${errorsBefore} → ${errorsAfter}.` : '';
        setNotice({ tone: 'info', text: `${result.message}${moved}` });
        return result;
      } catch (e) {
        setNotice({ tone: 'error', text: errorText(e) });
        return null;
      } finally {
        runningRef.current = false;
        setRunning(false);
      }
    },
    [],
  );

  const fillEmpty = useCallback((request: FillEmptyRequest) => run(() => worker().fillEmpty(request)), [run, worker]);
  const replaceInColumn = useCallback((request: Omit<ReplaceRequest, 'dryRun'>) => run(() => worker().replaceInColumn({ ...request, dryRun: false })), [run, worker]);
  const countMatches = useCallback(
    async (request: Omit<ReplaceRequest, 'dryRun'>) => {
      try {
        return (await worker().replaceInColumn({ ...request, dryRun: true })).changedCells;
      } catch {
        return null;
      }
    },
    [worker],
  );
  const deleteSelected = useCallback(() => {
    const rows = [...selection];
    if (rows.length === 0) return Promise.resolve(null);
    return run(
      () => worker().deleteRows(rows),
      () => setSelection(EMPTY_SELECTION),
    );
  }, [run, worker, selection]);
  const undo = useCallback(() => run(() => worker().undo()), [run, worker]);
  const redo = useCallback(() => run(() => worker().redo()), [run, worker]);

  const refreshHistory = useCallback(() => {
    void worker()
      .getHistory()
      .then(setHistory)
      .catch(() => setHistory(NO_HISTORY));
  }, [worker]);

  const reset = useCallback(() => {
    setSelection(EMPTY_SELECTION);
    setNotice(null);
    setHistory(NO_HISTORY);
    refreshHistory();
  }, [refreshHistory]);

  const markRunOutcome = useCallback(
    async (outcome: RunOutcome) => {
      try {
        const summary = await worker().markPushOutcome({
          rejected: outcome.rejectedRows.map((r) => ({ rowNumber: r.rowNumber, message: r.message })),
          notSent: outcome.notSentRowNumbers,
        });
        latest.current.onSummary(summary);
      } catch (e) {
        setNotice({ tone: 'error', text: `The rows StockTrim rejected could not be marked in the grid: ${errorText(e)} The push result above lists them.` });
      }
    },
    [worker],
  );

  const selectAllShown = useCallback(async () => {
    const picked = new Set<number>();
    const pageSize = 1000;
    try {
      for (let offset = 0; offset < MAX_RANGE_ROWS; offset += pageSize) {
        const page = await worker().getRows({ offset, limit: pageSize, filter: latest.current.filter });
        for (const row of page.rows) picked.add(row.rowIndex);
        if (offset + pageSize >= page.total) break;
      }
      setSelection(picked);
    } catch (e) {
      setNotice({ tone: 'error', text: `The rows could not be selected: ${errorText(e)}` });
    }
  }, [worker]);

  const keys = useRef({ enabled, history, undo, redo });
  useEffect(() => {
    keys.current = { enabled, history, undo, redo };
  });
  useEffect(() => {
    const isMac = isMacPlatform(typeof navigator === 'undefined' ? undefined : navigator);
    function onKey(e: KeyboardEvent) {
      const shortcut = editShortcut(e, isMac);
      if (!shortcut) return;
      // In a text field the keys undo the typing, as everywhere else.
      if (isTextEntry(e.target as HTMLElement | null) || isTextEntry(document.activeElement as HTMLElement | null)) return;
      const k = keys.current;
      if (!k.enabled) return;
      e.preventDefault();
      if (shortcut === 'undo' && k.history.canUndo) void k.undo();
      if (shortcut === 'redo' && k.history.canRedo) void k.redo();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return {
    selection,
    setSelection,
    history,
    notice,
    running,
    enabled,
    fillEmpty,
    replaceInColumn,
    countMatches,
    deleteSelected,
    selectAllShown,
    undo,
    redo,
    reset,
    noteHistory: setHistory,
    refreshHistory,
    markRunOutcome,
  };
}

/** "Delete 3 selected rows". */
export function deleteLabel(count: number): string {
  return `Delete ${plural(count, 'selected row')}`;
}
