/**
 * Rows that name a product (sales lines, BOM rows, inventory and purchase-order lines) must
 * name one StockTrim has, or StockTrim refuses them at push time, line by line. The page asks
 * which codes the file names, checks them against StockTrim, and hands the answer back; from
 * then on a row naming a checked code StockTrim lacks is an error on that field. Codes no check
 * has answered are never flagged: "not checked" is not "missing".
 *
 * The table feeds every counted row through `contribute` (+1 when it counts, -1 when it stops
 * counting), so the distinct codes and the rows affected stay right through edits and skips
 * without another pass over the file.
 */
import type { DatasetDef } from '@/lib/datasets/field-def';
import type { KnownProducts, ProductReferences, ReferenceCheckSummary } from './import-types';
import { STATUS_ERROR, type RowCheck } from './validate-row';

export const MISSING_SAMPLE_SIZE = 20;

/** "2026-12-03 18:40 UTC" from an ISO time; the text as given when it is not one. */
export function checkedAtText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

const MISSING_PREFIX = 'is not a product in StockTrim';

export function missingProductReason(checkedAt: string): string {
  return `${MISSING_PREFIX} (checked ${checkedAtText(checkedAt)}). Import it under Products first, or correct the code`;
}

export class ProductReferenceCheck {
  /** Field positions that name a product, with their labels. */
  private readonly fields: readonly { readonly index: number; readonly key: string; readonly label: string }[];
  /** Code → the time of the check that answered it. */
  private readonly checkedAt = new Map<string, string>();
  private readonly known = new Set<string>();
  private lastCheckedAt: string | null = null;
  /** Codes of the counted rows, with how many rows name each. */
  private readonly codeRows = new Map<string, number>();
  private affected = 0;

  constructor(dataset: DatasetDef, isMapped: (fieldIndex: number) => boolean) {
    this.fields = dataset.fields.flatMap((f, index) => (f.productReference && isMapped(index) ? [{ index, key: f.key, label: f.label }] : []));
  }

  get active(): boolean {
    return this.fields.length > 0;
  }

  /** Carries the answers of earlier checks over to a table rebuilt for a new mapping or layout. */
  adopt(other: ProductReferenceCheck): void {
    for (const [code, at] of other.checkedAt) this.checkedAt.set(code, at);
    for (const code of other.known) this.known.add(code);
    this.lastCheckedAt = other.lastCheckedAt;
  }

  /**
   * Adds a check's answer. Later checks add to what is checked; a code checked again takes the
   * newer answer (a product imported meanwhile becomes known).
   */
  record(answer: KnownProducts): void {
    const known = new Set(answer.known);
    for (const raw of answer.checked) {
      const code = raw.trim();
      if (code === '') continue;
      this.checkedAt.set(code, answer.checkedAt);
      if (known.has(raw) || known.has(code)) this.known.add(code);
      else this.known.delete(code);
    }
    if (this.lastCheckedAt === null || answer.checkedAt > this.lastCheckedAt) this.lastCheckedAt = answer.checkedAt;
  }

  /** Marks the reference fields of a checked row that name a checked code StockTrim lacks. */
  apply(out: RowCheck): void {
    // Before the first check (every first load) no code can be missing.
    if (this.checkedAt.size === 0) return;
    for (const f of this.fields) {
      const code = out.values[f.index];
      if (typeof code !== 'string' || out.severities[f.index] === 'error') continue;
      const at = this.checkedAt.get(code);
      if (at === undefined || this.known.has(code)) continue;
      out.severities[f.index] = 'error';
      out.reasons[f.index] = missingProductReason(at);
      out.status = STATUS_ERROR;
    }
  }

  private isMissing(code: string): boolean {
    return this.checkedAt.size > 0 && this.checkedAt.has(code) && !this.known.has(code);
  }

  /** Forgets the counted rows (before a full pass). */
  reset(): void {
    this.codeRows.clear();
    this.affected = 0;
  }

  /** A row starts (+1) or stops (-1) counting: a row that is sent or has errors, not a skipped one. */
  contribute(out: RowCheck, sign: 1 | -1): void {
    let missing = false;
    for (const f of this.fields) {
      const code = out.values[f.index];
      if (typeof code !== 'string' || code === '') continue;
      const n = (this.codeRows.get(code) ?? 0) + sign;
      if (n > 0) this.codeRows.set(code, n);
      else this.codeRows.delete(code);
      if (!missing && this.isMissing(code) && out.reasons[f.index]!.startsWith(MISSING_PREFIX)) missing = true;
    }
    if (missing) this.affected += sign;
  }

  references(): ProductReferences {
    const codes = [...this.codeRows.keys()].sort();
    return {
      fields: this.fields.map(({ key, label }) => ({ key, label })),
      codes,
      unchecked: codes.filter((c) => !this.checkedAt.has(c)),
    };
  }

  summary(): ReferenceCheckSummary {
    let checked = 0;
    let all = 0;
    const missing: string[] = [];
    for (const code of this.codeRows.keys()) {
      all++;
      if (!this.checkedAt.has(code)) continue;
      checked++;
      if (!this.known.has(code)) missing.push(code);
    }
    missing.sort();
    return {
      codes: all,
      uncheckedCodes: all - checked,
      checkedCodes: checked,
      missingCodes: missing.length,
      rowsAffected: this.affected,
      missingSample: missing.slice(0, MISSING_SAMPLE_SIZE),
      checkedAt: this.lastCheckedAt,
    };
  }
}
