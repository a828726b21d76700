/// <reference lib="webworker" />
/**
 * Module Web Worker that owns the import: decoding, parsing, validation and the rows all live
 * here so the page stays responsive; the page gets counts, problems and the rows it shows.
 * Start it with `new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' })`
 * (import-worker-client.ts does), which both webpack and Turbopack bundle as a worker.
 */
import { ImportSession } from './import-session';
import { overallProgress, type LoadPhase, type MethodName, type WorkerRequest, type WorkerResponse } from './import-protocol';

declare const self: DedicatedWorkerGlobalScope;

const session = new ImportSession();

// Requests run one after another: a getRows that arrives while a file is still loading must
// see the new file, not race it.
let queue: Promise<void> = Promise.resolve();

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

function progressFor(id: number): (phase: LoadPhase, fraction: number) => void {
  let lastPhase: LoadPhase | null = null;
  let last = -1;
  return (phase, fraction) => {
    // Throttle to whole percents so a million-row pass posts ~100 messages, not a million.
    const pct = Math.floor(fraction * 100);
    if (phase === lastPhase && pct === last) return;
    lastPhase = phase;
    last = pct;
    post({ id, kind: 'progress', phase, fraction, overall: overallProgress(phase, fraction) });
  };
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, method, arg } = event.data;
  queue = queue.then(async () => {
    try {
      const result = await session.handle(method as MethodName, arg as never, progressFor(id));
      post({ id, kind: 'result', result });
    } catch (e) {
      post({ id, kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });
};
