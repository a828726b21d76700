'use client';

import { useFormContext } from 'react-hook-form';
import type { FieldDef } from '@/lib/datasets/field-def';
import type { ProductFormValues } from '@/lib/products/product-form-values';
import { describedBy, errorId, helpId, inputId, noteId } from './field-ids';

const placeholders: Partial<Record<FieldDef['type'], string>> = {
  fraction: 'e.g. 95% or 0.95',
};

const inputModes: Partial<Record<FieldDef['type'], 'decimal' | 'numeric'>> = {
  fraction: 'decimal',
  integer: 'numeric',
  number: 'decimal',
};

interface ProductFieldInputProps {
  readonly field: FieldDef;
  readonly readOnly?: boolean;
  /** Why the field is read-only, shown instead of its help. */
  readonly readOnlyHelp?: string;
  /** The value the form opened with, when the field has been emptied since (StockTrim keeps it). */
  readonly clearedFrom?: string;
}

/** One registry field: its label, help and problems all come from the FieldDef and the schema. */
export function ProductFieldInput({ field, readOnly = false, readOnlyHelp, clearedFrom }: ProductFieldInputProps) {
  const { register, formState } = useFormContext<ProductFormValues>();
  const path = `fields.${field.key}` as const;
  const id = inputId(path);
  const error = formState.errors.fields?.[field.key]?.message;
  const note = clearedFrom !== undefined;

  if (field.type === 'boolean') {
    return (
      <div className="flex items-start gap-3 pt-6">
        <input id={id} type="checkbox" className="mt-1 h-4 w-4 rounded border-slate-300" aria-describedby={describedBy(path, { help: true, error: !!error })} aria-invalid={!!error} {...register(path)} />
        <div>
          <label htmlFor={id} className="block text-sm font-medium">
            {field.label}
          </label>
          <p id={helpId(path)} className="text-xs text-slate-500">
            {field.help}
          </p>
          {error && (
            <p id={errorId(path)} role="alert" className="mt-1 text-sm text-rose-700">
              {error}
            </p>
          )}
        </div>
      </div>
    );
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {field.label}
        {field.required && <span className="text-rose-700"> (required)</span>}
      </label>
      <input
        id={id}
        type="text"
        inputMode={inputModes[field.type]}
        autoComplete="off"
        spellCheck={field.type === 'text'}
        placeholder={placeholders[field.type]}
        readOnly={readOnly}
        aria-required={field.required}
        aria-invalid={!!error}
        aria-describedby={describedBy(path, { help: true, error: !!error, note })}
        className={`field-input mt-1 ${field.type === 'code' ? 'font-mono' : ''} ${readOnly ? 'bg-slate-100 text-slate-600' : ''} ${error ? 'border-rose-500' : ''}`}
        {...register(path)}
      />
      <p id={helpId(path)} className="mt-1 text-xs text-slate-500">
        {readOnly && readOnlyHelp ? readOnlyHelp : field.help}
      </p>
      {note && (
        <p id={noteId(path)} className="mt-1 text-xs text-amber-800">
          Left blank, so StockTrim keeps its stored value “{clearedFrom}”: StockTrim never clears a value sent blank.
          {field.type !== 'code' && field.type !== 'text' ? ' Enter 0 to reset it.' : ''}
        </p>
      )}
      {error && (
        <p id={errorId(path)} role="alert" className="mt-1 text-sm text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
