'use client';

import type { DatasetDef } from '@/lib/datasets/field-def';
import type { ColumnMapping, SourceColumn } from '@/lib/import/import-types';

interface Props {
  readonly dataset: DatasetDef;
  readonly columns: readonly SourceColumn[];
  readonly mapping: ColumnMapping;
  readonly notes: readonly string[];
  readonly onChange: (mapping: ColumnMapping) => void;
  readonly disabled: boolean;
}

export function ColumnMappingEditor({ dataset, columns, mapping, notes, onChange, disabled }: Props) {
  const used = new Set(Object.values(mapping).filter((v): v is number => v !== null));
  const unmapped = columns.filter((c) => !used.has(c.index));
  const duplicates = columns.filter((c) => c.duplicate);

  function choose(fieldKey: string, value: string) {
    const index = value === '' ? null : Number(value);
    const next: ColumnMapping = { ...mapping };
    // One source column feeds one field: taking it here frees it elsewhere.
    if (index !== null) for (const [k, v] of Object.entries(next)) if (v === index) next[k] = null;
    next[fieldKey] = index;
    onChange(next);
  }

  // Required and mapped fields first; the rest stay one click away, so a long list of optional
  // fields does not hide what matters.
  const isPrimary = (key: string, required: boolean) => required || (mapping[key] ?? null) !== null;
  const primary = dataset.fields.filter((f) => isPrimary(f.key, f.required));
  const secondary = dataset.fields.filter((f) => !isPrimary(f.key, f.required));

  function renderField(field: (typeof dataset.fields)[number]) {
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
          {columns.map((c) => (
            <option key={c.index} value={String(c.index)}>
              {c.label}
              {c.duplicate ? ` (column ${c.index + 1})` : ''}
            </option>
          ))}
        </select>
        <p id={`${id}-help`} className={`mt-1 text-xs ${missing ? 'text-rose-700' : 'text-slate-500'}`}>
          {missing ? 'Required: choose the column that holds it.' : field.help}
        </p>
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
