'use client';

export interface ErrorSummaryItem {
  readonly path: string;
  readonly label: string;
  readonly message: string;
}

/**
 * Every problem of the form in one place, each a button that moves focus to its input. The
 * inputs' own messages are the alerts; this list is for finding them in a long form.
 */
export function FormErrorSummary({ items, onSelect }: { readonly items: readonly ErrorSummaryItem[]; readonly onSelect: (path: never) => void }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="error-summary-heading" className="rounded-md border border-rose-300 bg-white p-4" data-testid="error-summary">
      <h2 id="error-summary-heading" className="text-sm font-semibold text-rose-800">
        {items.length === 1 ? '1 field needs attention' : `${items.length} fields need attention`}
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {items.map((item) => (
          <li key={item.path}>
            <button type="button" className="text-left text-rose-800 underline hover:text-rose-600" onClick={() => onSelect(item.path as never)}>
              {item.label}: {item.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
