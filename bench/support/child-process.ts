/**
 * Runs one measurement in a fresh Node process. A fresh process per repetition means no JIT
 * warmth, heap or page cache state carries from one measurement to the next (a browser worker
 * is also fresh per file), and the child's own rusage gives its peak memory.
 */
import { fork } from 'node:child_process';
import { repoRoot } from './paths';

export interface ChildOptions {
  /** Extra Node flags, e.g. --expose-gc or --cpu-prof. */
  readonly nodeFlags?: readonly string[];
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

type ChildReply<T> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: string };

/** Starts `modulePath` under tsx with `input` as its argument and resolves with what it sends back. */
export function runChild<I, T>(modulePath: string, input: I, options: ChildOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(modulePath, [JSON.stringify(input)], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new Error(`${modulePath} did not finish within ${options.timeoutMs} ms`)));
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 300_000);
    let reply: ChildReply<T> | null = null;
    child.on('message', (message) => {
      reply = message as ChildReply<T>;
    });
    child.on('error', (error) => finish(() => reject(error)));
    // Settle only once the child has gone: the next measurement must not overlap its exit, and
    // --cpu-prof writes the profile on the way out.
    child.on('exit', (code, signal) =>
      finish(() => {
        const r = reply as ChildReply<T> | null;
        if (r === null) reject(new Error(`${modulePath} exited (${signal ?? code}) without a result`));
        else if (r.ok) resolve(r.result);
        else reject(new Error(r.error));
      }),
    );
  });
}

/** The child side: reads its input, runs `work`, sends the result (or the error) and exits. */
export function childMain<I, T>(work: (input: I) => Promise<T> | T): void {
  const send = (reply: ChildReply<T>) => process.send!(reply, () => process.exit(0));
  Promise.resolve()
    .then(() => work(JSON.parse(process.argv[2] ?? 'null') as I))
    .then(
      (result) => send({ ok: true, result }),
      (error: unknown) => send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
}
