'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Link from 'next/link';
import { getDataset } from '@/lib/datasets/registry';
import { type DatasetId, fallbackKey } from '@/lib/datasets/field-def';
import type { ColumnMapping, ImportOptions, PreviewRow, PushPlan, RowFilter, ValidationSummary } from '@/lib/import/import-types';
import { createImportWorkerClient, type ImportWorkerClient, type LoadResult } from '@/lib/import/import-worker-client';
import { type RunOutcome, loadRunResult } from '@/lib/client/run-result';
import { uploadRun } from '@/lib/client/run-upload';
import { fetchRun } from '@/lib/client/run-calls';
import { count, countOf } from '@/lib/text/count';
import { useQueryClient } from '@tanstack/react-query';
import { runsKey } from '@/components/runs/use-runs';
import { type RememberedMapping, browserStorage, findRemembered, offerFor, rememberMapping } from '@/lib/client/remembered-mappings';
import type { RunSummary } from '@/lib/server/runs/run-api';
import { RunForecastButton } from '@/components/forecast/run-forecast-button';
import { RetryFailedRows } from '@/components/runs/retry-failed-rows';
import { RunProgress } from '@/components/runs/run-progress';
import { RunUploadProgress } from '@/components/runs/run-upload-progress';
import { ColumnMappingEditor } from './column-mapping';
import { DatasetDecisions } from './dataset-decisions';
import { FileDropZone } from './file-drop-zone';
import { FileOptions } from './file-options';
import { mappingLossQuestion } from './mapping-loss-confirm';
import { BulkEditBar } from './bulk-edit-bar';
import { PreviewGrid } from './preview-grid';
import { RowFilters } from './row-filters';
import { useBulkEdits } from './use-bulk-edits';
import { PushOptions } from './push-options';
import { PushPreflight } from './push-preflight';
import { ReferenceCheck } from './reference-check';
import { RememberedMappingBanner, type RememberedOfferState } from './remembered-mapping-banner';
import { type FileErrorRow, PushResult } from './push-result';
import { SkipRules } from './skip-rules';

type Stage = 'empty' | 'loading' | 'ready' | 'pushing' | 'done';

/**
 * The run after a stopped upload, once the batches that were on their way have landed (their
 * outcomes are written a moment after the cancel); null when it cannot be read.
 */
async function settledRun(runId: string): Promise<RunSummary | null> {
  let last: RunSummary | null = null;
  for (let i = 0; i < 20; i++) {
    const run = await fetchRun(runId).catch(() => null);
    if (!run) return last;
    if (last && run.counts.sent === last.counts.sent && run.counts.rejected === last.counts.rejected) return run;
    last = run;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}

export function ImportWizard({ datasetId }: { datasetId: DatasetId }) {
  const dataset = getDataset(datasetId);
  const queryClient = useQueryClient();
  const client = useRef<ImportWorkerClient | null>(null);
  const [stage, setStage] = useState<Stage>('empty');
  const [loadProgress, setLoadProgress] = useState(0);
  const [loaded, setLoaded] = useState<LoadResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<RowFilter>('all');
  const [version, setVersion] = useState(0);
  const [filteredTotal, setFilteredTotal] = useState(0);
  // The push is a run on the dashboard's server; the page uploads it, then follows it.
  const [runId, setRunId] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<RunOutcome | null>(null);
  const [plan, setPlan] = useState<PushPlan | null>(null);
  const [pushOptions, setPushOptions] = useState<Record<string, boolean>>({});
  // The mapping last sent with this file's headers, found at load; the offer is derived from it.
  const [remembered, setRemembered] = useState<{ entry: RememberedMapping | null; state: RememberedOfferState }>({ entry: null, state: 'open' });
  const [referenceCheckRunning, setReferenceCheckRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    client.current = createImportWorkerClient();
    return () => client.current?.dispose();
  }, []);

  const worker = useCallback(() => {
    if (!client.current) throw new Error('The import worker is not running.');
    return client.current;
  }, []);

  // Bulk edits and undo answer a new summary; the grid then reads its rows again.
  const onBulkSummary = useCallback((validation: ValidationSummary) => {
    setLoaded((prev) => (prev ? { ...prev, validation } : prev));
    setVersion((n) => n + 1);
  }, []);
  const edits = useBulkEdits({ worker, enabled: stage === 'ready', validation: loaded?.validation, onSummary: onBulkSummary, filter });
  const { noteHistory, refreshHistory, markRunOutcome } = edits;

  async function onFile(file: File) {
    setError(null);
    setResult(null);
    setStage('loading');
    setLoadProgress(0);
    try {
      const res = await worker().load(file, datasetId, undefined, (p) => setLoadProgress(p));
      setLoaded(res);
      edits.reset();
      const storage = browserStorage();
      setRemembered({ entry: storage ? findRemembered(storage, datasetId, res.summary.columns) : null, state: 'open' });
      setFilter('all');
      setFilteredTotal(res.validation.total);
      setVersion((v) => v + 1);
      setStage('ready');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setStage(loaded ? 'ready' : 'empty');
    }
  }

  // Mapping a date or code column changes what there is to decide about it, so the whole
  // state is read back rather than patched here.
  // The next change is made from this one, not from the state the worker last answered, so
  // quick successive choices build on each other; only the latest answer is shown.
  const mappingRequest = useRef(0);
  async function onMapping(mapping: ColumnMapping) {
    const question = loaded ? mappingLossQuestion(loaded.mapping, mapping, loaded.validation, fields) : null;
    if (question !== null && !window.confirm(question)) return;
    const request = ++mappingRequest.current;
    setLoaded((prev) => (prev ? { ...prev, mapping } : prev));
    await worker().setMapping(mapping);
    const state = await worker().getState();
    if (request !== mappingRequest.current) return;
    setLoaded(state);
    setVersion((v) => v + 1);
  }

  async function onOptions(options: ImportOptions) {
    setStage('loading');
    try {
      setLoaded(await worker().setOptions(options, (p) => setLoadProgress(p)));
      edits.reset();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setStage('ready');
    }
  }

  const onSkip = useCallback(
    async (rowIndex: number, skipped: boolean) => {
      const validation = await worker().setSkipped([rowIndex], skipped);
      setLoaded((prev) => (prev ? { ...prev, validation } : prev));
      setVersion((v) => v + 1);
      refreshHistory();
    },
    [worker, refreshHistory],
  );

  const loadRows = useCallback(
    async (offset: number, limit: number, f: RowFilter) => {
      const res = await worker().getRows({ offset, limit, filter: f });
      setFilteredTotal(res.total);
      return res;
    },
    [worker],
  );

  const onEdit = useCallback(
    async (rowIndex: number, fieldKey: string, raw: string): Promise<PreviewRow | null> => {
      const res = await worker().setCell(rowIndex, fieldKey, raw);
      setLoaded((prev) => (prev ? { ...prev, validation: res.summary } : prev));
      noteHistory(res.history);
      return res.row;
    },
    [worker, noteHistory],
  );

  useEffect(() => {
    if (stage !== 'ready') return;
    void worker()
      .getRows({ offset: 0, limit: 1, filter })
      .then((r) => setFilteredTotal(r.total));
  }, [filter, version, stage, worker]);

  // The fields of this file: the registry's, plus one per location column in a wide file.
  const fields = loaded?.fields ?? dataset.fields;
  const isMapped = useCallback(
    (key: string, withFallback: boolean) => {
      const m = loaded?.mapping;
      if (!m) return false;
      return (m[key] ?? null) !== null || (withFallback && (m[fallbackKey(key)] ?? null) !== null);
    },
    [loaded],
  );
  const mappedFields = useMemo(() => fields.filter((f) => isMapped(f.key, f.fallback !== undefined)), [fields, isMapped]);
  const missingRequired = fields.filter((f) => f.required && !isMapped(f.key, f.fallback !== undefined));

  const rememberedOffer = useMemo(() => (loaded ? offerFor(remembered.entry, loaded.summary.columns, loaded.mapping) : ({ kind: 'none' } as const)), [remembered.entry, loaded]);

  const onReferencesChecked = useCallback((validation: ValidationSummary) => {
    setLoaded((prev) => (prev ? { ...prev, validation } : prev));
    setVersion((n) => n + 1);
  }, []);

  async function push() {
    if (!loaded) return;
    // The mapping the user sends with is the one worth offering for these headers next time.
    const storage = browserStorage();
    if (storage) rememberMapping(storage, { dataset: datasetId, columns: loaded.summary.columns, mapping: loaded.mapping, fileName: loaded.summary.fileName });
    setStage('pushing');
    setResult(null);
    setRunId(null);
    setUploaded(null);
    const controller = new AbortController();
    abort.current = controller;
    let created: string | null = null;
    try {
      setRunId(
        await uploadRun({
          dataset: datasetId,
          fileName: loaded.summary.fileName,
          fileRows: loaded.validation.total,
          source: worker(),
          loadFileErrors,
          signal: controller.signal,
          onPlan: setPlan,
          onRunCreated: (id) => {
            created = id;
            // The banner on every page lists the run from its first chunk on, not at its next idle poll.
            void queryClient.invalidateQueries({ queryKey: runsKey });
          },
          onProgress: (done, total) => setUploaded({ done, total }),
          ...(dataset.pushOptions?.length ? { pushOptions } : {}),
        }),
      );
    } catch (e) {
      // Complete batches go out while the upload goes on, so a stopped upload may have sent some.
      const stopped = created ? await settledRun(created) : null;
      if (stopped && stopped.counts.sent + stopped.counts.rejected > 0) {
        setError(
          `${controller.signal.aborted ? 'Push cancelled' : `The upload stopped (${e instanceof Error ? e.message : String(e)})`} after ${count(stopped.counts.sent)} rows had already been sent to StockTrim; the rest of the file was not sent. The result below shows which.`,
        );
        await onRunFinished(stopped);
      } else {
        setError(controller.signal.aborted ? 'Push cancelled before anything was sent to StockTrim.' : e instanceof Error ? e.message : String(e));
        setStage('ready');
      }
    } finally {
      abort.current = null;
    }
  }

  const onRunFinished = useCallback(
    async (run: RunSummary) => {
      try {
        const outcome = await loadRunResult(run);
        setResult(outcome);
        setStage('done');
        // So "Back to the rows" shows the rows StockTrim refused as rejected, not as OK.
        await markRunOutcome(outcome);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        setStage('ready');
      }
    },
    [markRunOutcome],
  );

  async function loadFileErrors(): Promise<FileErrorRow[]> {
    const out: FileErrorRow[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await worker().getRows({ offset, limit: 1000, filter: 'errors' });
      for (const row of page.rows) {
        const values: Record<string, unknown> = {};
        for (const [k, c] of Object.entries(row.cells)) values[k] = c.raw;
        out.push({ rowNumber: row.rowNumber, message: row.problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' '), values });
      }
      if (offset + 1000 >= page.total) return out;
    }
  }

  const v = loaded?.validation;
  const busy = stage === 'loading' || stage === 'pushing';

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">Import {dataset.label}</h1>
          <p className="max-w-3xl text-sm text-slate-600">{dataset.description}</p>
        </div>
        <a className="btn-secondary" href={`/api/templates/${datasetId}`} download>
          Download a template
        </a>
      </div>

      {stage !== 'pushing' && (
        <FileDropZone onFile={(f) => void onFile(f)} disabled={busy}>
          {stage === 'loading' && (
            <div role="status" aria-live="polite" className="w-full max-w-md">
              <div className="h-2 w-full overflow-hidden rounded bg-slate-200">
                <div className="h-full bg-indigo-600" style={{ width: `${Math.round(loadProgress * 100)}%` }} />
              </div>
              <p className="mt-1 text-sm">Reading and checking the file… {Math.round(loadProgress * 100)}%</p>
            </div>
          )}
          {loaded && stage !== 'loading' && (
            <p className="text-sm text-slate-600" data-testid="loaded-file">
              Loaded <strong>{loaded.summary.fileName}</strong>: {countOf(loaded.summary.rowCount, 'row')}. Drop another file to replace it.
            </p>
          )}
        </FileDropZone>
      )}

      {error && (
        <p role="alert" className="rounded bg-rose-50 p-3 text-sm text-rose-800">
          {error}
        </p>
      )}

      {loaded && v && (
        <>
          <FileOptions
            summary={loaded.summary}
            decisions={loaded.decisions}
            options={loaded.options}
            fileProblems={v.fileProblems ?? []}
            validation={v}
            disabled={busy || stage === 'done'}
            onChange={(options) => void onOptions(options)}
          />
          <DatasetDecisions decisions={loaded.decisions} validation={v} disabled={busy || stage === 'done'} onChange={(patch) => void onOptions({ ...loaded.options, ...patch })} />
          <RememberedMappingBanner
            offer={rememberedOffer}
            state={remembered.state}
            disabled={busy || stage === 'done'}
            fields={fields}
            columns={loaded.summary.columns}
            current={loaded.mapping}
            onApply={() => {
              if (rememberedOffer.kind !== 'differs') return;
              setRemembered((r) => ({ ...r, state: 'applied' }));
              void onMapping(rememberedOffer.mapping);
            }}
            onKeep={() => setRemembered((r) => ({ ...r, state: 'kept' }))}
          />
          <ColumnMappingEditor
            fields={fields}
            columns={loaded.summary.columns}
            mapping={loaded.mapping}
            notes={loaded.mappingInfo.notes}
            onChange={(m) => void onMapping(m)}
            disabled={busy || stage === 'done'}
          />
          <SkipRules
            columns={loaded.summary.columns}
            rules={loaded.options.skipRules ?? []}
            reasons={v.skipReasons ?? []}
            disabled={busy || stage === 'done'}
            onChange={(skipRules) => void onOptions({ ...loaded.options, skipRules })}
          />
          <ReferenceCheck
            worker={worker()}
            refreshKey={v}
            references={v.references}
            disabled={busy || stage === 'done'}
            onChecked={onReferencesChecked}
            onShowRows={() => setFilter('errors')}
            onRunningChange={setReferenceCheckRunning}
          />

          <section aria-labelledby="preview-heading" className="space-y-3">
            <div className="flex flex-wrap items-center gap-4">
              <h2 id="preview-heading" className="text-lg font-semibold">
                Check every row
              </h2>
              <p className="text-sm" data-testid="validation-summary" aria-live="polite">
                <span data-testid="count-total">{v.total}</span> {v.total === 1 ? 'row' : 'rows'}:{' '}
                <span className="text-emerald-700">
                  <span data-testid="count-valid">{v.valid}</span> ready{v.withWarnings > 0 ? ` (${v.withWarnings} of them with warnings)` : ''}
                </span>
                ,{' '}
                <span className="text-rose-700">
                  <span data-testid="count-errors">{v.withErrors}</span> with errors
                </span>
                {(v.skipped ?? 0) > 0 && (
                  <>
                    , <span data-testid="count-skipped">{v.skipped}</span> skipped (
                    {[
                      ...((v.skippedByYou ?? 0) > 0 ? [`${v.skippedByYou} by you`] : []),
                      ...(v.skipReasons ?? []).filter((r) => r.count > 0).map((r) => `${r.reason}: ${r.count}`),
                    ].join('; ')}
                    )
                  </>
                )}
              </p>
              <RowFilters filter={filter} validation={v} onChange={setFilter} />
            </div>
            <p className="text-xs text-slate-500">Click a cell to correct it; the row is checked again at once. The arrow shows what will be sent.</p>
            {mappedFields.length > 0 && <BulkEditBar fields={mappedFields} edits={edits} version={version} shownTotal={filteredTotal} />}
            {mappedFields.length > 0 ? (
              <PreviewGrid
                fields={mappedFields}
                total={filteredTotal}
                filter={filter}
                version={version}
                loadRows={loadRows}
                onEdit={onEdit}
                onSkip={onSkip}
                readOnly={busy || stage === 'done'}
                selection={edits.selection}
                onSelectionChange={edits.setSelection}
              />
            ) : (
              <p className="text-sm text-slate-600">Map at least one column to see the rows.</p>
            )}
          </section>

          {stage === 'ready' && (
            <section className="card space-y-3" aria-labelledby="push-heading">
              <h2 id="push-heading" className="text-lg font-semibold">
                Send to StockTrim
              </h2>
              {missingRequired.length > 0 ? (
                <p className="text-sm text-rose-700" role="alert">
                  Map the required fields first: {missingRequired.map((f) => f.label).join(', ')}.
                </p>
              ) : (
                <p className="text-sm text-slate-700">
                  {countOf(v.valid, 'row')} will be sent.{' '}
                  {v.withErrors > 0 && `${countOf(v.withErrors, 'row')} with errors will not be sent; fix them above or they are reported as rejected.`}
                </p>
              )}
              {missingRequired.length === 0 && <PushPreflight worker={worker()} refreshKey={v} references={v.references} referenceCheckRunning={referenceCheckRunning} />}
              {(v.rejectedByStockTrim ?? 0) > 0 && (
                <p className="text-sm text-rose-700" data-testid="preflight-rejected-last">
                  {v.rejectedByStockTrim === 1 ? '1 row was' : `${v.rejectedByStockTrim} rows were`} rejected by StockTrim in the last push; the file check cannot see
                  why, so they count as ready above. Fix them (filter &ldquo;Show only rows StockTrim rejected&rdquo;) or retry them.
                </p>
              )}
              <PushOptions options={dataset.pushOptions ?? []} values={pushOptions} disabled={false} onChange={setPushOptions} />
              <button type="button" className="btn-primary" disabled={missingRequired.length > 0 || v.valid === 0} onClick={() => void push()}>
                Send {countOf(v.valid, 'row')} to StockTrim
              </button>
              {runId && result && <RetryFailedRows runId={runId} source={worker()} onStarted={() => setStage('pushing')} />}
            </section>
          )}

          {stage === 'pushing' &&
            (runId ? <RunProgress runId={runId} onFinished={(run) => void onRunFinished(run)} /> : <RunUploadProgress uploaded={uploaded} onCancel={() => abort.current?.abort()} />)}

          {stage === 'done' && result && (
            <>
              <PushResult
                result={result}
                total={v.total}
                fileErrorCount={v.withErrors}
                skippedCount={v.skipped ?? 0}
                skippedByYou={v.skippedByYou ?? 0}
                skipReasons={v.skipReasons ?? []}
                {...(plan?.orderCount !== undefined && plan.orderNoun && plan.orderCount !== plan.rowsToSend ? { orders: { count: plan.orderCount, noun: plan.orderNoun } } : {})}
                fields={mappedFields}
                loadFileErrors={loadFileErrors}
                fileName={loaded.summary.fileName}
              />
              <section className="card space-y-3">
                <h2 className="text-lg font-semibold">Next</h2>
                <div className="flex flex-wrap gap-3">
                  <button type="button" className="btn-secondary" onClick={() => setStage('ready')}>
                    Back to the rows
                  </button>
                  <Link className="btn-secondary" href="/order-plan">
                    Open the order plan
                  </Link>
                  {runId && (
                    <Link className="btn-secondary" href={`/history/${runId}`}>
                      See this push in History
                    </Link>
                  )}
                </div>
                {runId && <RetryFailedRows runId={runId} source={worker()} onStarted={() => setStage('pushing')} />}
                <RunForecastButton />
              </section>
            </>
          )}
        </>
      )}
    </div>
  );
}
