/**
 * Negative sales quantities (returns, cancellations) are never sent as they are. The file
 * states once what they become:
 *
 * - 'exclude' (the default): every row with a negative quantity is skipped by one rule, with a
 *   visible count.
 * - 'net': within one group — the same sales order (the registry's order key: order number,
 *   date, customer, location) and the same product — the returned units are subtracted from
 *   that group's positive lines. Returns are taken in file order; each takes its units from
 *   the group's LAST positive line that still has units, then the one before it, and so on
 *   (the line written nearest the end of the order is the one most likely corrected by a
 *   return). A positive line reduced is sent with the net quantity and a warning; a line
 *   reduced to 0 is skipped ("fully returned in row N"); a return that took any units is
 *   skipped ("netted against row N"); a return that found no units left is skipped and
 *   counted as unmatched. Zero quantities are neither sales nor returns and are left alone.
 *
 * Only rows that would otherwise take part are netted: rows skipped by hand or by another
 * rule, and rows whose quantity, product or order fields have errors, are left out of the
 * groups (their problems are shown as they are). The plan is a pure function of the rows'
 * checked values, recomputed on every change, so edits and skips can never leave a stale
 * subtraction behind.
 */
import type { ImportDecisions, ReturnsChoice } from './import-types';
import { fnv1a32 } from './sales-line-reference';
import type { SkipRuleCheck } from './skip-rules';
import { STATUS_VALID, STATUS_WARNING, type RowCheck } from './validate-row';

export const EXCLUDED_REASON = 'returns and cancellations (negative quantity), not sent as sales';
export const NETTED_REASON = 'returns netted against a sale of the same product in the same order';
export const FULLY_RETURNED_REASON = 'sales lines fully returned in the same order';
export const UNMATCHED_REASON = 'returns with no sale of this product in this order to net against';

export const OUTCOME_NONE = 0;
/** A positive line with units subtracted; sent with the rest. */
export const OUTCOME_REDUCED = 1;
/** A positive line whose every unit was returned; skipped. */
export const OUTCOME_FULLY_RETURNED = 2;
/** A return that took units from at least one positive line; skipped. */
export const OUTCOME_NETTED = 3;
/** A return that found nothing to net against; skipped. */
export const OUTCOME_UNMATCHED = 4;
export type NettingOutcome = 0 | 1 | 2 | 3 | 4;

/** Units moved between one return and one positive line. */
export interface NettingLink {
  readonly row: number;
  readonly units: number;
}

export interface RowNetting {
  readonly outcome: NettingOutcome;
  /** The quantity in the file (or as edited). */
  readonly original: number;
  /** What is sent: the net quantity of a positive line; 0 for a return. */
  readonly sent: number;
  /** Positive line: the returns it was reduced by. Return: the lines it was netted against. */
  readonly links: readonly NettingLink[];
}

export interface NettingPlan {
  readonly rows: ReadonlyMap<number, RowNetting>;
  /** Negative lines taking part. */
  readonly lines: number;
  readonly netted: number;
  readonly unmatched: number;
  readonly reduced: number;
  readonly fullyReturned: number;
}

/** One row as netting sees it, or null when the row does not take part. */
export interface NettingLine {
  /** The group: order key and product code, joined. */
  readonly key: string;
  readonly quantity: number;
}

export const EMPTY_PLAN: NettingPlan = { rows: new Map(), lines: 0, netted: 0, unmatched: 0, reduced: 0, fullyReturned: 0 };

// Quantities may be decimals (kg, m); sums are rounded so 0.1 + 0.2 never reads 0.30000000000000004.
function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/**
 * What netting needs of every row, kept between plans: a row's line depends only on the row
 * itself (its cells, edits, skip flag and rules), so after an edit only the changed rows are
 * read again. Quantity 0 means the row takes no part; keys are kept for returns only (few),
 * positive lines are matched to them by hash and read again to confirm their key.
 */
export class NettingLines {
  readonly hashes: Uint32Array;
  readonly quantities: Float64Array;
  readonly returnKeys = new Map<number, string>();

  constructor(readonly rowCount: number) {
    this.hashes = new Uint32Array(rowCount);
    this.quantities = new Float64Array(rowCount);
  }

  set(r: number, line: NettingLine | null): void {
    if (line === null || !(line.quantity !== 0)) {
      this.quantities[r] = 0;
      this.hashes[r] = 0;
      this.returnKeys.delete(r);
      return;
    }
    this.quantities[r] = line.quantity;
    this.hashes[r] = fnv1a32(line.key);
    if (line.quantity < 0) this.returnKeys.set(r, line.key);
    else this.returnKeys.delete(r);
  }
}

/**
 * The netting plan over `rowCount` rows. `lineOf(r)` is called once for every row, then again
 * only for the positive lines whose group hash matches a return's, so a large file needs one
 * full pass and no string per row kept in memory.
 */
export function planNetting(rowCount: number, lineOf: (r: number) => NettingLine | null): NettingPlan {
  const lines = new NettingLines(rowCount);
  for (let r = 0; r < rowCount; r++) lines.set(r, lineOf(r));
  return allocate(lines, lineOf);
}

/** The plan for lines already read; `lineOf` confirms the key of positive lines that may match a return. */
export function allocate(table: NettingLines, lineOf: (r: number) => NettingLine | null): NettingPlan {
  if (table.returnKeys.size === 0) return EMPTY_PLAN;
  const { hashes, quantities } = table;
  const returnGroups = new Map<string, number[]>();
  const returnHashes = new Set<number>();
  // File order: a return edited later must still take its units before the returns below it.
  for (const r of [...table.returnKeys.keys()].sort((a, b) => a - b)) {
    const key = table.returnKeys.get(r)!;
    returnHashes.add(hashes[r]!);
    const group = returnGroups.get(key);
    if (group) group.push(r);
    else returnGroups.set(key, [r]);
  }
  const positives = new Map<string, number[]>();
  for (let r = 0; r < table.rowCount; r++) {
    if (!(quantities[r]! > 0) || !returnHashes.has(hashes[r]!)) continue;
    const line = lineOf(r);
    if (line === null || !returnGroups.has(line.key)) continue;
    const group = positives.get(line.key);
    if (group) group.push(r);
    else positives.set(line.key, [r]);
  }

  const rows = new Map<number, RowNetting>();
  let netted = 0;
  let unmatched = 0;
  let reduced = 0;
  let fullyReturned = 0;
  for (const [key, returns] of returnGroups) {
    const sales = positives.get(key) ?? [];
    const left = sales.map((r) => quantities[r]!);
    const taken: NettingLink[][] = sales.map(() => []);
    for (const ret of returns) {
      let want = -quantities[ret]!;
      const links: NettingLink[] = [];
      for (let k = sales.length - 1; k >= 0 && want > 0; k--) {
        const units = round(Math.min(want, left[k]!));
        if (units <= 0) continue;
        left[k] = round(left[k]! - units);
        want = round(want - units);
        links.push({ row: sales[k]!, units });
        taken[k]!.push({ row: ret, units });
      }
      const outcome = links.length > 0 ? OUTCOME_NETTED : OUTCOME_UNMATCHED;
      if (outcome === OUTCOME_NETTED) netted++;
      else unmatched++;
      rows.set(ret, { outcome, original: quantities[ret]!, sent: 0, links });
    }
    sales.forEach((r, k) => {
      if (taken[k]!.length === 0) return;
      const sent = left[k]!;
      const outcome = sent > 0 ? OUTCOME_REDUCED : OUTCOME_FULLY_RETURNED;
      if (outcome === OUTCOME_REDUCED) reduced++;
      else fullyReturned++;
      rows.set(r, { outcome, original: quantities[r]!, sent, links: taken[k]! });
    });
  }
  return { rows, lines: table.returnKeys.size, netted, unmatched, reduced, fullyReturned };
}

/** Rows whose outcome or sent quantity differs between two plans. */
export function changedRows(a: NettingPlan, b: NettingPlan): number[] {
  const out: number[] = [];
  for (const [r, x] of a.rows) {
    const y = b.rows.get(r);
    if (!y || y.outcome !== x.outcome || y.sent !== x.sent) out.push(r);
  }
  for (const r of b.rows.keys()) if (!a.rows.has(r)) out.push(r);
  return out;
}

function listRows(numbers: readonly number[]): string {
  if (numbers.length === 1) return `row ${numbers[0]}`;
  return `rows ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

function units(n: number): string {
  return String(round(n));
}

/** Why a row netting skips is not sent, naming the rows it was netted with. */
export function nettingSkipReason(n: RowNetting, rowNumberOf: (r: number) => number): string | null {
  const rowsOf = () => listRows(n.links.map((l) => rowNumberOf(l.row)));
  switch (n.outcome) {
    case OUTCOME_FULLY_RETURNED:
      return `fully returned in ${rowsOf()}`;
    case OUTCOME_NETTED: {
      const used = round(n.links.reduce((s, l) => s + l.units, 0));
      const all = round(-n.original);
      if (used >= all) return `netted against ${rowsOf()}`;
      return `netted against ${rowsOf()} (${units(used)} of its ${units(all)} returned units; the other ${units(all - used)} had no sale left to net against)`;
    }
    case OUTCOME_UNMATCHED:
      return 'no sale of this product in this order to net against';
    default:
      return null;
  }
}

/** The quantity warning of a reduced positive line. */
export function reducedReason(n: RowNetting, rowNumberOf: (r: number) => number): string {
  const returned = round(n.links.reduce((s, l) => s + l.units, 0));
  const where = listRows(n.links.map((l) => rowNumberOf(l.row)));
  return `— ${units(returned)} returned in ${where} ${returned === 1 ? 'is' : 'are'} subtracted; ${units(n.sent)} is sent`;
}

export interface ReturnsNettingInit {
  readonly choice: ReturnsChoice;
  /** Positions in the dataset's fields. */
  readonly quantityIndex: number;
  readonly productIndex: number;
  readonly orderKeyIndices: readonly number[];
  /** The order (sales-order key) a checked row belongs to. */
  readonly orderKeyOf: (out: RowCheck) => string;
  readonly rowNumberOf: (r: number) => number;
}

const GROUP_JOIN = '\u001e';

/**
 * The table's side of the returns choice: the skip rules, the change a plan makes to a checked
 * row, and the decision shown to the user. The table recomputes the plan (`replan`) whenever
 * rows change and rechecks the rows whose outcome moved.
 */
export class ReturnsNetting {
  readonly choice: ReturnsChoice;
  private plan: NettingPlan = EMPTY_PLAN;
  /** While planning, the returns rules stand aside so a row's other rules can be seen. */
  private planning = false;
  private readonly rulesList: SkipRuleCheck[];
  private ruleBase = 0;

  constructor(private readonly init: ReturnsNettingInit) {
    this.choice = init.choice;
    const q = init.quantityIndex;
    const isReturn = (out: RowCheck) => {
      const v = out.values[q];
      return typeof v === 'number' && v < 0 && out.severities[q] !== 'error';
    };
    const outcome = (r: number) => (this.planning ? OUTCOME_NONE : (this.plan.rows.get(r)?.outcome ?? OUTCOME_NONE));
    this.rulesList =
      init.choice === 'exclude'
        ? [{ reason: EXCLUDED_REASON, kind: 'returns', test: (_r, out) => !this.planning && isReturn(out) }]
        : [
            { reason: NETTED_REASON, kind: 'returns', test: (r) => outcome(r) === OUTCOME_NETTED },
            { reason: FULLY_RETURNED_REASON, kind: 'returns', test: (r) => outcome(r) === OUTCOME_FULLY_RETURNED },
            { reason: UNMATCHED_REASON, kind: 'returns', test: (r) => outcome(r) === OUTCOME_UNMATCHED },
          ];
  }

  get netting(): boolean {
    return this.choice === 'net';
  }

  /** The rules to add to the table's, and where they start in its list (0-based). */
  rules(startIndex: number): SkipRuleCheck[] {
    this.ruleBase = startIndex;
    return this.rulesList;
  }

  /** True when `ruleNumber` (1 + index in the table's rules) is one of these. */
  owns(ruleNumber: number): boolean {
    const k = ruleNumber - 1 - this.ruleBase;
    return k >= 0 && k < this.rulesList.length;
  }

  /**
   * Recomputes the netting plan. `baseCheck(r, out)` checks row r with every other rule
   * applied and answers false when the row is skipped (by hand or by another rule). With
   * `changed`, only those rows are read again (every other row is as at the last plan); without,
   * every row is. Returns the rows whose outcome changed; the plan before stays available to
   * `withPrevious`, so the table can subtract what those rows counted under it.
   */
  replan(rowCount: number, baseCheck: (r: number, out: RowCheck) => boolean, out: RowCheck, changed?: Iterable<number>): number[] {
    if (!this.netting) return [];
    const before = this.plan;
    const lineOf = (r: number) => (baseCheck(r, out) ? this.lineOf(out) : null);
    this.planning = true;
    try {
      if (!changed || !this.lines || this.lines.rowCount !== rowCount) {
        this.lines = new NettingLines(rowCount);
        for (let r = 0; r < rowCount; r++) this.lines.set(r, lineOf(r));
      } else {
        for (const r of changed) this.lines.set(r, lineOf(r));
      }
      this.plan = allocate(this.lines, lineOf);
    } finally {
      this.planning = false;
    }
    this.previous = before;
    return changedRows(before, this.plan);
  }

  private lines: NettingLines | null = null;
  private previous: NettingPlan | null = null;

  /** Runs `fn` with the plan before the last replan in force. */
  withPrevious<T>(fn: () => T): T {
    const current = this.plan;
    if (this.previous) this.plan = this.previous;
    try {
      return fn();
    } finally {
      this.plan = current;
    }
  }

  private lineOf(out: RowCheck): NettingLine | null {
    const { quantityIndex: q, productIndex: p } = this.init;
    const quantity = out.values[q];
    const product = out.values[p];
    if (typeof quantity !== 'number' || out.severities[q] === 'error') return null;
    if (typeof product !== 'string' || product === '' || out.severities[p] === 'error') return null;
    for (const i of this.init.orderKeyIndices) if (i >= 0 && out.severities[i] === 'error') return null;
    return { key: this.init.orderKeyOf(out) + GROUP_JOIN + product, quantity };
  }

  /** Applies the plan to a freshly checked row: the net quantity and its warning. */
  apply(r: number, out: RowCheck): void {
    if (!this.netting || this.planning) return;
    const n = this.plan.rows.get(r);
    if (!n) return;
    const q = this.init.quantityIndex;
    if (n.outcome === OUTCOME_REDUCED) {
      out.values[q] = n.sent;
      const reason = reducedReason(n, this.init.rowNumberOf);
      if (out.severities[q] === 'warning' && out.reasons[q] !== '') out.reasons[q] = `${out.reasons[q]}; ${reason.replace(/^— /, 'also ')}`;
      else {
        out.severities[q] = 'warning';
        out.reasons[q] = reason;
      }
      if (out.status === STATUS_VALID) out.status = STATUS_WARNING;
    } else if (n.outcome === OUTCOME_FULLY_RETURNED) {
      // Skipped, but the grid shows what netting made of it: 6 → 0.
      out.values[q] = 0;
    }
    // A return keeps its own (negative) value: it is skipped, and its reason says where it went.
  }

  /** The quantity as in the file (or as edited) of a row the plan changed, for stable line references. */
  originalQuantity(r: number): number | undefined {
    return this.netting ? this.plan.rows.get(r)?.original : undefined;
  }

  /** Why row r is skipped by one of these rules, naming the rows it was netted with. */
  skipReason(r: number): string | null {
    if (!this.netting) return null;
    const n = this.plan.rows.get(r);
    return n ? nettingSkipReason(n, this.init.rowNumberOf) : null;
  }

  /** `excluded`: rows the exclude rule skips (the table counts them like any rule's). */
  decision(fieldLabel: string, source: 'default' | 'user', excluded: number): NonNullable<ImportDecisions['returns']> {
    if (!this.netting) return { fieldLabel, choice: 'exclude', source, lines: excluded };
    const p = this.plan;
    return { fieldLabel, choice: 'net', source, lines: p.lines, netted: p.netted, unmatched: p.unmatched };
  }
}
