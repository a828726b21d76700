import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { connect, datasetsDir, deleteAllSales, seedProducts, dropFile, e2eTempDir, readSalesLines, requireSharedDatasets, writeTempFile } from './e2e-helpers';
import { e2eAccounts } from './e2e-settings';

const account = e2eAccounts.sales;
const LINES = 2000;

interface Expected {
  accepted: number;
  negative: number;
  notProducts: number;
  perProduct: Map<string, { count: number; quantity: number }>;
}

const isProductCode = (code: string) => /^\d{5}/.test(code);

/** What the sandbox should hold, worked out from the file alone. */
function expectedFrom(rows: readonly string[][]): Expected {
  const perProduct = new Map<string, { count: number; quantity: number }>();
  let accepted = 0;
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
    accepted += 1;
    const entry = perProduct.get(r[1] as string) ?? { count: 0, quantity: 0 };
    entry.count += 1;
    entry.quantity += quantity;
    perProduct.set(r[1] as string, entry);
  }
  return { accepted, negative, notProducts, perProduct };
}

async function importAndPush(page: Page, file: string, expected: Expected) {
  await page.goto('/import/sales-orders');
  await dropFile(page, file);
  await expect(page.getByTestId('loaded-file')).toContainText(`${LINES} rows`);
  await expect(page.locator('select[data-field="orderNumber"] option:checked')).toHaveText('InvoiceNo');
  await expect(page.locator('select[data-field="productId"] option:checked')).toHaveText('StockCode');
  await expect(page.locator('select[data-field="orderDate"] option:checked')).toHaveText('InvoiceDate');
  await expect(page.locator('select[data-field="quantity"] option:checked')).toHaveText('Quantity');
  await expect(page.getByTestId('count-errors')).toHaveText(String(expected.negative));
  await page.getByRole('button', { name: new RegExp(`Send ${expected.accepted + expected.notProducts} rows to StockTrim`) }).click();
  await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('result-sent')).toHaveText(String(expected.accepted));
  await expect(page.getByTestId('result-file-errors')).toHaveText(String(expected.negative));
  // POST (postage), DOT, C2, D … are not products in StockTrim: refused with its reason, and the
  // other lines of the same invoices still land.
  await expect(page.getByTestId('result-rejected')).toHaveText(String(expected.notProducts));
  await expect(page.getByTestId('rejected-rows')).toContainText('ProductId');
}

async function expectSandboxHolds(expected: Expected) {
  let total = 0;
  for (const [productId, want] of expected.perProduct) {
    const lines = await readSalesLines(account, productId);
    const quantity = lines.reduce((sum, l) => sum + l.quantity, 0);
    expect({ productId, count: lines.length, quantity }).toEqual({ productId, count: want.count, quantity: want.quantity });
    total += lines.length;
  }
  expect(total).toBe(expected.accepted);
}

test('Online Retail sales history: pushed once exactly, and pushing it again does not grow the history', async ({ page }) => {
  test.setTimeout(240_000);
  requireSharedDatasets();
  const text = readFileSync(path.join(datasetsDir, 'online_retail_uci_first20k.csv'), 'utf8');
  const records = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const header = records[0] as string[];
  const rows = records.slice(1, LINES + 1);
  const expected = expectedFrom(rows);
  // The cut has what makes real history hard: cancellations and codes that are not products.
  expect(expected.negative).toBeGreaterThan(0);
  expect(rows.some((r) => r[1] === 'POST')).toBe(true);
  const file = writeTempFile(e2eTempDir('sales'), 'online_retail_first2000.csv', Papa.unparse([header, ...rows], { newline: '\n' }));

  // The products are already in StockTrim; the codes that are not products are not.
  await deleteAllSales(account);
  await seedProducts(account, [...expected.perProduct.keys()]);
  await connect(page, account);
  await importAndPush(page, file, expected);
  await expectSandboxHolds(expected);

  const first = (await readSalesLines(account, '85123A'))[0];
  expect(first?.orderDate).toMatch(/^2010-12-01T08:26:00/);

  await importAndPush(page, file, expected);
  await expectSandboxHolds(expected);
});
