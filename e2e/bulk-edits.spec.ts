import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { connect, mapOnly, datasetsDir, dropFile, e2eTempDir, readAllProducts, requireSharedDatasets, seedProducts, writeTempFile } from './e2e-helpers';
import { E2E_SANDBOX_URL, e2eAccounts } from './e2e-settings';

const account = e2eAccounts.bulkEdits;

async function sandboxBoms(): Promise<{ productId: string; componentId: string; quantity: number | null }[]> {
  const res = await fetch(`${E2E_SANDBOX_URL}/boms`, { headers: { 'api-auth-id': account.authId, 'api-auth-signature': account.signature } });
  if (res.status === 404) return [];
  return (await res.json()) as { productId: string; componentId: string; quantity: number | null }[];
}

function counts(page: Page) {
  return { valid: page.getByTestId('count-valid'), errors: page.getByTestId('count-errors'), skipped: page.getByTestId('count-skipped') };
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Where Ctrl+Z means the page's undo: nothing focused that takes text. */
async function focusPage(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).click();
}

test('fill empty cells, find and replace, delete selected rows, undo and redo by button and by key, then push: the sandbox holds exactly the edited rows', async ({ page }) => {
  test.setTimeout(180_000);
  requireSharedDatasets();
  const file = path.join(datasetsDir, 'adventureworks_product.csv');
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.data).toHaveLength(504);
  const noColour = parsed.data.filter((r) => r.Color === 'NULL').length;
  const mountain = parsed.data.filter((r) => (r.Name as string).includes('Mountain')).length;
  expect(noColour).toBe(248);
  expect(mountain).toBeGreaterThan(50);
  // The first five data rows (spreadsheet rows 2 to 6) are the ones deleted.
  const deleted = parsed.data.slice(0, 5).map((r) => r.ProductNumber as string);

  await connect(page, account);
  await page.goto('/import/products');
  await dropFile(page, file);
  await expect(page.getByTestId('loaded-file')).toContainText('504 rows');
  // Colour goes to Category, one of the fields no header matched.
  await mapOnly(page, { productId: 'ProductNumber', name: 'Name', cost: 'StandardCost', price: 'ListPrice', category: 'Color' });
  const c = counts(page);
  await expect(c.valid).toHaveText('504');
  const bar = page.getByRole('region', { name: 'Fix many rows at once' });
  const message = page.getByTestId('bulk-edit-message');
  await expect(bar.getByRole('button', { name: 'Undo (nothing to undo)' })).toBeDisabled();

  // Fill: the NULL colours (read as empty) become one category.
  await bar.getByLabel('Column to fill').selectOption({ label: 'Category' });
  await bar.getByLabel('Fill with').fill('Unpainted');
  await bar.getByRole('button', { name: 'Fill empty cells' }).click();
  await expect(message).toContainText(`Filled ${noColour} empty "Category" cells with "Unpainted".`);
  await expect(bar.getByRole('button', { name: `Undo fill of ${noColour} empty Category cells` })).toBeEnabled();
  await expect(page.locator('[role="row"][data-row-number="2"] [data-field="category"]')).toContainText('Unpainted');

  // Find and replace, with the count of matching cells shown before anything changes.
  await bar.getByLabel('Column to search').selectOption({ label: 'Name' });
  await bar.getByLabel('Find', { exact: true }).fill('mountain');
  await bar.getByLabel('Replace with').fill('MTN');
  const matchCount = bar.getByTestId('replace-match-count');
  await expect(matchCount).toHaveText(`${mountain} cells match`);
  await bar.getByLabel('Match case').check();
  await expect(matchCount).toHaveText('No cell matches');
  await expect(bar.getByRole('button', { name: 'Replace all' })).toBeDisabled();
  await bar.getByLabel('Match case').uncheck();
  await bar.getByLabel('Whole cell only').check();
  await expect(matchCount).toHaveText('No cell matches');
  await bar.getByLabel('Whole cell only').uncheck();
  await expect(matchCount).toHaveText(`${mountain} cells match`);
  await bar.getByRole('button', { name: 'Replace all' }).click();
  await expect(message).toContainText(`in ${mountain} "Name" cells`);
  await expect(matchCount).toHaveText('No cell matches');

  // Select rows 2 to 6 with a click and a Shift-click, and delete them.
  await expect(bar.getByRole('button', { name: 'Delete selected rows' })).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Select row 2', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Select row 6', exact: true }).click({ modifiers: ['Shift'] });
  for (let n = 2; n <= 6; n++) await expect(page.getByRole('checkbox', { name: `Select row ${n}`, exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Select row 7', exact: true })).not.toBeChecked();
  await expect(bar.getByTestId('selected-count')).toHaveText('5 rows selected.');
  await expect(bar).toContainText('Deleted rows are not sent: they are counted as skipped by you, and Undo brings them back.');
  await shot(page, 'bulk-edits-selected');
  await bar.getByRole('button', { name: 'Delete 5 selected rows' }).click();
  await expect(message).toContainText('Deleted 5 rows');
  await expect(c.valid).toHaveText('499');
  await expect(c.skipped).toHaveText('5');
  await expect(page.getByTestId('validation-summary')).toContainText('5 by you');
  await expect(bar.getByTestId('selected-count')).toHaveText('No rows selected.');

  // In a text field Ctrl+Z belongs to the field, not to the page.
  await bar.getByLabel('Fill with').focus();
  await page.keyboard.press('Control+z');
  await expect(c.valid).toHaveText('499');

  // Ctrl+Z takes the delete back; the Undo button then names the replace, and takes it back.
  await focusPage(page);
  await page.keyboard.press('Control+z');
  await expect(c.valid).toHaveText('504');
  await expect(c.skipped).toHaveCount(0);
  await expect(message).toContainText('Undid delete of 5 rows.');
  await bar.getByRole('button', { name: /^Undo replace of "mountain" with "MTN"/ }).click();
  await expect(message).toContainText('Undid replace');
  // The search is still in its box, so its count shows the names are back.
  await expect(matchCount).toHaveText(`${mountain} cells match`);
  await expect(bar.getByRole('button', { name: /^Redo replace of "mountain"/ })).toBeEnabled();

  // Ctrl+Shift+Z and Ctrl+Y redo them, in order.
  await focusPage(page);
  await page.keyboard.press('Control+Shift+Z');
  await expect(message).toContainText('Redid replace');
  await expect(matchCount).toHaveText('No cell matches');
  await page.keyboard.press('Control+y');
  await expect(message).toContainText('Redid delete of 5 rows.');
  await expect(c.valid).toHaveText('499');
  await expect(bar.getByRole('button', { name: 'Redo (nothing to redo)' })).toBeDisabled();

  await page.getByRole('button', { name: 'Send 499 rows to StockTrim' }).click();
  await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('result-sent')).toHaveText('499');
  await expect(page.getByTestId('result-rejected')).toHaveText('0');

  const held = await readAllProducts(account);
  expect(held).toHaveLength(499);
  const byId = new Map(held.map((p) => [p.productId, p]));
  for (const id of deleted) expect(byId.has(id), `${id} was deleted before the push`).toBe(false);
  for (const row of parsed.data.slice(5)) {
    const product = byId.get(row.ProductNumber as string);
    expect(product, row.ProductNumber).toBeDefined();
    expect(product?.name).toBe((row.Name as string).replace(/mountain/gi, 'MTN'));
    expect(product?.category).toBe(row.Color === 'NULL' ? 'Unpainted' : row.Color);
    expect(product?.price).toBe(Number(row.ListPrice));
  }
});

test('rows StockTrim rejects show as rejected after "Back to the rows", with their own filter; fixed or deleted, the next push sends the rest', async ({ page }) => {
  test.setTimeout(120_000);
  await seedProducts(account, ['P-1', 'P-2', 'P-3', 'P-4']);
  // Rows 3 and 5 put a product inside itself: the file check cannot know, StockTrim refuses them.
  const file = writeTempFile(e2eTempDir('bulk-edits'), 'bom-with-loops.csv', 'Assembly,Component,Quantity\nP-1,P-2,2\nP-1,P-1,1\nP-3,P-4,1\nP-4,P-4,3\nP-2,P-3,1\n');

  await connect(page, account);
  await page.goto('/import/bill-of-materials');
  await dropFile(page, file);
  await expect(page.getByTestId('loaded-file')).toContainText('5 rows');
  await expect(page.getByTestId('count-valid')).toHaveText('5');
  await page.getByRole('button', { name: 'Send 5 rows to StockTrim' }).click();
  await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('result-sent')).toHaveText('3');
  await expect(page.getByTestId('result-rejected')).toHaveText('2');
  expect((await sandboxBoms()).map((l) => `${l.productId}>${l.componentId}`).sort()).toEqual(['P-1>P-2', 'P-2>P-3', 'P-3>P-4']);

  await page.getByRole('button', { name: 'Back to the rows' }).click();
  const row = (n: number) => page.locator(`[role="row"][data-row-number="${n}"]`);
  await expect(row(3).getByTestId('row-status')).toHaveText('Rejected by StockTrim');
  await expect(row(3).getByTestId('row-problems')).toContainText('cannot be a component of itself');
  await expect(row(5).getByTestId('row-status')).toHaveText('Rejected by StockTrim');
  await expect(row(2).getByTestId('row-status')).toHaveText('OK');
  // Long problems wrap to two lines in a fixed-height row; "Show all" opens the row to its full text.
  await row(3).getByRole('button', { name: 'Show all the problems of row 3' }).click();
  await expect(row(3).getByRole('button', { name: 'Show less of the problems of row 3' })).toHaveAttribute('aria-expanded', 'true');
  await expect(row(3).getByTestId('row-problems').locator('p')).not.toHaveClass(/line-clamp/);
  await row(3).getByRole('button', { name: 'Show less of the problems of row 3' }).click();
  await expect(row(3).getByTestId('row-problems').locator('p')).toHaveClass(/line-clamp-2/);

  const onlyRejected = page.getByLabel('Show only rows StockTrim rejected (2)');
  await onlyRejected.check();
  await expect(page.locator('[role="row"][data-row-number]')).toHaveCount(2);
  await expect(page.locator('[role="row"][data-status="rejected"]')).toHaveCount(2);
  await expect(page.getByTestId('preflight-rejected-last')).toContainText('2 rows were rejected by StockTrim in the last push');
  await shot(page, 'bulk-edits-rejected');

  // Fixing a rejected row takes its mark off; the count in the filter follows.
  await page.getByRole('button', { name: /^Component code, row 3: P-1/ }).click();
  const editor = page.getByRole('textbox', { name: 'Component code, row 3' });
  await editor.fill('P-3');
  await editor.press('Enter');
  await expect(page.getByLabel('Show only rows StockTrim rejected (1)')).toBeChecked();
  await expect(row(3).getByTestId('row-status')).toHaveText('OK');

  // The other one is deleted through the selection: the header box takes the rows in view.
  await page.getByLabel('Show only rows StockTrim rejected (1)').uncheck();
  await page.getByLabel('Show only rows StockTrim rejected (1)').check();
  await expect(page.locator('[role="row"][data-row-number]')).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'Select all rows in view' }).check();
  await expect(page.getByRole('checkbox', { name: 'Select row 5', exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Delete 1 selected row' }).click();
  await expect(page.getByTestId('count-skipped')).toHaveText('1');
  await expect(row(5).getByTestId('row-status')).toHaveText('Skipped');

  await page.getByRole('button', { name: 'Send 4 rows to StockTrim' }).click();
  await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('result-sent')).toHaveText('4');
  await expect(page.getByTestId('result-rejected')).toHaveText('0');
  expect((await sandboxBoms()).map((l) => `${l.productId}>${l.componentId}`).sort()).toEqual(['P-1>P-2', 'P-1>P-3', 'P-2>P-3', 'P-3>P-4']);
  // The marks are those of the last push: none left. The box stays while its filter is on.
  await page.getByRole('button', { name: 'Back to the rows' }).click();
  await expect(page.getByLabel('Show only rows StockTrim rejected (0)')).toBeChecked();
  // Unticked, the box goes (nothing is left to show), so it is clicked rather than "unchecked".
  await page.getByLabel('Show only rows StockTrim rejected (0)').click();
  await expect(page.getByText(/Show only rows StockTrim rejected/)).toHaveCount(0);
  await expect(row(5).getByTestId('row-status')).toHaveText('Skipped');
});

test('"Select all rows shown" takes every row of the filter, not only those on screen: the errors are deleted, the rest sent', async ({ page }) => {
  test.setTimeout(120_000);
  const components = Array.from({ length: 18 }, (_, i) => `Q-${i + 1}`);
  await seedProducts(account, ['Q-A', 'Q-B', ...components]);
  const good = components.map((c) => `Q-A,${c},2`);
  const bad = components.slice(0, 12).map((c) => `Q-B,${c},lots`);
  // Errors spread through the file, so most are off screen at first.
  const lines = good.flatMap((g, i) => (bad[i] ? [g, bad[i]] : [g]));
  const file = writeTempFile(e2eTempDir('bulk-edits'), 'bom-with-errors.csv', `Assembly,Component,Quantity\n${lines.join('\n')}\n`);

  await connect(page, account);
  await page.goto('/import/bill-of-materials');
  await dropFile(page, file);
  await expect(page.getByTestId('loaded-file')).toContainText('30 rows');
  const c = counts(page);
  await expect(c.errors).toHaveText('12');
  await page.getByLabel('Show only rows with errors').check();
  await page.getByRole('button', { name: 'Select all 12 rows shown' }).click();
  await expect(page.getByTestId('selected-count')).toHaveText('12 rows selected.');
  await page.getByRole('button', { name: 'Delete 12 selected rows' }).click();
  await expect(c.errors).toHaveText('0');
  await expect(c.skipped).toHaveText('12');
  await expect(c.valid).toHaveText('18');
  await page.getByLabel('Show only rows with errors').uncheck();
  await page.getByRole('button', { name: 'Send 18 rows to StockTrim' }).click();
  await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('result-sent')).toHaveText('18');
  const held = (await sandboxBoms()).filter((l) => l.productId.startsWith('Q-'));
  expect(held.map((l) => `${l.productId}>${l.componentId}`).sort()).toEqual(components.map((x) => `Q-A>${x}`).sort());
});
