import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { connect, datasetsDir, dropFile, e2eTempDir, requireSharedDatasets, writeTempFile } from './e2e-helpers';
import { e2eAccounts } from './e2e-settings';
import { countOf } from '../lib/text/count';

const account = e2eAccounts.forecast;

test('products and sales pushed, forecast run to 100%, order plan shows the pushed products', async ({ page }) => {
  test.setTimeout(240_000);
  requireSharedDatasets();
  const text = readFileSync(path.join(datasetsDir, 'online_retail_uci_first20k.csv'), 'utf8');
  const records = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const header = records[0] as string[];
  const sales = records.slice(1, 601).filter((r) => /^\d{5}/.test(r[1] as string) && Number(r[3]) >= 0);

  // Products derived from the same history, as its README suggests: code, first description.
  const products = new Map<string, string>();
  for (const r of sales) if (!products.has(r[1] as string)) products.set(r[1] as string, (r[2] as string).trim());
  const dir = e2eTempDir('forecast');
  const productsFile = writeTempFile(
    dir,
    'retail-products.csv',
    Papa.unparse([['StockCode', 'Description', 'Stock on hand', 'Lead time'], ...[...products].map(([code, name]) => [code, name, '5', '14'])]),
  );
  const salesFile = writeTempFile(dir, 'retail-sales.csv', Papa.unparse([header, ...sales]));

  await connect(page, account);
  await page.goto('/import/products');
  await dropFile(page, productsFile);
  await expect(page.getByTestId('count-errors')).toHaveText('0');
  await page.getByRole('button', { name: new RegExp(`Send ${countOf(products.size, 'row')}`) }).click();
  await expect(page.getByTestId('result-sent')).toHaveText(String(products.size), { timeout: 60_000 });

  await page.goto('/import/sales-orders');
  await dropFile(page, salesFile);
  await page.getByRole('button', { name: new RegExp(`Send ${countOf(sales.length, 'row')}`) }).click();
  await expect(page.getByTestId('result-sent')).toHaveText(String(sales.length), { timeout: 60_000 });

  await page.goto('/order-plan');
  await page.getByRole('button', { name: 'Run forecast' }).click();
  await expect(page.getByRole('button', { name: 'Forecast running…' })).toBeDisabled();
  await expect(page.getByTestId('forecast-progress')).toContainText('%');
  await expect(page.getByTestId('forecast-done')).toContainText('100%', { timeout: 60_000 });

  const plan = page.getByTestId('plan-table');
  await expect(page.getByTestId('plan-summary')).toContainText(`${products.size} products`);
  await expect(plan.locator('tbody tr')).toHaveCount(products.size);
  for (const code of [...products.keys()].slice(0, 5)) await expect(plan.locator(`tr[data-product="${code}"]`)).toBeVisible();
});
