import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { datasetsDir, writeTempFile } from './e2e-helpers';

export interface RetailSales {
  readonly file: string;
  readonly lines: number;
  /** Orders (invoices) of the lines that go to StockTrim. */
  readonly orders: number;
  readonly accepted: number;
  /** Cancellations (negative quantities): returns, excluded by default (skipped, never sent). */
  readonly negative: number;
  /** Codes that are not products (POST, DOT…): errors once the reference check has run, so never sent. */
  readonly notProducts: number;
  readonly productIds: readonly string[];
  readonly expected: ReadonlyMap<string, { count: number; quantity: number }>;
}

const isProductCode = (code: string) => /^\d{5}/.test(code);

/** The first `lines` lines of the real Online Retail history, and what StockTrim should end up holding. */
export function retailSales(lines: number, dir: string): RetailSales {
  const text = readFileSync(path.join(datasetsDir, 'online_retail_uci_first20k.csv'), 'utf8');
  const records = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const header = records[0] as string[];
  const rows = records.slice(1, lines + 1);
  const expected = new Map<string, { count: number; quantity: number }>();
  const orders = new Set<string>();
  let negative = 0;
  let notProducts = 0;
  for (const r of rows) {
    const quantity = Number(r[3]);
    if (quantity < 0) {
      negative += 1;
      continue;
    }
    if (!isProductCode(r[1] as string)) {
      notProducts += 1;
      continue;
    }
    orders.add(r[0] as string);
    const e = expected.get(r[1] as string) ?? { count: 0, quantity: 0 };
    e.count += 1;
    e.quantity += quantity;
    expected.set(r[1] as string, e);
  }
  const accepted = [...expected.values()].reduce((s, e) => s + e.count, 0);
  const file = writeTempFile(dir, `online_retail_first${lines}.csv`, Papa.unparse([header, ...rows], { newline: '\n' }));
  return { file, lines, orders: orders.size, accepted, negative, notProducts, productIds: [...expected.keys()], expected };
}
