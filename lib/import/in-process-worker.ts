/**
 * An ImportSession behind the worker's message protocol, in the same thread, for tests: they
 * drive the real client against it, and every message is structured-cloned both ways
 * as a real worker would, so anything that cannot cross a worker boundary fails here too.
 */
import { ImportSession } from './import-session';
import { overallProgress, type WorkerRequest, type WorkerResponse } from './import-protocol';
import type { WorkerLike } from './import-worker-client';

export function inProcessWorker(session: ImportSession = new ImportSession()): WorkerLike & { readonly terminated: boolean } {
  const listeners: ((e: MessageEvent) => void)[] = [];
  let queue = Promise.resolve();
  let terminated = false;
  const send = (m: WorkerResponse) => queueMicrotask(() => listeners.forEach((l) => l({ data: structuredClone(m) } as MessageEvent)));
  return {
    get terminated() {
      return terminated;
    },
    postMessage(message: unknown) {
      const { id, method, arg } = structuredClone(message) as WorkerRequest;
      // One request at a time, in arrival order, like the worker's own queue.
      queue = queue.then(async () => {
        try {
          const result = await session.handle(method, arg as never, (phase, fraction) => send({ id, kind: 'progress', phase, fraction, overall: overallProgress(phase, fraction) }));
          send({ id, kind: 'result', result });
        } catch (e) {
          send({ id, kind: 'error', message: e instanceof Error ? e.message : String(e) });
        }
      });
    },
    addEventListener(type: string, listener: (e: MessageEvent) => void) {
      if (type === 'message') listeners.push(listener);
    },
    terminate() {
      terminated = true;
    },
  } as WorkerLike & { readonly terminated: boolean };
}
