/**
 * What a resource module provides: paths, and per method a handler that gets an authenticated,
 * fault-free, already validated request. The router and server do everything else.
 */
import type { z } from 'zod';
import type { AccountState } from '../store/account-state';
import type { SandboxOptions } from '../options';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Query parameters, looked up case-insensitively like ASP.NET model binding does. */
export interface QueryParams {
  get(name: string): string | undefined;
}

export interface RequestContext {
  readonly account: AccountState;
  readonly query: QueryParams;
  /** Path parameters by the name used in the route's `{name}` segment. */
  readonly params: Readonly<Record<string, string>>;
  readonly options: SandboxOptions;
  /** Milliseconds since the epoch; the one clock handlers use. */
  now(): number;
}

export type Reply =
  | { readonly status: number; readonly json: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly status: number; readonly empty: true; readonly headers?: Readonly<Record<string, string>> };

export interface Endpoint {
  /** When set, the body must be JSON matching this schema (415/400 otherwise). */
  readonly body?: z.ZodType;
  handle(ctx: RequestContext, body: unknown): Reply | Promise<Reply>;
}

export interface RouteDef {
  /** e.g. `/api/SalesOrders/Range` or `/api/Customers/{code}`; matched case-insensitively. */
  readonly path: string;
  readonly methods: Partial<Record<HttpMethod, Endpoint>>;
}

/** A resource: everything one dataset adds to the sandbox. */
export interface RouteModule {
  readonly name: string;
  readonly routes: readonly RouteDef[];
}

export function withBody<S extends z.ZodType>(
  schema: S,
  handle: (ctx: RequestContext, body: z.output<S>) => Reply | Promise<Reply>,
): Endpoint {
  return { body: schema, handle: (ctx, body) => handle(ctx, body as z.output<S>) };
}

export function withoutBody(handle: (ctx: RequestContext) => Reply | Promise<Reply>): Endpoint {
  return { handle: (ctx) => handle(ctx) };
}

export const json = (status: number, body: unknown): Reply => ({ status, json: body });
export const empty = (status: number): Reply => ({ status, empty: true });
