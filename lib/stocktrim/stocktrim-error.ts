/**
 * Everything that can go wrong talking to StockTrim, as one error type whose message a person
 * can act on. Kept free of Next.js so the sandbox tests and scripts can use it too.
 */
export type StockTrimErrorKind =
  | 'auth'
  | 'validation'
  | 'not-found'
  | 'throttled'
  | 'server'
  | 'network'
  | 'timeout'
  | 'unexpected';

export class StockTrimError extends Error {
  readonly kind: StockTrimErrorKind;
  /** HTTP status from StockTrim, or null when no answer arrived. */
  readonly status: number | null;
  /** Field name (as StockTrim spells it) → its messages, from a 400 problem document. */
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
  readonly attempts: number;

  constructor(init: {
    kind: StockTrimErrorKind;
    status: number | null;
    message: string;
    fieldErrors?: Record<string, readonly string[]>;
    attempts?: number;
  }) {
    super(init.message);
    this.name = 'StockTrimError';
    this.kind = init.kind;
    this.status = init.status;
    this.fieldErrors = init.fieldErrors ?? {};
    this.attempts = init.attempts ?? 1;
  }

  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
  }
}

interface ProblemLike {
  title?: unknown;
  detail?: unknown;
  message?: unknown;
  errors?: unknown;
}

function fieldErrorsOf(problem: ProblemLike): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (problem.errors && typeof problem.errors === 'object') {
    for (const [field, messages] of Object.entries(problem.errors as Record<string, unknown>)) {
      const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
      if (list.length > 0) out[field] = list;
    }
  }
  return out;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Turns a non-2xx answer into a StockTrimError with a message that says what to do. */
export function errorFromResponse(status: number, bodyText: string, attempts: number): StockTrimError {
  let problem: ProblemLike = {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === 'object') problem = parsed as ProblemLike;
    else if (typeof parsed === 'string') problem = { message: parsed };
  } catch {
    if (bodyText.trim()) problem = { message: bodyText.trim().slice(0, 500) };
  }
  const fieldErrors = fieldErrorsOf(problem);
  const said = textOf(problem.detail) ?? textOf(problem.message) ?? textOf(problem.title);
  const fieldText = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
    .join('; ');

  if (status === 401 || status === 403) {
    return new StockTrimError({
      kind: 'auth',
      status,
      attempts,
      message: `StockTrim did not accept the API credentials (api-auth-id and api-auth-signature)${said ? `: ${said}` : ''}. Copy both again from the Help section in StockTrim.`,
    });
  }
  if (status === 400 || status === 422) {
    return new StockTrimError({
      kind: 'validation',
      status,
      attempts,
      fieldErrors,
      message: `StockTrim rejected the data: ${fieldText || said || 'no reason given'}`,
    });
  }
  if (status === 404) {
    return new StockTrimError({ kind: 'not-found', status, attempts, message: said ?? 'StockTrim found nothing at that address.' });
  }
  if (status === 429) {
    return new StockTrimError({
      kind: 'throttled',
      status,
      attempts,
      message: `StockTrim is limiting requests and still refused after ${attempts} attempts; try again in a few minutes.`,
    });
  }
  if (status >= 500) {
    return new StockTrimError({
      kind: 'server',
      status,
      attempts,
      message: `StockTrim had a server error (${status}) after ${attempts} attempts${said ? `: ${said}` : ''}. Nothing is lost; try again later.`,
    });
  }
  return new StockTrimError({ kind: 'unexpected', status, attempts, message: `StockTrim answered ${status}${said ? `: ${said}` : ''}.` });
}
