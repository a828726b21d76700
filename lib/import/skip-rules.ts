/**
 * Rows left out by a rule rather than one by one: continuation rows that only add an image to
 * the record above, rows the user filtered out by a column ("EndDate is not empty"), and rows
 * with a negative value the user chose not to send. Each rule has the reason shown for its
 * rows; they count as skipped, never as errors, and the user can turn each rule off.
 */
import { type DatasetDef, fallbackKey } from '@/lib/datasets/field-def';
import type { ColumnMapping, ImportOptions, SkipReason, SourceColumn } from './import-types';
import type { RowCheck, RowValidator } from './validate-row';

export const MAX_SKIP_RULES = 64;

export interface SkipRuleCheck {
  readonly reason: string;
  readonly kind: SkipReason['kind'];
  /** For the user's column rules: the index in ImportOptions.skipRules. */
  readonly skipRule?: number;
  test(row: number, out: RowCheck): boolean;
}

export interface SkipRuleContext {
  readonly dataset: DatasetDef;
  readonly mapping: ColumnMapping;
  readonly columns: readonly SourceColumn[];
  readonly options: ImportOptions;
  readonly validator: RowValidator;
  readonly nullAsBlank: boolean;
  /** The file's text of a data row's cell (edits do not change it). */
  readonly rawAt: (row: number, column: number) => string;
}

function blank(text: string, nullAsBlank: boolean): boolean {
  const t = text.trim();
  return t === '' || (nullAsBlank && t.length === 4 && t.toLowerCase() === 'null');
}

/**
 * A continuation row's code came from the fallback column, equals the row above's fallback
 * cell (a Shopify image row repeats its product's Handle), and it has no other value.
 */
function continuationRule(ctx: SkipRuleContext): SkipRuleCheck | null {
  const declared = ctx.dataset.continuationRows;
  if (!declared || ctx.options.skipContinuationRows === false) return null;
  const keyIndex = ctx.dataset.fields.findIndex((f) => f.fallback !== undefined);
  const fallback = keyIndex < 0 ? null : ctx.validator.fallbackOf(keyIndex);
  if (keyIndex < 0 || fallback === null) return null;
  const count = ctx.dataset.fields.length;
  return {
    reason: declared.reason,
    kind: 'continuation',
    test(row, out) {
      if (row === 0 || !out.fromFallback[keyIndex]) return false;
      for (let i = 0; i < count; i++) {
        if (i === keyIndex || !(ctx.validator.isMapped(i) || out.edited[i])) continue;
        if (out.values[i] !== null || out.severities[i] !== null) return false;
      }
      const above = ctx.rawAt(row - 1, fallback).trim();
      return above !== '' && above === out.raws[keyIndex]!.trim();
    },
  };
}

function columnRule(ctx: SkipRuleContext, index: number, column: number, when: 'blank' | 'filled'): SkipRuleCheck | null {
  const source = ctx.columns.find((c) => c.index === column);
  if (!source) return null;
  const wantBlank = when === 'blank';
  return {
    reason: `you skip rows where “${source.label}” is ${wantBlank ? 'empty' : 'not empty'}`,
    kind: 'column',
    skipRule: index,
    test: (row) => blank(ctx.rawAt(row, column), ctx.nullAsBlank) === wantBlank,
  };
}

/** The rules in force, in the order they are tried; a row is counted under the first that matches. */
export function buildSkipRules(ctx: SkipRuleContext): SkipRuleCheck[] {
  const rules: SkipRuleCheck[] = [];
  const continuation = continuationRule(ctx);
  if (continuation) rules.push(continuation);
  // The table keeps a row's rule in one byte.
  (ctx.options.skipRules ?? []).slice(0, MAX_SKIP_RULES).forEach((r, index) => {
    const rule = columnRule(ctx, index, r.column, r.when);
    if (rule) rules.push(rule);
  });
  if (ctx.options.negatives === 'skip') {
    rules.push({ reason: 'you chose not to send rows with a negative value', kind: 'negative', test: (_row, out) => out.negative });
  }
  return rules;
}

/** Whether the dataset's fallback column is mapped (continuation rows can only be told apart then). */
export function hasFallbackMapped(dataset: DatasetDef, mapping: ColumnMapping): { fieldKey: string; column: number } | null {
  const field = dataset.fields.find((f) => f.fallback !== undefined);
  const column = field ? mapping[fallbackKey(field.key)] : null;
  return field && column !== null && column !== undefined ? { fieldKey: field.key, column } : null;
}
