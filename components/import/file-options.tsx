'use client';

import type { Delimiter, ImportDecisions, ImportOptions, ParsedFileSummary, TextEncodingName } from '@/lib/import/import-types';

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
}

/**
 * How the file was read, decided once for the whole file or per column, never row by row:
 * shown here, and changeable. Anything the file could not decide is asked, with examples.
 */
export function FileOptions({ summary, decisions, options, fileProblems, onChange, disabled }: Props) {
  const set = (patch: Partial<ImportOptions>) => onChange({ ...options, ...patch });
  const nf = decisions.numberFormat;
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
            value={nf.decimal}
            disabled={disabled}
            data-testid="decimal-mark"
            onChange={(e) => set({ numberFormat: { decimal: e.target.value as '.' | ',', threeDigitDecimals: nf.threeDigitDecimals } })}
          >
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
              <option value="decimal">are decimals ({nf.decimal === '.' ? '2.500 = 2.5' : '2,500 = 2.5'})</option>
            </select>
          </label>
        )}
        {decisions.nullCellsSeen > 0 && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={decisions.nullAsBlank} disabled={disabled} onChange={(e) => set({ nullAsBlank: e.target.checked })} data-testid="null-as-blank" />
            Read the text NULL as an empty cell ({decisions.nullCellsSeen} cells)
          </label>
        )}
      </div>

      {decisions.dateColumns.some((d) => d.status !== 'not-needed') && (
        <div className="space-y-2 text-sm">
          {/* ISO dates and real spreadsheet dates need no day/month choice, so none is shown. */}
          {decisions.dateColumns.filter((d) => d.status !== 'not-needed').map((d) => (
            <fieldset key={d.columnIndex} className={`rounded border p-3 ${d.order === null ? 'border-amber-400 bg-amber-50' : 'border-slate-200'}`} data-testid={`date-order-${d.field}`}>
              <legend className="px-1 font-medium">Dates in “{d.columnLabel}”</legend>
              {d.order === null && d.status === 'ambiguous' && (
                <p role="alert" className="mb-2 text-amber-900">
                  Nothing in this column shows whether dates are day/month or month/day. Choose how to read them:
                </p>
              )}
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
          The separator was not clear from the file{summary.delimiterReason ? ` (${summary.delimiterReason})` : ''}. Check that the columns below look
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
        {summary.rowCount} data rows
        {summary.rowsAboveHeader ? `; ${summary.rowsAboveHeader} title rows above the header skipped` : ''}
        {summary.blankRowsSkipped > 0 ? `; ${summary.blankRowsSkipped} blank rows ignored` : ''}.
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
