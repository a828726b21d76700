/**
 * The StockTrim sandbox in its own process (so its work never shares a core's time slices with
 * the code being measured), with a counter at its door: every PUT /SalesOrdersBulk body is
 * read as it arrives, so the bench can prove each pushed line reached the sandbox exactly once,
 * that no request mixed two orders and that no order was split over requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxRequestHandler, type SandboxAccount } from '@/sandbox/server';
import { addRef, newDigest, type RefDigest } from './ref-digest';

export interface SandboxChildInput {
  readonly latencyMs: number;
  readonly accounts: readonly SandboxAccount[];
}

export interface DoorStats {
  readonly putRequests: number;
  /** PUT /SalesOrdersBulk answered 201. */
  readonly putAccepted: number;
  readonly linesReceived: number;
  readonly linesAccepted: number;
  /** Accepted lines whose reference had already been accepted since the last reset. */
  readonly duplicateDeliveries: number;
  readonly accepted: RefDigest;
  /** Requests whose lines belong to more than one order number. */
  readonly mergedRequests: number;
  /** Order numbers whose accepted lines came in more than one request. */
  readonly splitOrders: number;
  readonly otherRequests: number;
  /** When each PUT arrived (epoch ms, this machine's clock), in order: where a path loses time. */
  readonly putArrivals: readonly number[];
}

export type SandboxChildMessage = { readonly id: number; readonly cmd: 'stats' | 'reset' };

const BULK_PATH = /^\/api\/salesordersbulk\/?(\?|$)/i;

/** Order number part of a reference "order-product-k" (order numbers in the bench have no "-"). */
const orderOf = (ref: string) => ref.slice(0, ref.indexOf('-'));

function createDoor() {
  let putRequests = 0;
  let putAccepted = 0;
  let linesReceived = 0;
  let linesAccepted = 0;
  let duplicateDeliveries = 0;
  let mergedRequests = 0;
  let otherRequests = 0;
  let accepted = newDigest();
  let seen = new Set<string>();
  let requestsPerOrder = new Map<string, number>();
  let putArrivals: number[] = [];

  function observe(req: IncomingMessage, res: ServerResponse): void {
    putRequests++;
    putArrivals.push(Date.now());
    const chunks: Buffer[] = [];
    let refs: string[] = [];
    // Watch the body without consuming it: the sandbox reads it itself after its latency
    // delay, and a 'data' listener here would switch the stream to flowing mode too early.
    const emit = req.emit.bind(req) as (event: string, ...args: unknown[]) => boolean;
    req.emit = ((event: string, ...args: unknown[]) => {
      if (event === 'data') chunks.push(args[0] as Buffer);
      else if (event === 'end') {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { saleOrderLineItems?: { externalReferenceId?: string }[] };
          refs = (body.saleOrderLineItems ?? []).map((l) => String(l.externalReferenceId ?? ''));
        } catch {
          refs = [];
        }
        linesReceived += refs.length;
      }
      return emit(event, ...args);
    }) as typeof req.emit;
    res.on('finish', () => {
      if (res.statusCode !== 201) return;
      putAccepted++;
      const orders = new Set<string>();
      for (const ref of refs) {
        linesAccepted++;
        if (seen.has(ref)) duplicateDeliveries++;
        else seen.add(ref);
        addRef(accepted, ref);
        orders.add(orderOf(ref));
      }
      if (orders.size > 1) mergedRequests++;
      for (const o of orders) requestsPerOrder.set(o, (requestsPerOrder.get(o) ?? 0) + 1);
    });
  }

  return {
    observe,
    other: () => otherRequests++,
    stats(): DoorStats {
      let splitOrders = 0;
      for (const n of requestsPerOrder.values()) if (n > 1) splitOrders++;
      return { putRequests, putAccepted, linesReceived, linesAccepted, duplicateDeliveries, accepted: { ...accepted }, mergedRequests, splitOrders, otherRequests, putArrivals: [...putArrivals] };
    },
    reset(): void {
      putRequests = putAccepted = linesReceived = linesAccepted = duplicateDeliveries = mergedRequests = otherRequests = 0;
      accepted = newDigest();
      seen = new Set();
      requestsPerOrder = new Map();
      putArrivals = [];
    },
  };
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as SandboxChildInput;
  const handler = createSandboxRequestHandler({ latencyMs: input.latencyMs, accounts: input.accounts, productDeleteDelayMs: 0, forecastDurationMs: 100, seed: 1 });
  const door = createDoor();
  const server = createServer((req, res) => {
    if (req.method === 'PUT' && BULK_PATH.test(req.url ?? '')) door.observe(req, res);
    else door.other();
    handler(req, res);
  });
  // As startSandbox does: longer than any client keeps an idle socket.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.on('message', (message: SandboxChildMessage) => {
    if (message.cmd === 'reset') door.reset();
    process.send!({ id: message.id, stats: door.stats() });
  });
  // The parent going away (even by a crash) must not leave a sandbox behind.
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: true, port });
}

void main();
