'use client';

import type { ImportDecisions, ImportOptions, NegativeChoice, RowLayout, ValidationSummary } from '@/lib/import/import-types';

const layoutNames: Record<RowLayout, string> = {
  single: 'One row per product',
  long: 'Several rows per product (one per location or supplier), grouped by product code',
  wide: 'One column per location (“Stock AKL”, “Stock WLG”)',
};

const negativeNames: Record<NegativeChoice, string> = {
  send: 'Send them as they are',
  zero: 'Send 0 instead',
  skip: 'Do not send those rows',
};

interface Props {
  readonly decisions: ImportDecisions;
  readonly validation: ValidationSummary;
  readonly disabled: boolean;
  readonly onChange: (patch: Partial<ImportOptions>) => void;
}

/**
 * The decisions a dataset's registry declarations ask of a file: how it lays out a record's
 * lists, what negative values become, and whether continuation rows are skipped. Each is shown
 * with what was detected and the rows it concerns, and each can be changed.
 */
export function DatasetDecisions({ decisions, validation, disabled, onChange }: Props) {
  const { layout, negatives, continuation } = decisions;
  if (!layout && !negatives && !continuation) return null;
  const continuationCount = validation.skipReasons?.find((r) => r.kind === 'continuation')?.count ?? 0;
  const negativeRows = validation.negativeRows ?? 0;
  return (
    <section aria-labelledby="dataset-decisions-heading" className="card space-y-3 text-sm" data-testid="dataset-decisions">
      <h2 id="dataset-decisions-heading" className="text-lg font-semibold">
        What the rows are
      </h2>
      {layout && (
        <fieldset className="rounded border border-slate-200 p-3" data-testid="layout">
          <legend className="px-1 font-medium">How the file holds locations and suppliers</legend>
          <p className="mb-2 text-slate-700" data-testid="layout-detected">
            Detected: <strong>{layoutNames[layout.detected]}</strong>. {layout.reason}
          </p>
          <label className="flex flex-wrap items-center gap-2">
            Read the file as
            <select
              className="field-input"
              value={layout.layout}
              disabled={disabled}
              data-testid="layout-choice"
              onChange={(e) => onChange({ layout: e.target.value as RowLayout })}
            >
              {(Object.keys(layoutNames) as RowLayout[]).map((l) => (
                <option key={l} value={l}>
                  {layoutNames[l]}
                </option>
              ))}
            </select>
          </label>
          {layout.layout === 'wide' && layout.locationColumns.length > 0 && (
            <ul className="mt-2 list-disc pl-5 text-slate-700">
              {layout.locationColumns.map((c) => (
                <li key={c.columnIndex}>
                  “{c.columnLabel}” → location <strong>{c.locationCode}</strong>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      )}
      {negatives && (
        <fieldset className={`rounded border p-3 ${negativeRows > 0 ? 'border-amber-400 bg-amber-50' : 'border-slate-200'}`} data-testid="negatives">
          <legend className="px-1 font-medium">Negative {negatives.fieldLabels.join(', ')}</legend>
          <p className="mb-2" data-testid="negative-count">
            {negativeRows === 1 ? '1 row has' : `${negativeRows} rows have`} a negative value (stock sold before it arrived, or a miscount).
          </p>
          <div className="flex flex-wrap gap-4">
            {(Object.keys(negativeNames) as NegativeChoice[]).map((choice) => (
              <label key={choice} className="flex items-center gap-2">
                <input type="radio" name="negatives" checked={negatives.choice === choice} disabled={disabled} onChange={() => onChange({ negatives: choice })} />
                {negativeNames[choice]}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {continuation && (
        <label className="flex items-start gap-2 rounded border border-slate-200 p-3" data-testid="continuation">
          <input type="checkbox" className="mt-1" checked={continuation.skip} disabled={disabled} onChange={(e) => onChange({ skipContinuationRows: e.target.checked })} />
          <span>
            Skip rows that only repeat the “{continuation.fallbackLabel}” of the row above and carry nothing else:{' '}
            <strong data-testid="continuation-count">{continuation.skip ? continuationCount : 'none skipped'}</strong>
            {continuation.skip ? ` ${continuation.reason}.` : '.'}
          </span>
        </label>
      )}
    </section>
  );
}
