/**
 * Query-string binding as ASP.NET does it: names are case-insensitive, an empty value counts as
 * absent, and failures are 400 problems keyed by the parameter's declared name.
 */
import { isContractDateTime } from '../../lib/stocktrim/contract';
import { badRequest } from '../http/problems';
import type { QueryParams, RequestContext } from './route';

export function queryParams(search: URLSearchParams): QueryParams {
  const values = new Map<string, string>();
  for (const [name, value] of search) {
    const lower = name.toLowerCase();
    if (!values.has(lower) && value !== '') values.set(lower, value);
  }
  return { get: (name) => values.get(name.toLowerCase()) };
}

export function requiredQuery(ctx: RequestContext, name: string): string {
  const value = ctx.query.get(name);
  if (value === undefined) throw badRequest({ [name]: [`The ${name} field is required.`] });
  return value;
}

export function requiredDateQuery(ctx: RequestContext, name: string): string {
  const value = requiredQuery(ctx, name);
  if (!isContractDateTime(value)) throw badRequest({ [name]: [`The value '${value}' is not valid for ${name}.`] });
  return value;
}

/** A whole number ≥ 1, or the fallback when the parameter is absent. */
export function pageQuery(ctx: RequestContext, name: string, fallback: number): number {
  const value = ctx.query.get(name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw badRequest({ [name]: [`The value '${value}' is not valid for ${name}; pages count from 1.`] });
  }
  return Number(value);
}

/** A whole number ≥ `minimum`, or the fallback when the parameter is absent. */
export function wholeNumberQuery(ctx: RequestContext, name: string, fallback: number, minimum: number): number {
  const value = ctx.query.get(name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number) || number < minimum) {
    throw badRequest({ [name]: [`The value '${value}' is not valid for ${name}; it must be a whole number of at least ${minimum}.`] });
  }
  return number;
}
