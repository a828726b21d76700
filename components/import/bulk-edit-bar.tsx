'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { FieldDef } from '@/lib/datasets/field-def';
import { plural } from '@/lib/text/plural';
import { type FillEmptyValues, type ReplaceValues, fillEmptySchema, matchCountText, replaceSchema } from './bulk-edit-schemas';
import { UndoRedoButtons } from './undo-redo-buttons';
import { MAX_RANGE_ROWS } from './row-selection';
import { type BulkEdits, deleteLabel } from './use-bulk-edits';

interface Props {
  /** The mapped fields: only a column that is sent can be filled or searched. */
  readonly fields: readonly FieldDef[];
  readonly edits: BulkEdits;
  /** Bumped whenever the rows changed, so the match count is asked again. */
  readonly version: number;
  /** Rows the grid's filter shows, all of them (not only those on screen). */
  readonly shownTotal: number;
}

/** How long typing pauses before the match count is asked; each ask reads the whole column in the worker. */
const COUNT_DELAY_MS = 250;

/** Keeps a form's column choice among the mapped fields when the mapping changes under it. */
function useColumnChoice(fields: readonly FieldDef[], current: string, set: (key: string) => void) {
  useEffect(() => {
    if (fields.length > 0 && !fields.some((f) => f.key === current)) set(fields[0]!.key);
  }, [fields, current, set]);
}

function ColumnSelect({ id, label, fields, disabled, ...rest }: { id: string; label: string; fields: readonly FieldDef[]; disabled: boolean } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select id={id} className="field-input mt-1" disabled={disabled} {...rest}>
        {fields.map((f) => (
          <option key={f.key} value={f.key}>
            {f.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function FillEmptyForm({ fields, edits, disabled }: { fields: readonly FieldDef[]; edits: BulkEdits; disabled: boolean }) {
  const id = useId();
  const form = useForm<FillEmptyValues>({ resolver: zodResolver(fillEmptySchema), defaultValues: { fieldKey: fields[0]?.key ?? '', value: '', onlySelected: false } });
  const { errors } = form.formState;
  const fieldKey = useWatch({ control: form.control, name: 'fieldKey' });
  const setValue = form.setValue;
  useColumnChoice(fields, fieldKey, (k) => setValue('fieldKey', k));
  const selected = edits.selection.size;

  async function submit(values: FillEmptyValues) {
    await edits.fillEmpty({
      fieldKey: values.fieldKey,
      value: values.value,
      ...(values.onlySelected && selected > 0 ? { rowIndices: [...edits.selection] } : {}),
    });
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="space-y-2" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="text-sm font-semibold">
        Fill empty cells
      </h3>
      <ColumnSelect id={`${id}-field`} label="Column to fill" fields={fields} disabled={disabled} {...form.register('fieldKey')} />
      <div>
        <label htmlFor={`${id}-value`} className="block text-xs font-medium text-slate-700">
          Fill with
        </label>
        <input
          id={`${id}-value`}
          className="field-input mt-1"
          autoComplete="off"
          disabled={disabled}
          aria-invalid={!!errors.value}
          aria-describedby={errors.value ? `${id}-value-error` : undefined}
          {...form.register('value')}
        />
        {errors.value && (
          <p id={`${id}-value-error`} role="alert" className="mt-1 text-xs text-rose-700">
            {errors.value.message}
          </p>
        )}
      </div>
      {selected > 0 && (
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" disabled={disabled} {...form.register('onlySelected')} />
          Only in the {plural(selected, 'selected row')}
        </label>
      )}
      <p className="text-xs text-slate-500">Cells with text are left as they are; rows you skipped are not filled.</p>
      <button type="submit" className="btn-primary" disabled={disabled}>
        Fill empty cells
      </button>
    </form>
  );
}

function ReplaceForm({ fields, edits, disabled, version }: { fields: readonly FieldDef[]; edits: BulkEdits; disabled: boolean; version: number }) {
  const id = useId();
  const form = useForm<ReplaceValues>({
    resolver: zodResolver(replaceSchema),
    defaultValues: { fieldKey: fields[0]?.key ?? '', find: '', replace: '', matchCase: false, wholeCell: false },
  });
  const { errors } = form.formState;
  const values = useWatch({ control: form.control }) as ReplaceValues;
  const setValue = form.setValue;
  useColumnChoice(fields, values.fieldKey, (k) => setValue('fieldKey', k));

  // The count before applying: a dry run in the worker, asked when typing pauses; an answer to
  // an older question is dropped so the number always matches what is in the boxes.
  const [matches, setMatches] = useState<{ count: number | null; for: string } | null>(null);
  const asked = useRef(0);
  const { fieldKey, find, replace, matchCase, wholeCell } = values;
  const question = JSON.stringify([fieldKey, find, replace, matchCase, wholeCell, version]);
  const { countMatches } = edits;
  useEffect(() => {
    if (!fieldKey || !find || disabled) return;
    const n = ++asked.current;
    const timer = setTimeout(() => {
      void countMatches({ fieldKey, find, replace: replace ?? '', matchCase: !!matchCase, wholeCell: !!wholeCell }).then((count) => {
        if (n === asked.current) setMatches({ count, for: question });
      });
    }, COUNT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [fieldKey, find, replace, matchCase, wholeCell, disabled, countMatches, question]);
  const current = find && matches?.for === question ? matches.count : undefined;

  async function submit(v: ReplaceValues) {
    await edits.replaceInColumn(v);
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="space-y-2" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="text-sm font-semibold">
        Find and replace
      </h3>
      <ColumnSelect id={`${id}-field`} label="Column to search" fields={fields} disabled={disabled} {...form.register('fieldKey')} />
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`${id}-find`} className="block text-xs font-medium text-slate-700">
            Find
          </label>
          <input
            id={`${id}-find`}
            className="field-input mt-1"
            autoComplete="off"
            disabled={disabled}
            aria-invalid={!!errors.find}
            aria-describedby={`${id}-count${errors.find ? ` ${id}-find-error` : ''}`}
            {...form.register('find')}
          />
        </div>
        <div>
          <label htmlFor={`${id}-replace`} className="block text-xs font-medium text-slate-700">
            Replace with
          </label>
          <input id={`${id}-replace`} className="field-input mt-1" autoComplete="off" disabled={disabled} placeholder="(nothing)" {...form.register('replace')} />
        </div>
      </div>
      {errors.find && (
        <p id={`${id}-find-error`} role="alert" className="text-xs text-rose-700">
          {errors.find.message}
        </p>
      )}
      <div className="flex flex-wrap gap-4 text-xs">
        <label className="flex items-center gap-2">
          <input type="checkbox" disabled={disabled} {...form.register('matchCase')} />
          Match case
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" disabled={disabled} {...form.register('wholeCell')} />
          Whole cell only
        </label>
      </div>
      <p id={`${id}-count`} role="status" aria-live="polite" className="min-h-4 text-xs text-slate-700" data-testid="replace-match-count">
        {!find || disabled ? '' : current === undefined ? 'Counting…' : current === null ? 'Could not count the matches.' : matchCountText(current)}
      </p>
      <button type="submit" className="btn-primary" disabled={disabled || current === 0}>
        Replace all
      </button>
    </form>
  );
}

function DeleteSelected({ edits, disabled, shownTotal }: { edits: BulkEdits; disabled: boolean; shownTotal: number }) {
  const id = useId();
  const count = edits.selection.size;
  const canSelectShown = shownTotal > 0 && shownTotal <= MAX_RANGE_ROWS && count !== shownTotal;
  return (
    <div className="space-y-2" role="group" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="text-sm font-semibold">
        Selected rows
      </h3>
      <p className="text-sm" data-testid="selected-count">
        {count === 0 ? 'No rows selected.' : `${plural(count, 'row')} selected.`}
      </p>
      <p id={`${id}-help`} className="text-xs text-slate-500">
        Tick rows in the grid; Shift-click a second box to select the rows between. Deleted rows are not sent: they are counted as skipped by you, and Undo
        brings them back.
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-danger" disabled={disabled || count === 0} aria-describedby={`${id}-help`} onClick={() => void edits.deleteSelected()}>
          {count === 0 ? 'Delete selected rows' : deleteLabel(count)}
        </button>
        {canSelectShown && (
          <button type="button" className="btn-secondary" disabled={disabled} onClick={() => void edits.selectAllShown()}>
            Select all {plural(shownTotal, 'row')} shown
          </button>
        )}
        {count > 0 && (
          <button type="button" className="btn-secondary" disabled={disabled} onClick={() => edits.setSelection(new Set())}>
            Clear selection
          </button>
        )}
      </div>
    </div>
  );
}

/** Fill, find and replace, delete: the edits that fix many rows at once, each undoable. */
export function BulkEditBar({ fields, edits, version, shownTotal }: Props) {
  const disabled = !edits.enabled || edits.running || fields.length === 0;
  return (
    <section className="card space-y-4" aria-labelledby="bulk-edit-heading" data-testid="bulk-edit-bar">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="bulk-edit-heading" className="text-lg font-semibold">
          Fix many rows at once
        </h2>
        <UndoRedoButtons history={edits.history} disabled={!edits.enabled || edits.running} onUndo={() => void edits.undo()} onRedo={() => void edits.redo()} />
      </div>
      <p
        role="status"
        aria-live="polite"
        data-testid="bulk-edit-message"
        className={`min-h-5 text-sm ${edits.notice?.tone === 'error' ? 'text-rose-700' : 'text-slate-700'}`}
      >
        {edits.running ? 'Working…' : (edits.notice?.text ?? '')}
      </p>
      <div className="grid gap-6 md:grid-cols-3">
        <FillEmptyForm fields={fields} edits={edits} disabled={disabled} />
        <ReplaceForm fields={fields} edits={edits} disabled={disabled} version={version} />
        <DeleteSelected edits={edits} disabled={disabled} shownTotal={shownTotal} />
      </div>
    </section>
  );
}
