import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { connect, mapOnly, datasetsDir, dropFile, e2eTempDir, readAllProducts, requireSharedDatasets, writeTempFile } from './e2e-helpers';
import { e2eAccounts } from './e2e-settings';

const account = e2eAccounts.products;

test('AdventureWorks products: map, see an error, fix it in the grid, push, and the sandbox holds every product', async ({ page }) => {
  requireSharedDatasets();
  const source = readFileSync(path.join(datasetsDir, 'adventureworks_product.csv'), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(source, { header: true, skipEmptyLines: true });
  expect(parsed.data).toHaveLength(504);

  // A real file with one real-world fault: a price typed with a unit after it (on a row with
  // no quoted cells, so splitting the line on commas is exact).
  const lines = source.split('\r\n');
  const damaged = parsed.data.findIndex((r, i) => Number(r.ListPrice) > 0 && !lines[i + 1]?.includes('"'));
  expect(damaged).toBeGreaterThan(0);
  const target = lines[damaged + 1] as string;
  const cells = target.split(',');
  const priceIndex = (lines[0] as string).split(',').indexOf('ListPrice');
  const realPrice = cells[priceIndex] as string;
  cells[priceIndex] = `${realPrice} USD`;
  lines[damaged + 1] = cells.join(',');
  const file = writeTempFile(e2eTempDir('products'), 'adventureworks_product.csv', lines.join('\r\n'));

  await connect(page, account);
  await page.goto('/import/products');
  await dropFile(page, file);
  await expect(page.getByTestId('loaded-file')).toContainText('504 rows');

  await mapOnly(page, { productId: 'ProductNumber', name: 'Name', cost: 'StandardCost', price: 'ListPrice' });
  await expect(page.getByTestId('count-errors')).toHaveText('1');
  await expect(page.getByTestId('count-valid')).toHaveText('503');

  await page.getByLabel('Show only rows with errors').check();
  const badCell = page.locator('[role="cell"][data-field="price"][data-invalid="true"]');
  await expect(badCell).toHaveCount(1);
  await expect(badCell).toContainText(`${realPrice} USD`);
  await expect(badCell).toContainText('ListPrice');
  await badCell.getByRole('button').click();
  const editor = page.getByRole('textbox', { name: /Price, row/ });
  await editor.fill(realPrice);
  await editor.press('Enter');
  await expect(page.getByTestId('count-errors')).toHaveText('0');
  await expect(page.getByTestId('count-valid')).toHaveText('504');

  await page.getByRole('button', { name: /Send 504 rows to StockTrim/ }).click();
  await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('result-sent')).toHaveText('504');
  await expect(page.getByTestId('result-rejected')).toHaveText('0');

  const held = await readAllProducts(account);
  expect(held).toHaveLength(504);
  const byId = new Map(held.map((p) => [p.productId, p]));
  for (const row of parsed.data) {
    const product = byId.get(row.ProductNumber as string);
    expect(product, row.ProductNumber).toBeDefined();
    expect(product?.name).toBe(row.Name);
    expect(product?.cost).toBe(Number(row.StandardCost));
    expect(product?.price).toBe(Number(row.ListPrice));
  }
});
