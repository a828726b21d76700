/**
 * zod schema of one row's COERCED values, as the page sends them to the dashboard's push route.
 * The browser is not trusted, so the server checks every pushed row with this; the browser's
 * hot path uses the hand-written coercers instead (zod per cell would be far too slow for a
 * million rows). Built from the registry, so a field added there is checked here too.
 */
import { endSentence } from '@/lib/text/sentence';
import { z } from 'zod';
import type { DatasetDef, FieldDef } from '@/lib/datasets/field-def';
import type { CellValue } from './import-types';
import { isRealIsoLocal, rowCheckFor, SCIENTIFIC } from './row-check';
import { MAX_REFERENCE_LENGTH } from './sales-line-reference';

function textSchema(field: FieldDef): z.ZodType<string> {
  let s = z
    .string()
    .min(1, { message: 'is empty' })
    .refine((v) => v === v.trim(), { message: 'has spaces at the start or end' })
    .refine((v) => !v.includes('\uFFFD') && !v.includes('\uFEFF'), { message: 'contains a character that could not be read (wrong encoding)' });
  if (field.type === 'code') {
    s = s.refine((v) => !SCIENTIFIC.test(v), { message: 'is in scientific notation; the code was damaged by Excel' });
  }
  const choices = field.choices;
  if (choices) s = s.refine((v) => choices.includes(v), { message: `is not one of ${choices.join(', ')}` });
  return s;
}

function valueSchema(field: FieldDef): z.ZodType<CellValue> {
  switch (field.type) {
    case 'code':
    case 'text':
      return textSchema(field);
    case 'number': {
      let n = z.number();
      if (field.min !== undefined) n = n.min(field.min);
      // Returns are excluded or netted in the browser; one arriving here was never decided on.
      else if (field.returnsChoice) n = n.min(0);
      return n;
    }
    case 'integer': {
      let n = z.int();
      if (field.min !== undefined) n = n.min(field.min);
      return n;
    }
    case 'fraction':
      return z.number().min(Math.max(0, field.min ?? 0)).max(1);
    case 'date':
      return z.string().refine(isRealIsoLocal, { message: 'is not a real date written as YYYY-MM-DDTHH:MM:SS (no time zone)' });
    case 'boolean':
      return z.boolean();
  }
}

/** Extra keys the import pipeline adds to rows of a dataset (not fields a file maps). */
function pipelineKeys(dataset: DatasetDef): Record<string, z.ZodType<CellValue>> {
  if (dataset.id === 'sales-orders') {
    return {
      externalReferenceId: z
        .string()
        .min(1, { message: 'is empty' })
        .max(MAX_REFERENCE_LENGTH, { message: `is longer than ${MAX_REFERENCE_LENGTH} characters` }),
    };
  }
  return {};
}

const cache = new WeakMap<DatasetDef, z.ZodType<Record<string, CellValue>>>();

/**
 * Strict object schema: unknown keys are rejected, required fields must be present and
 * non-null, optional ones may be absent or null.
 */
export function buildRowSchema(dataset: DatasetDef): z.ZodType<Record<string, CellValue>> {
  const cached = cache.get(dataset);
  if (cached) return cached;
  const shape: Record<string, z.ZodType<CellValue | undefined>> = {};
  for (const field of dataset.fields) {
    const v = valueSchema(field);
    shape[field.key] = field.required ? v : v.nullable().optional();
  }
  Object.assign(shape, pipelineKeys(dataset));
  const schema = z.strictObject(shape) as unknown as z.ZodType<Record<string, CellValue>>;
  cache.set(dataset, schema);
  return schema;
}

/** Schema of a whole PushRow ({ rowNumber, values }). */
export function buildPushRowSchema(dataset: DatasetDef) {
  return z.strictObject({ rowNumber: z.int().positive(), values: buildRowSchema(dataset) });
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return `"${value.length > 60 ? value.slice(0, 60) + '…' : value}"`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function phraseType(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'yes or no (true/false)';
    default:
      return expected;
  }
}

/**
 * One sentence per problem, each naming the row, the field's label and the value, in the same
 * style as the browser's messages.
 */
export function rowSchemaProblems(dataset: DatasetDef, rowNumber: number, error: z.ZodError, values: unknown): string[] {
  const record = values !== null && typeof values === 'object' ? (values as Record<string, unknown>) : {};
  const out: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      out.push(`Row ${rowNumber}: ${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} of ${dataset.label}.`);
      continue;
    }
    const key = String(issue.path[0] ?? '');
    const field = dataset.fields.find((f) => f.key === key);
    const label = field?.label ?? key;
    const value = record[key];
    if (key === '') {
      out.push(`Row ${rowNumber}: ${endSentence(issue.message)}`);
      continue;
    }
    if (issue.code === 'invalid_type' && (value === undefined || value === null)) {
      out.push(`Row ${rowNumber}, ${label}: empty, but ${label} is required.`);
      continue;
    }
    let reason: string;
    switch (issue.code) {
      case 'invalid_type':
        reason = `is not ${phraseType(issue.expected)}`;
        break;
      case 'too_small':
        reason = issue.origin === 'string' ? 'is empty' : `is below ${String(issue.minimum)}; ${label} must be ${String(issue.minimum)} or more`;
        break;
      case 'too_big':
        reason = issue.origin === 'string' ? `is longer than ${String(issue.maximum)} characters` : `is above ${String(issue.maximum)}; ${label} must be at most ${String(issue.maximum)}`;
        break;
      default:
        reason = issue.message;
    }
    out.push(`Row ${rowNumber}, ${label}: ${show(value)} ${endSentence(reason)}`);
  }
  return out;
}

/** The problems as one message, for a row outcome. */
export function rowSchemaErrorMessage(dataset: DatasetDef, rowNumber: number, error: z.ZodError, values: unknown): string {
  return rowSchemaProblems(dataset, rowNumber, error, values).join(' ');
}

export type RowCheckResult = { readonly ok: true; readonly values: Record<string, CellValue> } | { readonly ok: false; readonly message: string };

/**
 * One row as the server takes it: the quick check's yes where it gives one, otherwise the
 * schema, which words the problems.
 */
export function checkRowAgainstSchema(dataset: DatasetDef, rowNumber: number, values: unknown): RowCheckResult {
  if (rowCheckFor(dataset)(values)) return { ok: true, values: values as Record<string, CellValue> };
  const checked = buildRowSchema(dataset).safeParse(values);
  return checked.success ? { ok: true, values: checked.data } : { ok: false, message: rowSchemaErrorMessage(dataset, rowNumber, checked.error, values) };
}
