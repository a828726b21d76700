import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Copies the run store's write-ahead log into the database file from a thread of its own.
 *
 * A checkpoint writes every changed page back and fsyncs the file: 30–50 ms at a time on these
 * disks. Left to SQLite, it runs inside whichever commit crosses the threshold, on the thread
 * the runner's lanes and the upload route share, and every lane waits for it. Here the main
 * connection never checkpoints by itself; a worker with its own connection runs PASSIVE
 * checkpoints, which neither wait for nor hold up the writers, so the log is reused from the
 * start once it has been copied and stays bounded.
 */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

/** Runs in the worker (CommonJS, eval'd): one connection, a passive checkpoint every `everyMs`. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
function openDatabase() {
  try {
    const Database = require(workerData.driver);
    const db = new Database(workerData.file, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    return db;
  } catch (error) {
    parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error) });
    parentPort.close();
    return null;
  }
}
const db = openDatabase();
if (db) {
  const tick = () => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or locked: the next tick tries again.
    }
  };
  const timer = setInterval(tick, workerData.everyMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    tick();
    db.close();
    parentPort.close();
  });
}
`;

/**
 * Starts the checkpointer for the database at `file`; null when it cannot run (the caller then
 * lets SQLite checkpoint by itself). `onError` hears a worker that failed later.
 */
export function startWalCheckpointer(file: string, { everyMs = 500, onError }: { everyMs?: number; onError: (error: Error) => void }): WalCheckpointer | null {
  let driver: string;
  try {
    // Resolved from the project, as the server's own import of it is (a built server runs from there).
    driver = createRequire(path.join(process.cwd(), 'package.json')).resolve('better-sqlite3');
  } catch {
    return null;
  }
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: path.resolve(file), driver, everyMs } });
  worker.unref();
  let stopped = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A store closed (and its folder removed) before the thread got going is not a failure.
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed !== undefined && !stopped) onError(new Error(message.failed));
  });
  worker.on('error', (error) => {
    if (!stopped) onError(error);
  });
  return {
    async stop() {
      if (!stopped) {
        stopped = true;
        worker.postMessage('stop');
      }
      await exit;
    },
  };
}
