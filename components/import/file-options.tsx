'use client';

import { withoutFullStop } from '@/lib/text/sentence';
import { parseNumber } from '@/lib/import/coerce-number';
import type { Delimiter, ImportDecisions, ImportOptions, ParsedFileSummary, TextEncodingName, ValidationSummary } from '@/lib/import/import-types';
import { plural } from '@/lib/text/plural';
import { rereadLossQuestion } from './reread-confirm';

const delimiterNames: Record<Delimiter, string> = { ',': 'Comma ( , )', ';': 'Semicolon ( ; )', '\t': 'Tab', '|': 'Pipe ( | )' };
const encodingNames: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western European)',
};

interface Props {
  readonly summary: ParsedFileSummary;
  readonly decisions: ImportDecisions;
  readonly options: ImportOptions;
  readonly fileProblems: readonly string[];
  readonly onChange: (options: ImportOptions) => void;
  readonly disabled: boolean;
  /** The current counts, so a re-read that would drop the user's edits and skips is confirmed first. */
  readonly validation?: Pick<ValidationSummary, 'edited' | 'skippedByYou'>;
}

/**
 * How the file was read, decided once for the whole file or per column, never row by row:
 * shown here, and changeable. Anything the file could not decide is asked, with examples.
 */
export function FileOptions({ summary, decisions, options, fileProblems, onChange, disabled, validation }: Props) {
  const set = (patch: Partial<ImportOptions>) => {
    // Encoding, separator, sheet and header row read the file again: ask before edits and
    // skipped rows are lost. (A cancelled change leaves the controlled inputs as they were.)
    const question = rereadLossQuestion(patch, options, validation);
    if (question !== null && !window.confirm(question)) return;
    onChange({ ...options, ...patch });
  };
  const nf = decisions.numberFormat;
  // Asked only when it matters: values that read differently under the two marks.
  const askDecimal = nf.decimalProven === false && nf.ambiguousExamples.length > 0;
  return (
    <section aria-labelledby="file-options-heading" className="card space-y-4" data-testid="file-options">
      <h2 id="file-options-heading" className="text-lg font-semibold">
        How the file was read
      </h2>
      <div className="flex flex-wrap items-end gap-6 text-sm">
        {summary.format === 'xlsx' && summary.sheetNames.length > 0 && (
          <label>
            Sheet
            <select className="field-input mt-1" value={summary.sheet ?? ''} disabled={disabled} onChange={(e) => set({ sheet: e.target.value, headerRowNumber: undefined })} data-testid="sheet">
              {summary.sheetNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        {summary.format === 'delimited' && summary.encoding && (
          <label>
            Text encoding
            <select className="field-input mt-1" value={summary.encoding} disabled={disabled} onChange={(e) => set({ encoding: e.target.value as TextEncodingName })} data-testid="encoding">
              {Object.entries(encodingNames).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        {summary.format === 'delimited' && summary.delimiter && (
          <label>
            Separator between columns
            <select className="field-input mt-1" value={summary.delimiter} disabled={disabled} onChange={(e) => set({ delimiter: e.target.value as Delimiter })} data-testid="delimiter">
              {Object.entries(delimiterNames).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Header row
          <input
            type="number"
            min={1}
            className="field-input mt-1 w-24"
            value={summary.headerRowNumber}
            disabled={disabled}
            data-testid="header-row"
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1) set({ headerRowNumber: n });
            }}
          />
        </label>
        <label>
          Decimal mark
          <select
            className="field-input mt-1"
            value={askDecimal ? '' : nf.decimal}
            disabled={disabled}
            data-testid="decimal-mark"
            onChange={(e) => {
              if (e.target.value === '.' || e.target.value === ',') set({ numberFormat: { decimal: e.target.value, threeDigitDecimals: nf.threeDigitDecimals } });
            }}
          >
            {askDecimal && <option value="">Not shown by the file (“{nf.decimal}” assumed): choose</option>}
            <option value=".">Dot: 1,234.56</option>
            <option value=",">Comma: 1.234,56</option>
          </select>
        </label>
        {nf.ambiguousExamples.length > 0 && (
          <label>
            Values like {nf.ambiguousExamples.slice(0, 2).join(', ')}
            <select
              className="field-input mt-1"
              value={nf.threeDigitDecimals}
              disabled={disabled}
              data-testid="three-digit-decimals"
              onChange={(e) => set({ numberFormat: { decimal: nf.decimal, threeDigitDecimals: e.target.value as 'ask' | 'decimal' } })}
            >
              <option value="ask">are ambiguous: flag them</option>
              <option value="decimal">
                {nf.decimalProven === false
                  ? `are read with “${nf.decimal}” as the decimal mark (${nf.ambiguousExamples
                      .slice(0, 2)
                      .map((v) => `${v} = ${parseNumber(v, { decimal: nf.decimal, threeDigitDecimals: 'decimal' }).value}`)
                      .join(', ')})`
                  : `are decimals (${nf.decimal === '.' ? '2.500 = 2.5' : '2,500 = 2.5'})`}
              </option>
            </select>
          </label>
        )}
        {decisions.nullCellsSeen > 0 && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={decisions.nullAsBlank} disabled={disabled} onChange={(e) => set({ nullAsBlank: e.target.checked })} data-testid="null-as-blank" />
            Read the text NULL as an empty cell ({plural(decisions.nullCellsSeen, 'cell')})
          </label>
        )}
      </div>

      {decisions.dateColumns.some((d) => d.status !== 'not-needed' || d.serials) && (
        <div className="space-y-2 text-sm">
          {/* ISO dates and real spreadsheet dates need no day/month choice, so none is shown. */}
          {decisions.dateColumns.filter((d) => d.status !== 'not-needed' || d.serials).map((d) => (
            <fieldset
              key={d.columnIndex}
              className={`rounded border p-3 ${(d.order === null && d.status === 'ambiguous') || (d.serials && !d.serials.read) ? 'border-amber-400 bg-amber-50' : 'border-slate-200'}`}
              data-testid={`date-order-${d.field}`}
            >
              <legend className="px-1 font-medium">Dates in “{d.columnLabel}”</legend>
              {d.order === null && d.status === 'ambiguous' && (
                <p role="alert" className="mb-2 text-amber-900">
                  Nothing in this column shows whether dates are day/month or month/day. Choose how to read them:
                </p>
              )}
              {d.status !== 'not-needed' && (
              <div className="flex flex-wrap gap-4">
                {(['dmy', 'mdy'] as const).map((order) => (
                  <label key={order} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name={`date-order-${d.columnIndex}`}
                      checked={d.order === order}
                      disabled={disabled}
                      onChange={() => set({ dateOrders: { ...options.dateOrders, [d.columnIndex]: order } })}
                    />
                    {order === 'dmy' ? 'Day first (31/12/2024)' : 'Month first (12/31/2024)'}
                  </label>
                ))}
              </div>
              )}
              {d.serials && (
                <div className="mt-2" data-testid={`date-serials-${d.field}`}>
                  <label className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={d.serials.read}
                      disabled={disabled}
                      onChange={(e) => set({ dateSerials: { ...options.dateSerials, [d.columnIndex]: e.target.checked } })}
                    />
                    Read numbers in this column as Excel date serials
                    {d.serials.count > 0 ? ` (${d.serials.count === 1 ? '1 value' : `${d.serials.count} values`})` : ''}
                  </label>
                  {d.serials.examples.length > 0 && (
                    <p className="mt-1 text-xs text-slate-600">
                      They would become:{' '}
                      {d.serials.examples.map((ex) => `${ex.raw} → ${ex.asDate ? ex.asDate.slice(0, 10) : 'not a date'}`).join(', ')}. Leave this off if the
                      numbers are ids or quantities (check the mapping instead).
                    </p>
                  )}
                </div>
              )}
              {d.examples.length > 0 && (
                <table className="mt-2 text-xs">
                  <thead>
                    <tr className="text-left text-slate-500">
                      <th className="pr-4 font-normal">In the file</th>
                      <th className="pr-4 font-normal">Day first</th>
                      <th className="font-normal">Month first</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.examples.slice(0, 3).map((ex) => (
                      <tr key={ex.raw}>
                        <td className="pr-4 font-mono">{ex.raw}</td>
                        <td className="pr-4">{ex.asDayFirst ?? '—'}</td>
                        <td>{ex.asMonthFirst ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {d.notes.map((n) => (
                <p key={n} className="mt-1 text-xs text-slate-600">
                  {n}
                </p>
              ))}
            </fieldset>
          ))}
        </div>
      )}

      {decisions.codeColumns
        .filter((c) => c.stripTrailingZeroDecimal || c.source === 'user')
        .map((c) => (
          <label key={c.columnIndex} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={c.stripTrailingZeroDecimal}
              disabled={disabled}
              onChange={(e) => set({ stripTrailingZeroDecimal: { ...options.stripTrailingZeroDecimal, [c.columnIndex]: e.target.checked } })}
            />
            “{c.columnLabel}” looks like whole numbers saved as decimals (17850.0): send them without “.0”
          </label>
        ))}

      {summary.delimiterUncertain && (
        <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">
          The separator was not clear from the file{summary.delimiterReason ? ` (${withoutFullStop(summary.delimiterReason)})` : ''}. Check that the columns below look
          right, and change the separator if not.
        </p>
      )}
      {fileProblems.length > 0 && (
        <ul role="alert" className="list-disc space-y-1 rounded bg-rose-50 p-3 pl-8 text-sm text-rose-800" data-testid="file-problems">
          {fileProblems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <p className="text-sm text-slate-600">
        {plural(summary.rowCount, 'data row')}
        {summary.rowsAboveHeader ? `; ${plural(summary.rowsAboveHeader, 'title row')} above the header skipped` : ''}
        {summary.blankRowsSkipped > 0 ? `; ${plural(summary.blankRowsSkipped, 'blank row')} ignored` : ''}.
      </p>
      {summary.notes.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-slate-700">
          {summary.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
