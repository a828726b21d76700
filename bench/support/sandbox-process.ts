/** Parent side of sandbox-child.ts: start it, read and reset its door counter, stop it. */
import { fork, type ChildProcess } from 'node:child_process';
import type { SandboxAccount } from '@/sandbox/server';
import { benchModule, repoRoot } from './paths';
import type { DoorStats, SandboxChildInput, SandboxChildMessage } from './sandbox-child';

export interface SandboxProcess {
  /** Base URL including /api. */
  readonly url: string;
  readonly pid: number;
  stats(): Promise<DoorStats>;
  /** Clears the door counter (not the sandbox's data). */
  resetDoor(): Promise<DoorStats>;
  close(): Promise<void>;
}

export async function startSandboxProcess(options: { readonly latencyMs: number; readonly accounts: readonly SandboxAccount[] }): Promise<SandboxProcess> {
  const input: SandboxChildInput = { latencyMs: options.latencyMs, accounts: options.accounts };
  const child: ChildProcess = fork(benchModule('support/sandbox-child.ts'), [JSON.stringify(input)], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sandbox did not start within 30 s')), 30_000);
    child.once('message', (m: { ready?: boolean; port?: number }) => {
      clearTimeout(timer);
      if (m.ready && m.port) resolve(m.port);
      else reject(new Error('the sandbox sent an unexpected first message'));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (${code}) before it was ready`));
    });
  });
  let nextId = 1;
  const waiting = new Map<number, (stats: DoorStats) => void>();
  child.on('message', (m: { id?: number; stats?: DoorStats }) => {
    if (m.id !== undefined && m.stats) waiting.get(m.id)?.(m.stats);
    if (m.id !== undefined) waiting.delete(m.id);
  });
  const ask = (cmd: SandboxChildMessage['cmd']) =>
    new Promise<DoorStats>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ id, cmd } satisfies SandboxChildMessage);
    });
  return {
    url: `http://127.0.0.1:${port}/api`,
    pid: child.pid!,
    stats: () => ask('stats'),
    resetDoor: () => ask('reset'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
