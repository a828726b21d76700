#!/usr/bin/env node
// One command for a new user: the StockTrim sandbox and the dashboard, wired together.
// Production build by default (large files are parsed far faster than in dev mode);
// DEMO_DEV=1 runs `next dev` instead.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const sandboxPort = process.env.SANDBOX_PORT ?? '4010';
const dashboardPort = process.env.PORT ?? '3000';
const dev = process.env.DEMO_DEV === '1';
const env = {
  ...process.env,
  SANDBOX_PORT: sandboxPort,
  STOCKTRIM_BASE_URL: process.env.STOCKTRIM_BASE_URL ?? `http://127.0.0.1:${sandboxPort}/api`,
  // A key for this run only, so the demo needs no setup; set SESSION_SECRET to keep sessions.
  SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64'),
};

const children = [];
function run(name, command, args) {
  const child = spawn(command, args, { env, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM') {
      console.error(`[demo] ${name} stopped (${signal ?? code}); stopping the rest.`);
      shutdown(code ?? 1);
    }
  });
  return child;
}

function shutdown(code) {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

function runToEnd(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code})`))));
  });
}

const bin = (name) => `node_modules/.bin/${name}`;
if (!existsSync(bin('next'))) {
  console.error('[demo] Dependencies are missing: run `npm ci` first.');
  process.exit(1);
}

/** A busy port would otherwise surface only after the build, as a crash. */
function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(Number(port), '127.0.0.1');
  });
}

async function waitUntilUp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

for (const [name, port, variable] of [
  ['sandbox', sandboxPort, 'SANDBOX_PORT'],
  ['dashboard', dashboardPort, 'PORT'],
]) {
  if (!(await portIsFree(port))) {
    console.error(`[demo] Port ${port} (the ${name}) is already in use. Stop what uses it, or choose another: ${variable}=<port> npm run demo`);
    process.exit(1);
  }
}

run('sandbox', bin('tsx'), ['sandbox/main.ts']);
if (dev) {
  run('dashboard', bin('next'), ['dev', '-H', '127.0.0.1', '-p', dashboardPort]);
} else {
  await runToEnd(bin('next'), ['build']);
  run('dashboard', bin('next'), ['start', '-H', '127.0.0.1', '-p', dashboardPort]);
}
if (await waitUntilUp(`http://127.0.0.1:${dashboardPort}/api/session`, 120_000)) {
  console.log(`\n[demo] Open http://127.0.0.1:${dashboardPort} and choose "Use the sandbox demo account".\n`);
} else {
  console.error('[demo] The dashboard did not come up within 2 minutes; see the messages above.');
  shutdown(1);
}
