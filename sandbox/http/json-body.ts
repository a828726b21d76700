/**
 * Turns request bytes into a contract-checked value the way ASP.NET's [FromBody] does: JSON
 * content types only (415 otherwise), a non-empty body, valid UTF-8 JSON, then the schema.
 */
import type { z } from 'zod';
import { EMPTY_BODY_MESSAGE, parseContract } from '../../lib/stocktrim/contract';
import { ProblemResponse, badRequest, unsupportedMediaType, withTraceId } from './problems';

const JSON_MEDIA_TYPES = new Set(['application/json', 'text/json', 'application/json-patch+json']);

export function isJsonContentType(contentType: string | undefined): boolean {
  const media = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!media) return false;
  return JSON_MEDIA_TYPES.has(media) || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(media);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseJsonBody<S extends z.ZodType>(schema: S, bytes: Buffer, contentType: string | undefined): z.output<S> {
  if (!isJsonContentType(contentType)) throw new ProblemResponse(unsupportedMediaType(contentType));
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw badRequest({ $: ['The request body is not valid UTF-8.'] });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw badRequest({ '': [EMPTY_BODY_MESSAGE] });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable JSON';
    throw badRequest({ $: [`The request body is not valid JSON: ${reason}. Path: $.`] });
  }
  const result = parseContract(schema, value);
  if (!result.success) throw new ProblemResponse(withTraceId(result.problem));
  return result.data;
}
