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

test('a file with many columns scrolls sideways inside the grid at 1400 px, never the page, and the header follows', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  // Headers the mapper matches by itself: 14 mapped fields make rows far wider than the page.
  const header = ['sku', 'name', 'category', 'stock on hand', 'cost', 'price', 'supplier code', 'lead time', 'barcode', 'weight', 'height', 'width', 'length', 'moq'];
  const rows = Array.from({ length: 40 }, (_, i) => [`WIDE-${i}`, `Wide product ${i}`, 'Tools', '5', '1.5', '3', 'SUP1', '7', `94000000${i}`, '1', '2', '3', '4', '10']);
  const file = writeTempFile(e2eTempDir('products'), 'many-columns.csv', Papa.unparse([header, ...rows], { newline: '\n' }));

  await connect(page, account);
  await page.goto('/import/products');
  await dropFile(page, file);
  await expect(page.getByTestId('loaded-file')).toContainText('40 rows');
  const grid = page.getByRole('table', { name: 'Rows to import' });
  await expect(grid.locator('[data-row-number="2"]')).toBeVisible();
  expect(await grid.getByRole('columnheader').count()).toBeGreaterThanOrEqual(3 + 12 + 1);

  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.window);
  // The rows are wider than the grid's box and scroll inside it, the header with them.
  const scroller = page.getByTestId('preview-scroller');
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth + 400)).toBe(true);
  await scroller.evaluate((el) => el.scrollTo({ left: 600 }));
  await expect.poll(() => page.getByTestId('preview-header').evaluate((el) => el.scrollLeft)).toBe(600);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1400);
});
