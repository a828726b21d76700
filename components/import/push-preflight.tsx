'use client';

import { type ReactNode, useEffect, useId, useState } from 'react';
import type { ImportWorkerClient } from '@/lib/import/import-worker-client';
import type { PushPreflight as Preflight, ReferenceCheckSummary } from '@/lib/import/import-types';
import { count } from '@/lib/text/count';
import { barScale, dayName, describeGaps, monthName, shortMonthName, unaccountedRows } from './preflight-model';

type History = NonNullable<Preflight['history']>;

const READ_DELAY_MS = 200;

interface Props {
  readonly worker: Pick<ImportWorkerClient, 'preflight'>;
  /** Anything that changes whenever the rows' checks do (the validation summary); the summary is read again then. */
  readonly refreshKey: unknown;
  readonly references?: ReferenceCheckSummary | undefined;
  readonly referenceCheckRunning?: boolean;
}

interface Loaded {
  readonly preflight: Preflight;
}

/**
 * What will happen when the user presses Send, in numbers that add up to the rows read, and for
 * sales orders the shape of the history, so a missing month is seen before the forecast is.
 */
export function PushPreflight({ worker, refreshKey, references, referenceCheckRunning = false }: Props) {
  const [state, setState] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    // A burst of edits asks once, after the last.
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const preflight = await worker.preflight();
          if (!current) return;
          setState({ preflight });
          setError(null);
        } catch (e) {
          if (current) setError(e instanceof Error ? e.message : String(e));
        }
      })();
    }, READ_DELAY_MS);
    // An answer to an older version of the rows must not overwrite a newer one.
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [worker, refreshKey]);

  if (error && !state) {
    return (
      <p className="text-sm text-amber-800" data-testid="preflight-error">
        The summary before sending could not be made ({error}). The counts above still hold.
      </p>
    );
  }
  if (!state) return <p className="text-sm text-slate-500">Counting what will be sent…</p>;
  const p = state.preflight;
  const off = unaccountedRows(p);

  return (
    <div className="space-y-3" data-testid="preflight">
      <table className="text-sm" aria-label="What happens to each row read">
        <tbody>
          <CountRow label="Rows read" value={p.read} testId="preflight-read" strong />
          <CountRow
            label="Ready to send"
            value={p.valid}
            testId="preflight-valid"
            tone="text-emerald-700"
            sign="="
            note={p.withWarnings > 0 ? <>(<span data-testid="preflight-warnings">{count(p.withWarnings)}</span> of them with warnings)</> : undefined}
          />
          <CountRow label="With errors (not sent)" value={p.withErrors} testId="preflight-errors" tone={p.withErrors > 0 ? 'text-rose-700' : ''} sign="+" />
          <CountRow label="Skipped by you" value={p.skippedByYou} testId="preflight-skipped-you" sign="+" />
          <CountRow label="Skipped by rules" value={p.skippedByRule} testId="preflight-skipped-rule" sign="+" />
        </tbody>
      </table>
      {off !== 0 && (
        <p role="alert" className="rounded bg-rose-50 p-2 text-sm text-rose-800">
          These counts do not add up: {count(Math.abs(off))} rows are {off > 0 ? 'not accounted for' : 'counted twice'}. Do not send; load the file again.
        </p>
      )}
      <ReferenceLine references={references} running={referenceCheckRunning} />
      {p.history && <HistoryView history={p.history} />}
    </div>
  );
}

function CountRow({ label, value, testId, tone = '', sign, strong = false, note }: { label: string; value: number; testId: string; tone?: string; sign?: string; strong?: boolean; note?: ReactNode }) {
  return (
    <tr className={strong ? 'border-b border-slate-200 font-semibold' : ''}>
      <td className="w-4 pr-1 text-slate-400" aria-hidden="true">
        {sign}
      </td>
      <th scope="row" className="pr-4 text-left font-normal">
        {label}
      </th>
      <td className={`pr-2 text-right tabular-nums ${tone}`} data-testid={testId} data-value={value}>
        {count(value)}
      </td>
      <td className="text-slate-600">{note}</td>
    </tr>
  );
}

/** Only for datasets whose mapped fields name products (the summary then has `references`). */
function ReferenceLine({ references, running }: { references: ReferenceCheckSummary | undefined; running: boolean }) {
  if (!references) return null;
  const unchecked = references.uncheckedCodes;
  let text: string;
  let tone = 'text-slate-700';
  if (running) text = `Checking ${count(references.codes)} product codes against StockTrim…`;
  else if (references.checkedCodes === 0) {
    text = `${count(unchecked)} product codes not checked against StockTrim: lines naming a product StockTrim lacks are rejected when sent.`;
    tone = 'text-amber-800';
  } else {
    text =
      (references.missingCodes === 0
        ? `Product codes checked against StockTrim: all ${count(references.checkedCodes)} found`
        : `Product codes checked against StockTrim: ${count(references.checkedCodes)}, ${count(references.missingCodes)} not found`) +
      (references.rowsAffected > 0 ? ` (${count(references.rowsAffected)} rows naming them are not sent)` : '') +
      (unchecked > 0 ? `; ${count(unchecked)} codes changed since and are not checked yet.` : '.');
    if (references.missingCodes > 0 || unchecked > 0) tone = 'text-amber-800';
  }
  return (
    <p className={`text-sm ${tone}`} data-testid="preflight-references">
      {text}
    </p>
  );
}

const PLOT_HEIGHT = 110;
const AXIS_WIDTH = 44;
const PLOT_WIDTH = 560;
const TOP = 10;
const LABEL_ROOM = 30;
const MAX_SLOT = 64;

function HistoryView({ history }: { history: History }) {
  const id = useId();
  const { months } = history;
  const gaps = describeGaps(months);
  const totalLines = months.reduce((s, m) => s + m.lines, 0);
  const scale = barScale(
    months.map((m) => m.lines),
    PLOT_HEIGHT,
  );
  // A few months get bars of a readable width from the left, not one slab across the chart.
  const slot = Math.min(MAX_SLOT, months.length > 0 ? PLOT_WIDTH / months.length : PLOT_WIDTH);
  const barWidth = Math.max(1, slot * 0.75);
  // Every month is labelled while they fit; beyond that only Januaries and the ends, so labels never overlap.
  const labelAll = slot >= 34;
  const height = TOP + PLOT_HEIGHT + LABEL_ROOM;
  const plotWidth = slot * Math.max(1, months.length);
  const width = AXIS_WIDTH + plotWidth + 8;
  const baseline = TOP + PLOT_HEIGHT;
  const busiest = months.reduce<{ month: string; lines: number } | null>((best, m) => (!best || m.lines > best.lines ? m : best), null);
  const description =
    `${count(totalLines)} lines from ${monthName(months[0]?.month ?? '')} to ${monthName(months[months.length - 1]?.month ?? '')}` +
    (busiest ? `; busiest month ${monthName(busiest.month)} with ${count(busiest.lines)} lines` : '') +
    `. ${gaps ?? 'Every month has lines.'}`;

  return (
    <figure className="space-y-2" data-testid="preflight-history">
      <figcaption className="text-sm">
        <span className="font-medium">{history.fieldLabel}</span> of the lines to be sent:{' '}
        <span data-testid="preflight-range">
          {dayName(history.from)} to {dayName(history.to)}
        </span>{' '}
        ({months.length === 1 ? '1 month' : `${months.length} months`}).
      </figcaption>
      {gaps ? (
        <p className="rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="preflight-gaps">
          {gaps} A forecast reads a month with no sales as a month nothing sold; check the file covers it.
        </p>
      ) : (
        <p className="text-sm text-slate-600" data-testid="preflight-gaps-none">
          Every month in the range has lines.
        </p>
      )}
      {history.undated > 0 && (
        <p className="text-sm text-amber-800" data-testid="preflight-undated">
          {count(history.undated)} lines to be sent have no readable {history.fieldLabel.toLowerCase()} and are not in the chart.
        </p>
      )}
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full" style={{ maxWidth: `${Math.round((width / (AXIS_WIDTH + PLOT_WIDTH + 8)) * 48)}rem` }} role="img" aria-labelledby={`${id}-title ${id}-desc`} data-testid="preflight-chart">
        <title id={`${id}-title`}>Lines per month</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line x1={AXIS_WIDTH} x2={AXIS_WIDTH + plotWidth} y1={baseline} y2={baseline} stroke="#94a3b8" />
        <text x={AXIS_WIDTH - 6} y={TOP + 4} fontSize="11" textAnchor="end" fill="#64748b">
          {count(scale.max)}
        </text>
        <text x={AXIS_WIDTH - 6} y={baseline} fontSize="11" textAnchor="end" fill="#64748b">
          0
        </text>
        {months.map((m, i) => {
          const x = AXIS_WIDTH + i * slot + (slot - barWidth) / 2;
          const h = scale.height(m.lines);
          const empty = m.lines === 0;
          const showLabel = labelAll || i === 0 || i === months.length - 1 || m.month.endsWith('-01');
          return (
            <g key={m.month} data-month={m.month} data-lines={m.lines}>
              <title>{`${monthName(m.month)}: ${count(m.lines)} ${m.lines === 1 ? 'line' : 'lines'}`}</title>
              {empty ? (
                // An empty month is drawn as a full-height hatched gap, so it cannot pass for a short bar.
                <rect x={x} y={TOP} width={barWidth} height={PLOT_HEIGHT} fill="#ffe4e6" stroke="#e11d48" strokeDasharray="3 2" />
              ) : (
                <rect x={x} y={baseline - h} width={barWidth} height={h} rx="1" fill="#4f46e5" />
              )}
              {empty && slot >= 14 && (
                <text x={x + barWidth / 2} y={TOP + PLOT_HEIGHT / 2} fontSize="10" textAnchor="middle" fill="#be123c">
                  0
                </text>
              )}
              {showLabel && (
                <text x={x + barWidth / 2} y={baseline + 16} fontSize="10" textAnchor="middle" fill={empty ? '#be123c' : '#334155'}>
                  {shortMonthName(m.month)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">Lines per month as a table</summary>
        <table className="mt-2 text-sm" data-testid="preflight-months">
          <thead>
            <tr>
              <th scope="col" className="pr-6 text-left">
                Month
              </th>
              <th scope="col" className="text-right">
                Lines
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month} data-month={m.month} className={m.lines === 0 ? 'text-rose-700' : ''}>
                <td className="pr-6">{monthName(m.month)}</td>
                <td className="text-right tabular-nums">{m.lines === 0 ? 'none' : count(m.lines)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
