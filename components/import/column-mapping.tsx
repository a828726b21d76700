'use client';

import { useState } from 'react';
import { type FieldDef, fallbackKey } from '@/lib/datasets/field-def';
import type { ColumnMapping, SourceColumn } from '@/lib/import/import-types';

interface Props {
  /** The fields rows are checked against (the registry's, plus any location columns). */
  readonly fields: readonly FieldDef[];
  readonly columns: readonly SourceColumn[];
  readonly mapping: ColumnMapping;
  readonly notes: readonly string[];
  readonly onChange: (mapping: ColumnMapping) => void;
  readonly disabled: boolean;
}

export function ColumnMappingEditor({ fields, columns, mapping, notes, onChange, disabled }: Props) {
  const used = new Set(Object.values(mapping).filter((v): v is number => v !== null));
  const unmapped = columns.filter((c) => !used.has(c.index));
  const duplicates = columns.filter((c) => c.duplicate);

  // Said out loud: a field that silently lost its column is how a file ends up half mapped.
  const [moved, setMoved] = useState<string | null>(null);

  function choose(fieldKey: string, value: string) {
    const index = value === '' ? null : Number(value);
    const next: ColumnMapping = { ...mapping };
    // One source column feeds one field: taking it here frees it elsewhere.
    const freed: string[] = [];
    if (index !== null) {
      for (const [k, v] of Object.entries(next)) {
        if (v === index && k !== fieldKey) {
          next[k] = null;
          freed.push(fields.find((f) => f.key === k)?.label ?? k);
        }
      }
    }
    next[fieldKey] = index;
    const column = columns.find((c) => c.index === index)?.label;
    const label = fields.find((f) => f.key === fieldKey)?.label ?? fieldKey;
    setMoved(freed.length > 0 && column ? `“${column}” now feeds ${label}, so ${freed.join(' and ')} ${freed.length === 1 ? 'is' : 'are'} no longer mapped.` : null);
    onChange(next);
  }

  // Required and mapped fields first; the rest stay one click away, so a long list of optional
  // fields does not hide what matters.
  const isPrimary = (key: string, required: boolean) => required || (mapping[key] ?? null) !== null;
  const primary = fields.filter((f) => isPrimary(f.key, f.required));
  const secondary = fields.filter((f) => !isPrimary(f.key, f.required));

  function columnOptions() {
    return columns.map((c) => (
      <option key={c.index} value={String(c.index)}>
        {c.label}
        {c.duplicate ? ` (column ${c.index + 1})` : ''}
      </option>
    ));
  }

  /** The column read when the field's own cell is empty (Shopify's Handle for a missing SKU). */
  function renderFallback(field: FieldDef) {
    if (!field.fallback) return null;
    const key = fallbackKey(field.key);
    const id = `map-${key}`;
    const current = mapping[key] ?? null;
    return (
      <div className="mt-2 border-l-2 border-indigo-200 pl-2">
        <label htmlFor={id} className="block text-xs font-medium">
          {field.fallback.label}
        </label>
        <select id={id} data-field={key} className="field-input mt-1" value={current === null ? '' : String(current)} disabled={disabled} onChange={(e) => choose(key, e.target.value)}>
          <option value="">— none: an empty cell stays empty —</option>
          {columnOptions()}
        </select>
        <p className="mt-1 text-xs text-slate-500" data-testid={`fallback-${field.key}`}>
          {current === null ? field.fallback.help : `When ${field.label} is empty in a row, “${columns.find((c) => c.index === current)?.label ?? ''}” is read instead.`}
        </p>
      </div>
    );
  }

  function renderField(field: FieldDef) {
    const id = `map-${field.key}`;
    const current = mapping[field.key] ?? null;
    const missing = field.required && current === null;
    return (
      <div key={field.key}>
        <label htmlFor={id} className="block text-sm font-medium">
          {field.label}
          {field.required && (
            <span className="text-rose-700" aria-label="required">
              {' '}
              *
            </span>
          )}
        </label>
        <select
          id={id}
          data-field={field.key}
          className={`field-input mt-1 ${missing ? 'border-rose-500' : ''}`}
          value={current === null ? '' : String(current)}
          disabled={disabled}
          aria-describedby={`${id}-help`}
          onChange={(e) => choose(field.key, e.target.value)}
        >
          <option value="">— not in my file —</option>
          {columnOptions()}
        </select>
        <p id={`${id}-help`} className={`mt-1 text-xs ${missing ? 'text-rose-700' : 'text-slate-500'}`}>
          {missing ? 'Required: choose the column that holds it.' : field.help}
        </p>
        {renderFallback(field)}
      </div>
    );
  }

  return (
    <section aria-labelledby="mapping-heading" className="card space-y-4">
<h2 id="mapping-heading" className="text-lg font-semibold">
  Match your columns to StockTrim fields
</h2>
{duplicates.length > 0 && (
  <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">
    Some columns share a header ({[...new Set(duplicates.map((c) => c.header))].join(', ')}). They are listed separately by position; choose which
    one feeds each field.
  </p>
)}
<div className="grid gap-3 md:grid-cols-2 lg:grid-cols-3">{primary.map(renderField)}</div>
{secondary.length > 0 && (
  <details className="rounded border border-slate-200 p-3">
    <summary className="cursor-pointer text-sm font-medium">More StockTrim fields ({secondary.length} not in your file)</summary>
    <div className="mt-3 grid gap-3 md:grid-cols-2 lg:grid-cols-3">{secondary.map(renderField)}</div>
  </details>
)}
{moved && (
  <p className="text-sm text-amber-800" role="status" data-testid="mapping-moved">
    {moved}
  </p>
)}
{notes.length > 0 && (
  <ul className="list-disc pl-5 text-sm text-slate-700" data-testid="mapping-notes">
    {notes.map((n) => (
      <li key={n}>{n}</li>
    ))}
  </ul>
)}
<div className="text-sm text-slate-600" data-testid="unmapped-columns">
  {unmapped.length === 0 ? (
    'Every column in the file is used.'
  ) : (
    <>
      Not sent to StockTrim ({unmapped.length}): {unmapped.map((c) => c.label).join(', ')}
    </>
  )}
</div>
    </section>
  );
}
