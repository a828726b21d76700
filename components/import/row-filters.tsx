'use client';

import type { RowFilter, ValidationSummary } from '@/lib/import/import-types';

interface Props {
  readonly filter: RowFilter;
  readonly validation: ValidationSummary;
  readonly onChange: (filter: RowFilter) => void;
}

/** One filter at a time: each box turns the others off, and unticking shows every row again. */
export function RowFilters({ filter, validation: v, onChange }: Props) {
  const rejected = v.rejectedByStockTrim ?? 0;
  const box = (which: RowFilter, label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={filter === which} onChange={(e) => onChange(e.target.checked ? which : 'all')} />
      {label}
    </label>
  );
  return (
    <>
      {box('errors', 'Show only rows with errors')}
      {(v.withWarnings > 0 || filter === 'warnings') && box('warnings', 'Show only rows with warnings')}
      {/* Kept while it is on, so the last fixed row does not leave an empty grid with no way back. */}
      {(rejected > 0 || filter === 'rejected') && box('rejected', `Show only rows StockTrim rejected (${rejected})`)}
    </>
  );
}
