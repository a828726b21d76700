/**
 * A quick yes/no: would buildRowSchema(dataset) accept these values? The server checks every
 * uploaded row again, and zod costs about 5 µs a row, which a 500,000-row push pays on the
 * thread that also sends. Rows this says yes to are taken as they are; any other row goes
 * through zod, which stays the one that words the problems (and has the last word: a row this
 * refuses but zod accepts is accepted). row-check.test.ts holds the two to the same answers.
 */
import type { DatasetDef, FieldDef } from '@/lib/datasets/field-def';
import { daysInMonth } from './coerce-date';
import { MAX_REFERENCE_LENGTH } from './sales-line-reference';

type Accepts = (value: unknown) => boolean;

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
/** A code Excel turned into scientific notation ("1.23E+05"). */
export const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]\d+$/;

/** A real calendar date and time, written YYYY-MM-DDTHH:MM:SS with no time zone. */
export function isRealIsoLocal(s: string): boolean {
  const m = ISO_LOCAL.exec(s);
  if (!m) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(Number(m[1]), mo) && Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 59;
}

function text(field: FieldDef): Accepts {
  const code = field.type === 'code';
  const choices = field.choices;
  return (v) =>
    typeof v === 'string' &&
    v.length > 0 &&
    v === v.trim() &&
    !v.includes('\uFFFD') &&
    !v.includes('\uFEFF') &&
    !(code && SCIENTIFIC.test(v)) &&
    (choices === undefined || choices.includes(v));
}

function atLeast(min: number | undefined): (n: number) => boolean {
  return min === undefined ? () => true : (n) => n >= min;
}

function valueCheck(field: FieldDef): Accepts {
  switch (field.type) {
    case 'code':
    case 'text':
      return text(field);
    case 'number': {
      // As the schema: returns were excluded or netted in the browser, so none arrives here.
      const min = atLeast(field.min ?? (field.returnsChoice ? 0 : undefined));
      return (v) => typeof v === 'number' && Number.isFinite(v) && min(v);
    }
    case 'integer': {
      const min = atLeast(field.min);
      return (v) => typeof v === 'number' && Number.isSafeInteger(v) && min(v);
    }
    case 'fraction': {
      const min = Math.max(0, field.min ?? 0);
      return (v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= 1;
    }
    case 'date':
      return (v) => typeof v === 'string' && isRealIsoLocal(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
  }
}

/** The keys the import pipeline adds (row-schema.ts's pipelineKeys), always required. */
function pipelineChecks(dataset: DatasetDef): [string, Accepts][] {
  if (dataset.id === 'sales-orders') return [['externalReferenceId', (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_REFERENCE_LENGTH]];
  return [];
}

const cache = new WeakMap<DatasetDef, (values: unknown) => boolean>();

/** The check for one dataset, built once (like the schema) from its registry entry. */
export function rowCheckFor(dataset: DatasetDef): (values: unknown) => boolean {
  const cached = cache.get(dataset);
  if (cached) return cached;
  const checks = new Map<string, { accepts: Accepts; required: boolean }>();
  for (const field of dataset.fields) checks.set(field.key, { accepts: valueCheck(field), required: field.required === true });
  for (const [key, accepts] of pipelineChecks(dataset)) checks.set(key, { accepts, required: true });
  const required = [...checks].filter(([, c]) => c.required).map(([k]) => k);
  const check = (values: unknown): boolean => {
    if (values === null || typeof values !== 'object' || Object.getPrototypeOf(values) !== Object.prototype) return false;
    const record = values as Record<string, unknown>;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const c = checks.get(key);
      if (!c) return false;
      const v = record[key];
      if (v === null || v === undefined) {
        if (c.required) return false;
      } else if (!c.accepts(v)) return false;
    }
    for (const key of required) if (!Object.prototype.hasOwnProperty.call(record, key)) return false;
    return true;
  };
  cache.set(dataset, check);
  return check;
}
