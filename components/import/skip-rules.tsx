'use client';

import { useState } from 'react';
import type { SkipReason, SkipRule, SourceColumn } from '@/lib/import/import-types';

interface Props {
  readonly columns: readonly SourceColumn[];
  readonly rules: readonly SkipRule[];
  readonly reasons: readonly SkipReason[];
  readonly disabled: boolean;
  readonly onChange: (rules: readonly SkipRule[]) => void;
}

/**
 * "Skip rows where this column is empty / not empty": for files whose rows are not all
 * records (SQL exports with ended or top-level rows). The user states the rule; its rows are
 * counted as skipped with the rule as their reason, and the rule can be removed.
 */
export function SkipRules({ columns, rules, reasons, disabled, onChange }: Props) {
  const [column, setColumn] = useState<string>('');
  const [when, setWhen] = useState<SkipRule['when']>('blank');
  const labelOf = (index: number) => columns.find((c) => c.index === index)?.label ?? `column ${index + 1}`;

  return (
    <section aria-labelledby="skip-rules-heading" className="card space-y-3" data-testid="skip-rules">
      <h2 id="skip-rules-heading" className="text-lg font-semibold">
        Skip rows by a column
      </h2>
      <p className="text-sm text-slate-600">For rows that are not records at all. They are counted as skipped, with this rule as the reason.</p>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          Skip rows where
          <select className="field-input mt-1" value={column} disabled={disabled} onChange={(e) => setColumn(e.target.value)} data-testid="skip-rule-column">
            <option value="">— choose a column —</option>
            {columns.map((c) => (
              <option key={c.index} value={String(c.index)}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          is
          <select className="field-input mt-1" value={when} disabled={disabled} onChange={(e) => setWhen(e.target.value as SkipRule['when'])} data-testid="skip-rule-when">
            <option value="blank">empty (or NULL)</option>
            <option value="filled">not empty</option>
          </select>
        </label>
        <button
          type="button"
          className="btn-secondary"
          disabled={disabled || column === ''}
          onClick={() => {
            onChange([...rules, { column: Number(column), when }]);
            setColumn('');
          }}
        >
          Skip these rows
        </button>
      </div>
      {rules.length > 0 && (
        <ul className="space-y-1 text-sm" data-testid="skip-rule-list">
          {rules.map((rule, i) => {
            const count = reasons.find((r) => r.kind === 'column' && r.skipRule === i)?.count ?? 0;
            return (
              <li key={`${rule.column}-${rule.when}-${i}`} className="flex items-center gap-3">
                <span>
                  Rows where “{labelOf(rule.column)}” is {rule.when === 'blank' ? 'empty' : 'not empty'}: <strong data-testid="skip-rule-count">{count}</strong> skipped
                </span>
                <button type="button" className="text-indigo-700 underline" disabled={disabled} onClick={() => onChange(rules.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
