/**
 * The problem documents the sandbox answers with, shaped like ASP.NET's so a client parses
 * sandbox and production errors with the same code.
 */
import { randomBytes } from 'node:crypto';
import { validationProblem, type ProblemDetails, type ValidationProblemDetails } from '../../lib/stocktrim/contract';

/** A W3C trace id like the one ASP.NET adds, so logs can quote one. */
function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

function problem(status: number, type: string, title: string, detail?: string): ProblemDetails {
  return { type, title, status, ...(detail === undefined ? {} : { detail }), traceId: traceId() };
}

/** Thrown by handlers to answer with a problem document instead of a result. */
export class ProblemResponse extends Error {
  readonly status: number;
  readonly body: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;

  constructor(body: ProblemDetails, headers: Record<string, string> = {}) {
    super(body.title ?? `HTTP ${String(body.status)}`);
    this.status = body.status ?? 500;
    this.body = body;
    this.headers = headers;
  }
}

/** A 400 naming fields, ASP.NET style; key `Quantity`, `SaleOrderLineItems[0].Quantity`, ... */
export function badRequest(errors: Record<string, string[]>): ProblemResponse {
  const body: ValidationProblemDetails = { ...validationProblem(errors), traceId: traceId() };
  return new ProblemResponse(body);
}

/** A 400 that is not about one field, e.g. a calculation already running. */
export function badRequestDetail(title: string, detail: string): ProblemResponse {
  return new ProblemResponse(problem(400, 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title, detail));
}

export function withTraceId(body: ValidationProblemDetails): ValidationProblemDetails {
  return { ...body, traceId: traceId() };
}

export function missingAuthHeaders(missing: readonly string[]): ProblemDetails {
  return problem(
    401,
    'https://tools.ietf.org/html/rfc9110#section-15.5.2',
    'Invalid Authorization Headers',
    `Every request needs both the api-auth-id and api-auth-signature headers; missing: ${missing.join(', ')}.`,
  );
}

export function invalidAuthHeaders(): ProblemDetails {
  return problem(
    401,
    'https://tools.ietf.org/html/rfc9110#section-15.5.2',
    'Invalid auth Id or signature',
    'The api-auth-id and api-auth-signature headers do not match any account.',
  );
}

export function payloadTooLarge(limitBytes: number): ProblemDetails {
  return problem(
    413,
    'https://tools.ietf.org/html/rfc9110#section-15.5.14',
    'Payload Too Large',
    `Request bodies are limited to ${limitBytes} bytes.`,
  );
}

export function unsupportedMediaType(contentType: string | undefined): ProblemDetails {
  return problem(
    415,
    'https://tools.ietf.org/html/rfc9110#section-15.5.16',
    'Unsupported Media Type',
    `Send the body as JSON with Content-Type: application/json (got ${contentType ? `"${contentType}"` : 'no Content-Type'}).`,
  );
}

export function throttled(retryAfterSeconds: number): ProblemDetails {
  return problem(
    429,
    'https://tools.ietf.org/html/rfc6585#section-4',
    'Too Many Requests',
    `Injected throttling (SANDBOX_THROTTLE_RATE); retry after ${retryAfterSeconds} s.`,
  );
}

export function injectedFailure(): ProblemDetails {
  return problem(
    500,
    'https://tools.ietf.org/html/rfc9110#section-15.6.1',
    'An error occurred while processing your request.',
    'Injected failure (SANDBOX_FAIL_RATE); nothing was changed.',
  );
}

export function internalError(): ProblemDetails {
  return problem(
    500,
    'https://tools.ietf.org/html/rfc9110#section-15.6.1',
    'An error occurred while processing your request.',
    'The sandbox hit an unexpected error; see its log.',
  );
}
