import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ImportTable } from './import-table';
import { ImportSession } from './import-session';
import { importDelimitedBytes } from './import-pipeline';
import type { PreviewRow, PushRow, ValidationSummary } from './import-types';
import {
  EXCLUDED_REASON,
  FULLY_RETURNED_REASON,
  NETTED_REASON,
  OUTCOME_FULLY_RETURNED,
  OUTCOME_NETTED,
  OUTCOME_REDUCED,
  OUTCOME_UNMATCHED,
  UNMATCHED_REASON,
  planNetting,
} from './returns-netting';
import { DATASETS_DIR, DATASETS_MISSING, readBytes } from './test-support';

const HEADER = ['Invoice', 'SKU', 'Date', 'Qty'];
/** Spreadsheet rows 2–9. */
const RECORDS = [
  HEADER,
  ['1001', 'A', '2024-01-05', '6'],
  ['1001', 'B', '2024-01-05', '3'],
  ['1001', 'A', '2024-01-05', '4'],
  ['1001', 'A', '2024-01-05', '-5'],
  ['1002', 'A', '2024-01-06', '-2'],
  ['1001', 'B', '2024-01-05', '-3'],
  ['1003', 'C', '2024-01-07', '2'],
  ['1003', 'C', '2024-01-07', '-5'],
];

const table = (records = RECORDS, returns?: 'exclude' | 'net') =>
  ImportTable.fromRecords(records, 'sales-orders', returns ? { options: { returns } } : {});

function allRows(t: ImportTable): PreviewRow[] {
  return t.getRows({ offset: 0, limit: 10_000 }).rows;
}

function pushed(t: ImportTable): PushRow[] {
  const plan = t.planPush();
  const rows: PushRow[] = [];
  for (let i = 0; i < plan.batchCount; i++) rows.push(...t.getPushBatch(i));
  return rows;
}

function addsUp(v: ValidationSummary): void {
  expect(v.valid + v.withErrors + v.skipped!).toBe(v.total);
}

describe('planNetting (pure)', () => {
  it('takes each return from the last positive line of its group backwards, in file order', () => {
    const lines = [
      { key: 'o1|A', quantity: 6 },
      { key: 'o1|A', quantity: 4 },
      { key: 'o1|A', quantity: -5 },
      { key: 'o1|A', quantity: -3 },
      { key: 'o2|A', quantity: -1 },
      { key: 'o1|B', quantity: 2 },
    ];
    const plan = planNetting(lines.length, (r) => lines[r] ?? null);
    expect(plan).toMatchObject({ lines: 3, netted: 2, unmatched: 1, reduced: 1, fullyReturned: 1 });
    expect(plan.rows.get(1)).toEqual({ outcome: OUTCOME_FULLY_RETURNED, original: 4, sent: 0, links: [{ row: 2, units: 4 }] });
    expect(plan.rows.get(0)).toEqual({ outcome: OUTCOME_REDUCED, original: 6, sent: 2, links: [{ row: 2, units: 1 }, { row: 3, units: 3 }] });
    expect(plan.rows.get(2)).toMatchObject({ outcome: OUTCOME_NETTED, links: [{ row: 1, units: 4 }, { row: 0, units: 1 }] });
    expect(plan.rows.get(3)).toMatchObject({ outcome: OUTCOME_NETTED, links: [{ row: 0, units: 3 }] });
    expect(plan.rows.get(4)).toMatchObject({ outcome: OUTCOME_UNMATCHED, links: [] });
    // B has no return: untouched.
    expect(plan.rows.has(5)).toBe(false);
  });

  it('a return after its group is used up is unmatched; decimals do not drift', () => {
    const lines = [
      { key: 'g', quantity: 0.3 },
      { key: 'g', quantity: -0.1 },
      { key: 'g', quantity: -0.2 },
      { key: 'g', quantity: -1 },
      { key: 'g', quantity: 0 },
    ];
    const plan = planNetting(lines.length, (r) => lines[r] ?? null);
    expect(plan.rows.get(0)).toMatchObject({ outcome: OUTCOME_FULLY_RETURNED, sent: 0 });
    expect(plan.rows.get(3)).toMatchObject({ outcome: OUTCOME_UNMATCHED });
    expect(plan.rows.has(4)).toBe(false);
    expect(plan).toMatchObject({ lines: 3, netted: 2, unmatched: 1 });
  });
});

describe('returns in a sales file', () => {
  it('default: excluded with a count and one reason, never errors, never sent', () => {
    const t = table();
    const v = t.validation();
    expect(v).toMatchObject({ total: 8, valid: 4, withErrors: 0, skipped: 4, skippedByYou: 0 });
    addsUp(v);
    expect(v.skipReasons).toEqual([{ reason: EXCLUDED_REASON, count: 4, kind: 'returns' }]);
    expect(t.decisions().returns).toEqual({ fieldLabel: 'Quantity', choice: 'exclude', source: 'default', lines: 4 });
    const rows = allRows(t);
    expect(rows[3]).toMatchObject({ rowNumber: 5, skipped: true, skippedByYou: false, skipReason: EXCLUDED_REASON, status: 'valid' });
    expect(pushed(t).map((r) => [r.rowNumber, r.values.quantity])).toEqual([
      [2, 6],
      [3, 3],
      [4, 4],
      [8, 2],
    ]);
  });

  it('no decision is reported while the quantity is unmapped', () => {
    const t = table();
    t.setMapping({ ...t.getMapping(), quantity: null });
    expect(t.decisions().returns).toBeUndefined();
  });

  it("'net': reduced lines carry a warning and send the net quantity; the rest is skipped with the rows named", () => {
    const t = table();
    const v = t.setReadingOptions({ returns: 'net' });
    expect(v).toMatchObject({ total: 8, valid: 1, withWarnings: 1, withErrors: 0, skipped: 7 });
    addsUp(v);
    expect(v.skipReasons!.map((r) => [r.reason, r.count])).toEqual([
      [NETTED_REASON, 3],
      [FULLY_RETURNED_REASON, 3],
      [UNMATCHED_REASON, 1],
    ]);
    expect(t.decisions().returns).toEqual({ fieldLabel: 'Quantity', choice: 'net', source: 'user', lines: 4, netted: 3, unmatched: 1 });
    const byRow = new Map(allRows(t).map((r) => [r.rowNumber, r]));
    expect(byRow.get(2)!.cells.quantity).toMatchObject({ raw: '6', value: 5 });
    expect(byRow.get(2)!.status).toBe('warning');
    expect(byRow.get(2)!.problems).toEqual([
      { field: 'quantity', severity: 'warning', message: 'Row 2, column "Qty" (Quantity): "6" — 1 returned in row 5 is subtracted; 5 is sent.' },
    ]);
    expect(byRow.get(3)!.skipReason).toBe('fully returned in row 7');
    expect(byRow.get(4)!.skipReason).toBe('fully returned in row 5');
    expect(byRow.get(5)!.skipReason).toBe('netted against rows 4 and 2');
    expect(byRow.get(6)!.skipReason).toBe('no sale of this product in this order to net against');
    expect(byRow.get(7)!.skipReason).toBe('netted against row 3');
    expect(byRow.get(8)!.skipReason).toBe('fully returned in row 9');
    expect(byRow.get(9)!.skipReason).toBe('netted against row 8 (2 of its 5 returned units; the other 3 had no sale left to net against)');
    expect(pushed(t).map((r) => [r.rowNumber, r.values.quantity])).toEqual([[2, 5]]);
  });

  it('the line reference of a netted line is the one it has when returns are excluded', () => {
    const noOrder = RECORDS.map((r, i) => (i === 0 ? ['SKU', 'Date', 'Qty', 'Customer'] : [r[1]!, r[2]!, r[3]!, 'C1']));
    const ex = table(noOrder);
    const net = table(noOrder, 'net');
    const refOf = (t: ImportTable, rowNumber: number) => pushed(t).find((r) => r.rowNumber === rowNumber)?.values.externalReferenceId;
    expect(pushed(net).find((r) => r.rowNumber === 2)?.values.quantity).toBe(5);
    expect(refOf(net, 2)).toBe(refOf(ex, 2));
    expect(refOf(net, 2)).toMatch(/^line-[0-9a-f]{16}-1$/);
  });

  it('edits that move a return into another order re-net both groups at once', () => {
    const t = table(RECORDS, 'net');
    const r6 = 4; // data row index of spreadsheet row 6 (order 1002 of 2024-01-06, -2 of A)
    // The order key includes the date: order 1001 of another day is another order.
    expect(t.setCell(r6, 'orderNumber', '1001').row.skipReason).toBe('no sale of this product in this order to net against');
    const { row, summary } = t.setCell(r6, 'orderDate', '2024-01-05');
    expect(row.skipReason).toBe('netted against row 2');
    addsUp(summary);
    const r2 = allRows(t)[0]!;
    expect(r2.cells.quantity!.value).toBe(3);
    expect(r2.problems[0]!.message).toBe('Row 2, column "Qty" (Quantity): "6" — 3 returned in rows 5 and 6 are subtracted; 3 is sent.');
    expect(t.decisions().returns).toMatchObject({ lines: 4, netted: 4, unmatched: 0 });
    // Changing a returned quantity: row 5 now returns 1, so row 4 keeps 3 and row 2 all its 6 less row 6's 2.
    t.setCell(3, 'quantity', '-1');
    const rows = allRows(t);
    expect(rows[2]!.cells.quantity!.value).toBe(1);
    expect(rows[0]!.cells.quantity!.value).toBe(6);
    expect(rows[0]!.status).toBe('valid');
    expect(t.validation()).toMatchObject({ valid: 2, withWarnings: 1 });
  });

  it('skipping a sale by hand sends its return to the line before it, or leaves it unmatched', () => {
    const t = table(RECORDS, 'net');
    t.setSkipped([6], true); // row 8: the only C sale
    expect(allRows(t)[7]!.skipReason).toBe('no sale of this product in this order to net against');
    t.setSkipped([6], false);
    expect(allRows(t)[7]!.skipReason).toMatch(/^netted against row 8/);
    addsUp(t.validation());
  });

  it('the worker session changes the choice through setOptions', async () => {
    const session = new ImportSession();
    const csv = RECORDS.map((r) => r.join(',')).join('\n');
    const loaded = await session.handle('load', { file: new TextEncoder().encode(csv).buffer as ArrayBuffer, fileName: 'sales.csv', datasetId: 'sales-orders' });
    expect(loaded.decisions.returns).toMatchObject({ choice: 'exclude', source: 'default', lines: 4 });
    const state = await session.handle('setOptions', { returns: 'net' });
    expect(state.decisions.returns).toEqual({ fieldLabel: 'Quantity', choice: 'net', source: 'user', lines: 4, netted: 3, unmatched: 1 });
    expect(state.validation).toMatchObject({ valid: 1, withWarnings: 1, skipped: 7 });
  });

  it('incremental rechecks give exactly what a full revalidation gives (random edits and skips)', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const records = [HEADER];
    for (let i = 0; i < 60; i++) records.push([`O${rand(4)}`, `P${rand(3)}`, '2024-02-01', String(rand(9) - 4)]);
    const t = table(records, 'net');
    const snapshot = () => JSON.stringify({ v: t.validation(), d: t.decisions().returns, rows: allRows(t), push: pushed(t) });
    for (let step = 0; step < 150; step++) {
      const r = rand(60);
      const op = rand(6);
      if (op === 0) t.setCell(r, 'quantity', rand(8) === 0 ? 'n/a' : String(rand(11) - 5));
      else if (op === 1) t.setCell(r, 'orderNumber', `O${rand(4)}`);
      else if (op === 2) t.setCell(r, 'productId', `P${rand(3)}`);
      else if (op === 3) t.setCell(r, 'orderDate', rand(2) === 0 ? '2024-02-01' : '2024-02-02');
      else t.setSkipped([r, rand(60), rand(60)], rand(2) === 0);
      const incremental = snapshot();
      t.setReadingOptions({ returns: 'net' });
      expect(snapshot(), `step ${step}`).toBe(incremental);
      addsUp(t.validation());
    }
  });
});

describe.skipIf(!DATASETS_DIR)(DATASETS_DIR ? 'Online Retail, first 20,000 lines' : `Online Retail — ${DATASETS_MISSING}`, () => {
  const bytes = DATASETS_DIR ? readBytes(DATASETS_DIR, 'online_retail_uci_first20k.csv') : new Uint8Array();

  /** The figures, computed straight from the CSV with none of the import code. */
  function expected() {
    const rows = Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true }).data.slice(1);
    const groups = new Map<string, { sales: number[]; returns: number[] }>();
    let negative = 0;
    rows.forEach((r) => {
      const q = Number(r[3]);
      if (q === 0) return;
      // Invoice, date, customer (no location in this file), product.
      const key = [r[0], r[4], r[6], r[1]].join('|');
      const g = groups.get(key) ?? { sales: [], returns: [] };
      (q > 0 ? g.sales : g.returns).push(Math.abs(q));
      groups.set(key, g);
      if (q < 0) negative++;
    });
    let netted = 0;
    let unmatched = 0;
    let fully = 0;
    let reduced = 0;
    let sentLines = 0;
    let sentUnits = 0;
    for (const g of groups.values()) {
      const sold = g.sales.reduce((s, x) => s + x, 0);
      let left = sold;
      for (const units of g.returns) {
        if (left > 0) {
          netted++;
          left = Math.max(0, left - units);
        } else unmatched++;
      }
      // Units returned against the group, taken from its last line backwards.
      let take = sold - left;
      for (let k = g.sales.length - 1; k >= 0; k--) {
        const q = g.sales[k]!;
        if (take >= q) {
          if (take > 0) fully++;
          else sentLines++;
          take -= q;
        } else {
          if (take > 0) reduced++;
          sentLines++;
          take = 0;
        }
      }
      sentUnits += left;
    }
    return { total: rows.length, negative, netted, unmatched, fully, reduced, sentLines, sentUnits };
  }

  it('excluded: every negative line skipped under one reason; netted: the counts a plain reduction over the rows gives', () => {
    const want = expected();
    const ex = importDelimitedBytes(bytes, { fileName: 'online_retail_uci_first20k.csv', dataset: 'sales-orders' });
    const v = ex.validation();
    expect(v.total).toBe(want.total);
    expect(v.withErrors).toBe(0);
    expect(ex.decisions().returns).toMatchObject({ choice: 'exclude', lines: want.negative });
    expect(v.skipReasons!.find((r) => r.kind === 'returns')!.count).toBe(want.negative);
    addsUp(v);

    const net = importDelimitedBytes(bytes, { fileName: 'online_retail_uci_first20k.csv', dataset: 'sales-orders', options: { returns: 'net' } });
    const nv = net.validation();
    addsUp(nv);
    expect(net.decisions().returns).toEqual({ fieldLabel: 'Quantity', choice: 'net', source: 'user', lines: want.negative, netted: want.netted, unmatched: want.unmatched });
    const count = (reason: string) => nv.skipReasons!.find((r) => r.reason === reason)!.count;
    expect(count(NETTED_REASON)).toBe(want.netted);
    expect(count(UNMATCHED_REASON)).toBe(want.unmatched);
    expect(count(FULLY_RETURNED_REASON)).toBe(want.fully);
    expect(nv.valid).toBe(want.sentLines);
    const rows = pushed(net);
    expect(rows).toHaveLength(want.sentLines);
    expect(rows.reduce((s, r) => s + (r.values.quantity as number), 0)).toBe(want.sentUnits);
    expect(rows.filter((r) => r.values.quantity !== Number(net.previewRow(net.rowIndexOf(r.rowNumber)).cells.quantity!.raw))).toHaveLength(want.reduced);
    console.info(`[returns] Online Retail first 20k: ${want.negative} negative lines; net: ${want.netted} netted, ${want.unmatched} unmatched, ${want.fully} sales fully returned, ${want.reduced} reduced`);
  });
});
