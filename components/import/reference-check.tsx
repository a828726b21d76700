'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { checkProductCodes } from '@/lib/client/product-check';
import type { ImportWorkerClient } from '@/lib/import/import-worker-client';
import type { ProductReferences, ReferenceCheckSummary, ValidationSummary } from '@/lib/import/import-types';
import { count } from '@/lib/text/count';

/** Long enough that a burst of cell edits ends in one check, short enough to feel automatic. */
const DEBOUNCE_MS = 700;

interface Props {
  readonly worker: Pick<ImportWorkerClient, 'productReferences' | 'setKnownProducts'>;
  /** Changes whenever the rows' checks do (the validation summary); the codes are read again then. */
  readonly refreshKey: unknown;
  readonly references?: ReferenceCheckSummary | undefined;
  /** While the file is being read or sent, no check starts. */
  readonly disabled: boolean;
  readonly onChecked: (summary: ValidationSummary) => void;
  /** Shows the rows with errors (unknown codes are errors). */
  readonly onShowRows: () => void;
  readonly onRunningChange?: (running: boolean) => void;
}

interface CheckRequest {
  readonly codes: readonly string[];
  readonly signal: AbortSignal;
}

/**
 * Looks the file's product codes up in StockTrim before anything is sent, so a sales line for a
 * product StockTrim lacks is an error to fix here rather than a rejection after the push. It
 * runs by itself after a load, a mapping change, or edits that bring new codes.
 */
export function ReferenceCheck({ worker, refreshKey, references, disabled, onChecked, onShowRows, onRunningChange }: Props) {
  const [refs, setRefs] = useState<ProductReferences | null>(null);
  const controller = useRef<AbortController | null>(null);
  // The codes of the last check that failed: it is not retried by itself for the same codes
  // (the user has "Check again"), so a StockTrim outage does not become a loop of requests.
  const lastFailed = useRef<string | null>(null);

  const check = useMutation({
    mutationFn: async ({ codes, signal }: CheckRequest) => {
      const answer = await checkProductCodes(codes, signal);
      const summary = await worker.setKnownProducts({ checked: answer.checked, known: answer.known, checkedAt: answer.checkedAt });
      return { answer, summary };
    },
  });
  const { mutate, isPending } = check;

  useEffect(() => {
    onRunningChange?.(isPending);
  }, [isPending, onRunningChange]);

  useEffect(() => {
    let current = true;
    // Listing the codes walks every row; a burst of edits lists them once, after the last.
    const timer = setTimeout(() => {
      worker
        .productReferences()
        .then((r) => {
          if (current) setRefs(r);
        })
        .catch(() => {
          // The worker could not list the codes (no file yet, or not supported): no panel.
          if (current) setRefs(null);
        });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [worker, refreshKey]);

  useEffect(() => () => controller.current?.abort(), []);

  function run(codes: readonly string[], key: string | null) {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    mutate(
      { codes, signal: c.signal },
      {
        onSuccess: ({ summary }) => {
          lastFailed.current = null;
          if (!c.signal.aborted) onChecked(summary);
        },
        onError: () => {
          if (!c.signal.aborted) lastFailed.current = key;
        },
      },
    );
  }
  // The effect below only needs the latest `run`; keeping it in a ref stops every render from restarting the timer.
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });

  const uncheckedKey = refs && refs.fields.length > 0 && refs.unchecked.length > 0 ? refs.unchecked.join('\u001f') : null;
  useEffect(() => {
    if (disabled || uncheckedKey === null || uncheckedKey === lastFailed.current) return;
    const codes = uncheckedKey.split('\u001f');
    const timer = setTimeout(() => runRef.current(codes, uncheckedKey), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [uncheckedKey, disabled]);

  if (!refs || refs.fields.length === 0) return null;
  const fieldNames = refs.fields.map((f) => f.label).join(', ');
  const aborted = check.error instanceof DOMException && check.error.name === 'AbortError';
  const failed = check.isError && !aborted;
  const checked = references && references.checkedCodes > 0 ? references : null;
  const found = checked ? checked.checkedCodes - checked.missingCodes : 0;
  const more = checked ? checked.missingCodes - checked.missingSample.length : 0;

  return (
    <section aria-labelledby="reference-check-heading" className="card space-y-2 text-sm" data-testid="reference-check">
      <h2 id="reference-check-heading" className="text-lg font-semibold">
        Products in StockTrim
      </h2>
      <p className="text-slate-600">
        Every {fieldNames} in the file is looked up in StockTrim, so a line for a product it does not have is caught here, before anything is sent.
      </p>

      {isPending && (
        <div role="status" aria-live="polite" className="space-y-1" data-testid="reference-check-progress">
          <div className="h-2 w-full max-w-md overflow-hidden rounded bg-slate-200" role="progressbar" aria-label="Checking product codes">
            <div className="h-full w-1/3 animate-pulse rounded bg-indigo-600" />
          </div>
          <p>Checking {count(check.variables?.codes.length ?? refs.unchecked.length)} product codes against StockTrim…</p>
        </div>
      )}

      {checked && (
        <div aria-live="polite" className={checked.missingCodes > 0 ? 'rounded border border-amber-400 bg-amber-50 p-3' : ''}>
          <p data-testid="reference-check-result">
            Checked {count(checked.checkedCodes)} product codes against StockTrim: {count(found)} found
            {checked.missingCodes === 0 ? '.' : `, ${count(checked.missingCodes)} not found: `}
            {checked.missingCodes > 0 && (
              <span className="font-mono" data-testid="reference-missing">
                {checked.missingSample.join(', ')}
              </span>
            )}
            {more > 0 && ` and ${count(more)} more`}
          </p>
          {checked.rowsAffected > 0 && (
            <p className="mt-1" data-testid="reference-rows">
              {count(checked.rowsAffected)} {checked.rowsAffected === 1 ? 'row names' : 'rows name'} them: they have errors and are not sent until the code is corrected or the product is
              added to StockTrim.
            </p>
          )}
          {checked.checkedAt && <p className="mt-1 text-xs text-slate-500">Checked at {new Date(checked.checkedAt).toLocaleTimeString()}.</p>}
        </div>
      )}

      {!isPending && refs.unchecked.length > 0 && !failed && (
        <p className="text-slate-700" data-testid="reference-unchecked">
          {count(refs.unchecked.length)} product {refs.unchecked.length === 1 ? 'code is' : 'codes are'} not checked yet.
        </p>
      )}

      {failed && (
        <div role="alert" className="rounded bg-rose-50 p-3 text-rose-800" data-testid="reference-check-error">
          <p>
            The product codes could not be checked against StockTrim: {check.error instanceof Error ? check.error.message : String(check.error)}
          </p>
          <p className="mt-1">
            You can still send the rows, but {count(refs.unchecked.length)} product codes are not verified: StockTrim rejects lines whose product it does not have, and they are listed after
            the push. Check again once StockTrim answers.
          </p>
        </div>
      )}

      <div className="flex flex-wrap gap-3">
        {checked && checked.rowsAffected > 0 && (
          <button type="button" className="btn-secondary" onClick={onShowRows}>
            Show these rows
          </button>
        )}
        <button type="button" className="btn-secondary" disabled={disabled || isPending || refs.codes.length === 0} onClick={() => run(refs.codes, null)}>
          Check again
        </button>
      </div>
    </section>
  );
}
