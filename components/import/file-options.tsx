'use client';

import type { Delimiter, ParsedFileSummary, TextEncodingName } from '@/lib/import/import-types';

export interface FileOptionChoice {
  readonly encoding?: TextEncodingName;
  readonly delimiter?: Delimiter;
}

const delimiterNames: Record<Delimiter, string> = { ',': 'Comma ( , )', ';': 'Semicolon ( ; )', '\t': 'Tab', '|': 'Pipe ( | )' };
const encodingNames: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western European)',
};

/** How the file was read, decided once for the whole file, shown, and changeable. */
export function FileOptions({ summary, onChange, disabled }: { summary: ParsedFileSummary; onChange: (o: FileOptionChoice) => void; disabled: boolean }) {
  return (
    <section aria-labelledby="file-options-heading" className="card space-y-3" data-testid="file-options">
      <h2 id="file-options-heading" className="text-lg font-semibold">
        How the file was read
      </h2>
      <div className="flex flex-wrap gap-6 text-sm">
        {summary.format === 'delimited' && summary.encoding && (
          <label>
            Text encoding
            <select className="field-input mt-1" value={summary.encoding} disabled={disabled} onChange={(e) => onChange({ encoding: e.target.value as TextEncodingName })} data-testid="encoding">
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
            <select className="field-input mt-1" value={summary.delimiter} disabled={disabled} onChange={(e) => onChange({ delimiter: e.target.value as Delimiter })} data-testid="delimiter">
              {Object.entries(delimiterNames).map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <p>
          Header on row {summary.headerRowNumber}; {summary.rowCount} data rows
          {summary.blankRowsSkipped > 0 ? `; ${summary.blankRowsSkipped} blank rows ignored` : ''}.
        </p>
      </div>
      {summary.delimiterUncertain && (
        <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">
          The separator was not clear from the file. Check that the columns below look right, and change the separator if not.
        </p>
      )}
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
