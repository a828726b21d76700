'use client';

import { useState } from 'react';
import { type OrderPlanFilters, type OrderPlanStatusFilter, orderPlanStatusValues } from '@/lib/forecast-types';

export const defaultPlanFilters: Required<OrderPlanFilters> = { currentStatus: 'Current', searchString: '', category: '', supplier: '', location: '' };

interface OrderPlanFiltersFormProps {
  readonly applied: Required<OrderPlanFilters>;
  readonly onApply: (filters: Required<OrderPlanFilters>) => void;
  /** Values seen in the plan, offered as suggestions. */
  readonly categories: readonly string[];
  readonly locations: readonly string[];
  readonly busy: boolean;
}

const statusLabels: Record<OrderPlanStatusFilter, string> = { Current: 'Current only', Discontinued: 'Discontinued only', All: 'All products' };

const textFilters = [
  { key: 'searchString', label: 'Code or name contains', help: undefined, list: undefined },
  { key: 'category', label: 'Category', help: 'Exact name, any case.', list: 'plan-categories' },
  { key: 'supplier', label: 'Supplier', help: 'Supplier code or name, exactly (any case).', list: undefined },
  { key: 'location', label: 'Location', help: 'Location code or name; the figures are then that location’s.', list: 'plan-locations' },
] as const;

/** StockTrim's own filters: applied by StockTrim on submit, not on every keystroke. */
export function OrderPlanFiltersForm({ applied, onApply, categories, locations, busy }: OrderPlanFiltersFormProps) {
  const [draft, setDraft] = useState(applied);
  return (
    <form
      role="search"
      aria-label="Order plan filters"
      className="card flex flex-wrap items-start gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      {textFilters.map((f) => (
        <div key={f.key} className="w-48">
          <label htmlFor={`filter-${f.key}`} className="block text-sm font-medium">
            {f.label}
          </label>
          <input
            id={`filter-${f.key}`}
            className="field-input mt-1"
            value={draft[f.key]}
            list={f.list}
            autoComplete="off"
            aria-describedby={f.help ? `filter-${f.key}-help` : undefined}
            onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
          />
          {f.help && (
            <p id={`filter-${f.key}-help`} className="mt-1 text-xs text-slate-500">
              {f.help}
            </p>
          )}
        </div>
      ))}
      <div className="w-44">
        <label htmlFor="filter-status" className="block text-sm font-medium">
          Products
        </label>
        <select
          id="filter-status"
          className="field-input mt-1"
          value={draft.currentStatus}
          onChange={(e) => setDraft({ ...draft, currentStatus: e.target.value as OrderPlanStatusFilter })}
        >
          {orderPlanStatusValues.map((v) => (
            <option key={v} value={v}>
              {statusLabels[v]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2 pt-6">
        <button type="submit" className="btn-primary" disabled={busy}>
          Apply filters
        </button>
        <button
          type="button"
          className="btn-secondary"
          onClick={() => {
            setDraft(defaultPlanFilters);
            onApply(defaultPlanFilters);
          }}
        >
          Clear
        </button>
      </div>
      <datalist id="plan-categories">
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <datalist id="plan-locations">
        {locations.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
    </form>
  );
}
