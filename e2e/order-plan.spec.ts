import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { connect, e2eTempDir } from './e2e-helpers';
import { E2E_SANDBOX_URL, e2eAccounts } from './e2e-settings';

const account = e2eAccounts.orderPlan;
const headers = { 'api-auth-id': account.authId, 'api-auth-signature': account.signature, 'content-type': 'application/json' };

async function sandboxSend(method: string, pathAndQuery: string, body: unknown): Promise<void> {
  const res = await fetch(`${E2E_SANDBOX_URL}${pathAndQuery}`, { method, headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${pathAndQuery} failed: ${res.status} ${await res.text()}`);
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

const FORMULA_NAME = '=HYPERLINK("http://example.invalid","click me")';

// The sandbox's README worked example: 25 units every fifth day, 7 March to 30 June 2025, is a
// rate of 5 a day with σ = 10. With lead time 14 and 100 + 40 in stock, the plan's shortfall is
// 141.54, so a minimum order quantity of 500 makes the order exactly 500.
const products = [
  {
    productId: 'OP-WIDGET',
    name: 'Widget',
    category: 'Hardware',
    leadTime: 14,
    serviceLevel: 0.95,
    orderFrequency: 30,
    stockOnHand: 100,
    stockOnOrder: 40,
    cost: 2.5,
    suppliers: [{ supplierId: 'SUP-A', supplierName: 'Acme Supplies' }],
    stockLocations: [{ locationCode: 'WH1', locationName: 'Main warehouse', stockOnHand: 100, stockOnOrder: 40 }],
  },
  { productId: 'OP-GADGET', name: 'Gadget', category: 'Gizmos', leadTime: 10, orderFrequency: 30, stockOnHand: 20, stockOnOrder: 0, cost: 10, suppliers: [{ supplierId: 'SUP-B', supplierName: 'Bolt & Co' }] },
  { productId: 'OP-SPROCKET', name: 'Sprocket', category: 'Hardware', leadTime: 7, orderFrequency: 30, stockOnHand: 2000, stockOnOrder: 0, cost: 1, suppliers: [{ supplierId: 'SUP-B' }] },
  { productId: 'OP-FORMULA', name: FORMULA_NAME, category: 'Hardware', leadTime: 14, orderFrequency: 30, stockOnHand: 50, stockOnOrder: 0, cost: 1, supplierCode: 'SUP-A' },
  { productId: 'OP-OLD', name: 'Old model', category: 'Hardware', discontinued: true, stockOnHand: 0, supplierCode: 'SUP-A' },
];

function saleDates(): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(2025, 2, 7); t <= Date.UTC(2025, 5, 30); t += 5 * 86_400_000) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

test.beforeAll(async () => {
  for (const product of products) await sandboxSend('POST', '/Products', product);
  for (const date of saleDates()) {
    const orderDate = `${date}T00:00:00`;
    await sandboxSend('PUT', '/SalesOrdersBulk', {
      orderDate,
      saleOrderLineItems: products.map((p) => ({ productId: p.productId, orderDate, quantity: 25, externalReferenceId: `${p.productId}-${date}` })),
    });
  }
});

const row = (page: Page, code: string) => page.getByTestId('plan-table').locator(`tr[data-product="${code}"]`);
const cell = (page: Page, code: string, col: string) => row(page, code).locator(`td[data-col="${col}"]`);
const shownCodes = (page: Page) => page.getByTestId('plan-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-product')));

async function percentShown(page: Page): Promise<number> {
  const text = (await page.getByTestId('forecast-progress').textContent()) ?? '';
  return Number(/^(\d+)%/.exec(text)?.[1] ?? NaN);
}

async function exportCsv(page: Page, name: string): Promise<{ fileName: string; text: string; rows: string[][] }> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export CSV/ }).click();
  const download = await downloadPromise;
  const file = path.join(e2eTempDir('order-plan'), name);
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  return { fileName: download.suggestedFilename(), text, rows: Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data };
}

test('a changed minimum order quantity reaches the order plan; the forecast survives a reload; filter, sort and export', async ({ page }) => {
  await connect(page, account);

  // Change the product through the form, as a person would.
  await page.goto('/products');
  await page.getByLabel('Find by exact product code').fill('OP-WIDGET');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByLabel('Minimum order quantity', { exact: true }).fill('500');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-result')).toContainText('Updated OP-WIDGET');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Order plan' }).click();
  await expect(page.getByRole('heading', { name: 'Order plan', level: 1 })).toBeVisible();
  await expect(page.getByTestId('plan-empty')).toContainText('No results yet');

  // Run, reload half-way, and the page picks the same run up from StockTrim's status.
  await page.getByRole('button', { name: 'Run forecast' }).click();
  await expect(page.getByRole('button', { name: 'Forecast running…' })).toBeDisabled();
  await expect(page.getByTestId('forecast-progress')).toContainText(/^\d+% — Calculating forecasts/);
  await page.waitForTimeout(1_000);
  const before = await percentShown(page);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Forecast running…' })).toBeDisabled();
  await expect(page.getByTestId('forecast-progress')).toContainText(/^\d+% — Calculating forecasts: \d+ of 5 products\./);
  const after = await percentShown(page);
  expect(after).toBeGreaterThanOrEqual(before);
  expect(after).toBeLessThan(100);
  await expect(page.getByRole('progressbar', { name: 'Forecast progress' })).toHaveAttribute('aria-valuenow', String(after));
  await shot(page, 'order-plan-running');
  await expect(page.getByTestId('forecast-done')).toContainText('100%', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Run forecast' })).toBeEnabled();

  // The plan refreshed by itself when the run finished.
  await expect(cell(page, 'OP-WIDGET', 'orderQuantity')).toHaveText('500');
  await expect(cell(page, 'OP-WIDGET', 'minimumOrderQuantity')).toHaveText('500');
  await expect(cell(page, 'OP-WIDGET', 'orderValue')).toHaveText('1,250.00');
  await expect(cell(page, 'OP-WIDGET', 'location')).toHaveText('Main warehouse');
  await expect(cell(page, 'OP-WIDGET', 'daysUntilStockOut')).toHaveText('20');
  // Discontinued products are left out unless asked for.
  expect(await shownCodes(page)).toEqual(['OP-GADGET', 'OP-FORMULA', 'OP-WIDGET', 'OP-SPROCKET']);

  // Rows to order now are highlighted and say why in words.
  await expect(row(page, 'OP-GADGET')).toHaveAttribute('data-order-now', 'true');
  await expect(cell(page, 'OP-GADGET', 'status')).toHaveText('Order now: runs out before delivery');
  await expect(cell(page, 'OP-WIDGET', 'status')).toHaveText('Order now');
  await expect(row(page, 'OP-SPROCKET')).not.toHaveAttribute('data-order-now', 'true');
  await expect(cell(page, 'OP-SPROCKET', 'status')).toHaveText('');

  // Totals are the sum of the rows.
  const quantities = await page.getByTestId('plan-table').locator('tbody td[data-col="orderQuantity"]').allTextContents();
  const sum = quantities.reduce((total, text) => total + Number(text.replace(/,/g, '')), 0);
  await expect(page.getByTestId('total-quantity')).toHaveText(new Intl.NumberFormat('en').format(sum));
  await expect(page.getByTestId('plan-totals')).toContainText('Total: 4 products, 3 to order now');

  // The chart starts with the product that runs out first.
  await expect(page.getByTestId('stockout-chart').locator('g[data-product]').first()).toHaveAttribute('data-product', 'OP-GADGET');

  // Sorting by order quantity, both ways.
  const orderQty = page.getByRole('columnheader', { name: /Order qty/ });
  await orderQty.getByRole('button').click();
  await expect(orderQty).toHaveAttribute('aria-sort', 'descending');
  expect((await shownCodes(page))[0]).toBe('OP-WIDGET');
  await orderQty.getByRole('button').click();
  await expect(orderQty).toHaveAttribute('aria-sort', 'ascending');
  expect((await shownCodes(page))[0]).toBe('OP-SPROCKET');
  await shot(page, 'order-plan');

  // Export what is shown, in the order shown; formulas stay text.
  const all = await exportCsv(page, 'all.csv');
  expect(all.fileName).toMatch(/^order-plan-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(all.text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...lines] = all.rows;
  expect(header?.slice(0, 2)).toEqual(['Product code', 'Name']);
  expect(lines.map((l) => l[0])).toEqual(await shownCodes(page));
  const col = (name: string) => header!.indexOf(name);
  const widget = lines.find((l) => l[0] === 'OP-WIDGET')!;
  expect(widget[col('Order quantity')]).toBe('500');
  expect(widget[col('Order value')]).toBe('1250');
  expect(widget[col('Location')]).toBe('Main warehouse');
  expect(widget[col('Order now')]).toBe('yes');
  expect(lines.find((l) => l[0] === 'OP-FORMULA')![col('Name')]).toBe(`'${FORMULA_NAME}`);

  // StockTrim's supplier filter: code or name, any case.
  await page.getByLabel('Supplier', { exact: true }).fill('sup-b');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('plan-summary')).toContainText('2 products match the filters');
  expect((await shownCodes(page)).sort()).toEqual(['OP-GADGET', 'OP-SPROCKET']);
  const bySupplier = await exportCsv(page, 'sup-b.csv');
  expect(bySupplier.rows.slice(1).map((l) => l[0]).sort()).toEqual(['OP-GADGET', 'OP-SPROCKET']);
  await shot(page, 'order-plan-supplier');

  await page.getByLabel('Supplier', { exact: true }).fill('SUP-A');
  await page.getByLabel('Products', { exact: true }).selectOption('All');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('plan-summary')).toContainText('3 products match the filters');
  expect((await shownCodes(page)).sort()).toEqual(['OP-FORMULA', 'OP-OLD', 'OP-WIDGET']);
  await expect(cell(page, 'OP-OLD', 'status')).toHaveText('Discontinued');
});
