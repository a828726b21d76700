'use client';

import { useRef } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import type { ProductListDef } from '@/lib/datasets/product-field-groups';
import { type ProductFormValues, emptyListItem } from '@/lib/products/product-form-values';
import { describedBy, errorId, inputId } from './field-ids';

/** An editable list (suppliers, stock per location): add, remove and reorder, all by keyboard. */
export function ProductListEditor({ list, problem }: { readonly list: ProductListDef; readonly problem?: string }) {
  const { control, register, formState } = useFormContext<ProductFormValues>();
  const { fields, append, remove, move } = useFieldArray({ control, name: list.key });
  const addButton = useRef<HTMLButtonElement>(null);
  const headingId = `product-${list.key}-heading`;
  const itemErrors = formState.errors[list.key];

  // Moving a row moves its DOM node, which drops focus; put it back on the same control.
  const moveAndFocus = (from: number, to: number, control: 'up' | 'down') => {
    move(from, to);
    requestAnimationFrame(() => {
      const target = document.getElementById(`${list.key}-${to}-${control}`) as HTMLButtonElement | null;
      (target && !target.disabled ? target : document.getElementById(`${list.key}-${to}-remove`))?.focus();
    });
  };

  return (
    <section aria-labelledby={headingId} className="space-y-3 md:col-span-full" data-testid={`list-${list.key}`}>
      <div>
        <h3 id={headingId} className="text-sm font-semibold">
          {list.label}
        </h3>
        <p className="text-xs text-slate-500">{list.help}</p>
      </div>
      {problem && (
        <p role="alert" className="text-sm text-rose-700">
          {problem}
        </p>
      )}
      {fields.length === 0 ? (
        <p className="text-sm text-slate-500">No {list.itemLabel}s yet.</p>
      ) : (
        <ol className="space-y-2">
          {fields.map((item, index) => {
            const n = index + 1;
            return (
              <li key={item.id} className="rounded-md border border-slate-200 bg-slate-50 p-3">
                <fieldset className="space-y-2">
                  <legend className="text-xs font-medium uppercase tracking-wide text-slate-500">
                    {list.itemLabel} {n}
                  </legend>
                  <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto]">
                    {list.fields.map((field) => {
                      const path = `${list.key}.${index}.${field.key}` as const;
                      const error = itemErrors?.[index]?.[field.key]?.message;
                      return (
                        <div key={field.key}>
                          <label htmlFor={inputId(path)} className="block text-xs font-medium">
                            {field.label}
                            {field.required && <span className="text-rose-700"> (required)</span>}
                          </label>
                          <input
                            id={inputId(path)}
                            type="text"
                            autoComplete="off"
                            title={field.help}
                            inputMode={field.type === 'number' ? 'decimal' : undefined}
                            aria-required={field.required}
                            aria-invalid={!!error}
                            aria-describedby={describedBy(path, { error: !!error })}
                            className={`field-input mt-1 ${field.type === 'code' ? 'font-mono' : ''} ${error ? 'border-rose-500' : ''}`}
                            {...register(path)}
                          />
                          {error && (
                            <p id={errorId(path)} role="alert" className="mt-1 text-xs text-rose-700">
                              {error}
                            </p>
                          )}
                        </div>
                      );
                    })}
                    <div className="flex items-end gap-1">
                      <button
                        id={`${list.key}-${index}-up`}
                        type="button"
                        className="btn-secondary px-2"
                        disabled={index === 0}
                        aria-label={`Move ${list.itemLabel} ${n} up`}
                        onClick={() => moveAndFocus(index, index - 1, 'up')}
                      >
                        ↑
                      </button>
                      <button
                        id={`${list.key}-${index}-down`}
                        type="button"
                        className="btn-secondary px-2"
                        disabled={index === fields.length - 1}
                        aria-label={`Move ${list.itemLabel} ${n} down`}
                        onClick={() => moveAndFocus(index, index + 1, 'down')}
                      >
                        ↓
                      </button>
                      <button
                        id={`${list.key}-${index}-remove`}
                        type="button"
                        className="btn-secondary px-2 text-rose-700"
                        aria-label={`Remove ${list.itemLabel} ${n}`}
                        onClick={() => {
                          remove(index);
                          requestAnimationFrame(() => addButton.current?.focus());
                        }}
                      >
                        Remove
                      </button>
                    </div>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      <button ref={addButton} type="button" className="btn-secondary" disabled={fields.length >= list.maxItems} onClick={() => append(emptyListItem(list))}>
        Add {list.itemLabel}
      </button>
    </section>
  );
}
