'use client';

import type { EditHistoryState } from '@/lib/import/import-types';
import { actionLabel } from './edit-shortcuts';

interface Props {
  readonly history: EditHistoryState;
  readonly disabled: boolean;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
}

/**
 * The buttons name what they would undo or redo, so nobody has to guess which of several bulk
 * edits Ctrl+Z takes back.
 */
export function UndoRedoButtons({ history, disabled, onUndo, onRedo }: Props) {
  const undo = actionLabel('Undo', history.undoLabel);
  const redo = actionLabel('Redo', history.redoLabel);
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Undo and redo">
      <button
        type="button"
        className="btn-secondary"
        disabled={disabled || !history.canUndo}
        onClick={onUndo}
        aria-label={history.canUndo ? undo : 'Undo (nothing to undo)'}
        title={history.canUndo ? `${undo} (Ctrl+Z)` : 'Nothing to undo'}
        aria-keyshortcuts="Control+Z Meta+Z"
      >
        <span aria-hidden="true">↶</span> Undo
      </button>
      <button
        type="button"
        className="btn-secondary"
        disabled={disabled || !history.canRedo}
        onClick={onRedo}
        aria-label={history.canRedo ? redo : 'Redo (nothing to redo)'}
        title={history.canRedo ? `${redo} (Ctrl+Shift+Z or Ctrl+Y)` : 'Nothing to redo'}
        aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z"
      >
        <span aria-hidden="true">↷</span> Redo
      </button>
      {history.canUndo && (
        <span className="max-w-md truncate text-xs text-slate-500" data-testid="undo-label" title={undo}>
          {undo}
        </span>
      )}
    </div>
  );
}
