import { type Page, expect, test } from '@playwright/test';
import { connect, deleteAllSales, dropFile, e2eTempDir, readSalesLines, requireSharedDatasets, seedProducts } from './e2e-helpers';
import { e2eAccounts } from './e2e-settings';
import { type RetailSales, retailSales } from './retail-sales';
import { countOf } from '../lib/text/count';

const account = e2eAccounts.sales;
const LINES = 2000;

async function importAndPush(page: Page, file: string, expected: RetailSales) {
  await page.goto('/import/sales-orders');
  await dropFile(page, file);
  await expect(page.getByTestId('loaded-file')).toContainText(countOf(LINES, 'row'));
  await expect(page.locator('select[data-field="orderNumber"] option:checked')).toHaveText('InvoiceNo');
  await expect(page.locator('select[data-field="productId"] option:checked')).toHaveText('StockCode');
  await expect(page.locator('select[data-field="orderDate"] option:checked')).toHaveText('InvoiceDate');
  await expect(page.locator('select[data-field="quantity"] option:checked')).toHaveText('Quantity');
  // Cancellations are returns: excluded by default, counted as skipped with their reason, never errors.
  await expect(page.getByTestId('count-skipped')).toHaveText(String(expected.negative));
  await expect(page.getByTestId('validation-summary')).toContainText(`returns and cancellations (negative quantity), not sent as sales: ${expected.negative}`);
  // POST (postage), DOT, C2, D … are not products in StockTrim: the reference check, which runs by
  // itself after the load, makes them errors before anything is sent.
  await expect(page.getByTestId('count-errors')).toHaveText(String(expected.notProducts), { timeout: 30_000 });
  await page.getByRole('button', { name: new RegExp(`Send ${countOf(expected.accepted, 'row')} to StockTrim`) }).click();
  await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('result-sent')).toHaveText(String(expected.accepted));
  await expect(page.getByTestId('result-file-errors')).toHaveText(String(expected.notProducts));
  await expect(page.getByTestId('result-skipped')).toHaveText(String(expected.negative));
  await expect(page.getByTestId('result-rejected')).toHaveText('0');
}

async function expectSandboxHolds(expected: RetailSales) {
  let total = 0;
  for (const [productId, want] of expected.expected) {
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
  const expected = retailSales(LINES, e2eTempDir('sales'));
  const file = expected.file;
  // The cut has what makes real history hard: cancellations and codes that are not products.
  expect(expected.negative).toBeGreaterThan(0);
  expect(expected.notProducts).toBeGreaterThan(0);

  // The products are already in StockTrim; the codes that are not products are not.
  await deleteAllSales(account);
  await seedProducts(account, expected.productIds);
  await connect(page, account);
  await importAndPush(page, file, expected);
  await expectSandboxHolds(expected);

  const first = (await readSalesLines(account, '85123A'))[0];
  expect(first?.orderDate).toMatch(/^2010-12-01T08:26:00/);

  await importAndPush(page, file, expected);
  await expectSandboxHolds(expected);
});
