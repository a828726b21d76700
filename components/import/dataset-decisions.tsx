'use client';

import { endSentence } from '@/lib/text/sentence';
import type { DuplicateChoice, ImportDecisions, ImportOptions, NegativeChoice, ReturnsChoice, RowLayout, ValidationSummary } from '@/lib/import/import-types';
import { plural } from '@/lib/text/plural';

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

const returnsNames: Record<ReturnsChoice, string> = {
  exclude: 'Exclude them (not sent, counted)',
  net: 'Net them against the same product in the same order',
};

const duplicateNames: Record<DuplicateChoice, string> = {
  fix: 'Show them as errors to fix',
  first: 'Keep the first, skip the others',
  last: 'Keep the last, skip the others',
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
  const duplicates = decisions.duplicates && (decisions.duplicates.rows > 0 || decisions.duplicates.source === 'user') ? decisions.duplicates : undefined;
  // A file without returns has nothing to decide; a choice the user made stays visible.
  const returns = decisions.returns && (decisions.returns.lines > 0 || decisions.returns.source === 'user') ? decisions.returns : undefined;
  if (!layout && !negatives && !continuation && !duplicates && !returns) return null;
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
      {/* Nothing to decide while no row is negative; an edit that makes one brings the choice back. */}
      {negatives && negativeRows > 0 && (
        <fieldset className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="negatives">
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
      {returns && (
        <fieldset className={`rounded border p-3 ${returns.source === 'default' ? 'border-amber-400 bg-amber-50' : 'border-slate-200'}`} data-testid="returns">
          <legend className="px-1 font-medium">Returns in {returns.fieldLabel}</legend>
          <p className="mb-2" data-testid="returns-count">
            {returns.lines === 1 ? '1 line has' : `${returns.lines} lines have`} a negative {returns.fieldLabel.toLowerCase()} (returns or cancellations). They are never sent as sales:
          </p>
          <div className="flex flex-wrap gap-4">
            {(Object.keys(returnsNames) as ReturnsChoice[]).map((choice) => (
              <label key={choice} className="flex items-center gap-2">
                <input type="radio" name="returns" value={choice} checked={returns.choice === choice} disabled={disabled} onChange={() => onChange({ returns: choice })} />
                {returnsNames[choice]}
              </label>
            ))}
          </div>
          {returns.choice === 'net' && returns.netted !== undefined && (
            <p className="mt-2 text-slate-700" data-testid="returns-netted">
              {returns.netted} netted, {returns.unmatched ?? 0} had no sale to net against (not sent).
            </p>
          )}
          {returns.choice === 'net' && (returns.unmatched ?? 0) > 0 && (
            <p className="mt-1 text-xs text-slate-600">
              A return is netted only within its own order: one booked under an order number of its own (a credit note such as “C536379”) finds no sale there.
            </p>
          )}
          {returns.choice === 'exclude' && returns.lines > 0 && (
            <p className="mt-2 text-slate-700" data-testid="returns-excluded">
              {plural(returns.lines, 'line')} not sent; they are counted as skipped.
            </p>
          )}
        </fieldset>
      )}
      {duplicates && (
        <fieldset className={`rounded border p-3 ${duplicates.choice === 'fix' && duplicates.rows > 0 ? 'border-amber-400 bg-amber-50' : 'border-slate-200'}`} data-testid="duplicates">
          <legend className="px-1 font-medium">Repeated {duplicates.keyLabels.join(' + ')}</legend>
          <p className="mb-2" data-testid="duplicate-count">
            {duplicates.rows === 1 ? '1 row repeats' : `${duplicates.rows} rows repeat`} the {duplicates.keyLabels.join(' + ')} of another row. StockTrim keeps one record per{' '}
            {duplicates.keyLabels.join(' + ')}, so only one of them can be sent.
          </p>
          <div className="flex flex-wrap gap-4">
            {(Object.keys(duplicateNames) as DuplicateChoice[]).map((choice) => (
              <label key={choice} className="flex items-center gap-2">
                <input type="radio" name="duplicates" checked={duplicates.choice === choice} disabled={disabled} onChange={() => onChange({ duplicates: choice })} />
                {duplicateNames[choice]}
              </label>
            ))}
          </div>
          {duplicates.choice !== 'fix' && duplicates.rows > 0 && (
            <p className="mt-2 text-slate-700">
              {plural(duplicates.rows, 'row')} skipped; each says which row it repeats.
            </p>
          )}
        </fieldset>
      )}
      {continuation && (
        <label className="flex items-start gap-2 rounded border border-slate-200 p-3" data-testid="continuation">
          <input type="checkbox" className="mt-1" checked={continuation.skip} disabled={disabled} onChange={(e) => onChange({ skipContinuationRows: e.target.checked })} />
          <span>
            Skip rows that only repeat the “{continuation.fallbackLabel}” of the row above and carry nothing else:{' '}
            <strong data-testid="continuation-count">{continuation.skip ? continuationCount : 'none skipped'}</strong>
            {continuation.skip ? ` ${endSentence(continuation.reason)}` : '.'}
          </span>
        </label>
      )}
    </section>
  );
}
