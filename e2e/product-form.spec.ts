import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { connect } from './e2e-helpers';
import { E2E_SANDBOX_URL, e2eAccounts } from './e2e-settings';

const account = e2eAccounts.productForm;
const headers = { 'api-auth-id': account.authId, 'api-auth-signature': account.signature };

async function sandbox(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${E2E_SANDBOX_URL}${pathAndQuery}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** What the sandbox holds for one code (its exact-code lookup), or null after its 404. */
async function sandboxProduct(code: string): Promise<Record<string, unknown> | null> {
  const res = await sandbox('GET', `/Products?code=${encodeURIComponent(code)}`);
  if (res.status === 404) return null;
  return (res.json as Record<string, unknown>[])[0] ?? null;
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test.beforeAll(async () => {
  // 55 products: more than StockTrim's page of 50, so the list needs a second page.
  for (let i = 1; i <= 55; i++) {
    const code = `PF-${String(i).padStart(3, '0')}`;
    const product =
      code === 'PF-042'
        ? {
            productId: code,
            name: 'Forty-two gauge wire',
            category: 'Cables',
            leadTime: 14,
            minimumOrderQuantity: 10,
            serviceLevel: 0.9,
            cost: 1.125,
            suppliers: [{ supplierId: 'SUP-1', supplierName: 'Acme Cables' }],
            stockLocations: [{ locationCode: 'WH1', locationName: 'Main', stockOnHand: 5 }],
          }
        : { productId: code, name: `Part number ${i}` };
    const res = await sandbox('POST', '/Products', product);
    expect([200, 201]).toContain(res.status);
  }
});

test('finds a product by its exact code, saves lead time and minimum order quantity, and they survive a reload', async ({ page }) => {
  await connect(page, account);
  await page.goto('/products');
  await expect(page.getByTestId('products-summary')).toHaveText('Showing 50 of 50 loaded products (1 page).');
  await page.getByRole('button', { name: 'Load the next 50 products' }).click();
  await expect(page.getByTestId('products-summary')).toHaveText('Showing 55 of 55 loaded products (2 pages), all there are.');

  // Partial matches come from the loaded pages only; StockTrim's lookup is exact.
  await page.getByLabel('Filter loaded products').fill('pf-04');
  await expect(page.getByTestId('products-summary')).toHaveText('Showing 10 of 55 loaded products (2 pages), all there are.');
  await page.getByLabel('Find by exact product code').fill('pf-042');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('lookup-error')).toContainText('No product has the code "pf-042"');
  await shot(page, 'products-list');

  await page.getByLabel('Find by exact product code').fill('PF-042');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(/\/products\/edit\?code=PF-042$/);
  await expect(page.getByRole('heading', { name: 'Edit product PF-042' })).toBeVisible();
  await expect(field(page, 'Lead time (days)')).toHaveValue('14');
  await expect(field(page, 'Product code (required)')).toHaveAttribute('readonly', '');

  await field(page, 'Lead time (days)').fill('21');
  await field(page, 'Minimum order quantity').fill('1,200');
  await field(page, 'Service level').fill('97.5%');
  await expect(page.getByTestId('save-result')).toHaveText('Unsaved changes');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-result')).toHaveText('Updated PF-042 in StockTrim (StockTrim answered 200 OK).');
  // The form now shows what StockTrim holds.
  await expect(field(page, 'Minimum order quantity')).toHaveValue('1200');
  await shot(page, 'product-form-saved');

  await page.reload();
  await expect(field(page, 'Lead time (days)')).toHaveValue('21');
  await expect(field(page, 'Minimum order quantity')).toHaveValue('1200');
  await expect(field(page, 'Service level')).toHaveValue('0.975');
  await expect(page.getByLabel('Supplier code (required)')).toHaveValue('SUP-1');

  const stored = await sandboxProduct('PF-042');
  expect(stored).toMatchObject({
    leadTime: 21,
    minimumOrderQuantity: 1200,
    serviceLevel: 0.975,
    cost: 1.125,
    suppliers: [{ supplierId: 'SUP-1', supplierName: 'Acme Cables' }],
    stockLocations: [{ locationCode: 'WH1', locationName: 'Main', stockOnHand: 5 }],
  });
});

test('the form\'s own checks, and a value only StockTrim refuses, each show their message at the field', async ({ page }) => {
  await connect(page, account);
  await page.goto('/products/edit?code=PF-007');
  const leadTime = field(page, 'Lead time (days)');

  // Caught in the browser: nothing reaches StockTrim.
  await leadTime.fill('7 days');
  await page.getByRole('button', { name: 'Add supplier' }).click();
  await page.getByLabel('Supplier name').fill('A supplier without a code');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#product-fields-leadTime-error')).toContainText('"7 days" is not a plain number');
  await expect(leadTime).toHaveAttribute('aria-invalid', 'true');
  await expect(leadTime).toBeFocused();
  await expect(page.getByLabel('Supplier code (required)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#product-suppliers-0-supplierId-error')).toHaveText('Supplier code is required.');
  await expect(page.getByTestId('error-summary')).toContainText('2 fields need attention');
  expect((await sandboxProduct('PF-007'))?.leadTime).toBeNull();

  // A whole number the form accepts but StockTrim cannot store (it is an Int32 there).
  await page.getByRole('button', { name: 'Remove supplier 1' }).click();
  await leadTime.fill('3000000000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-error')).toContainText('StockTrim did not accept the product');
  const error = page.locator('#product-fields-leadTime-error');
  await expect(error).toContainText('The JSON value could not be converted to System.Int32. Path: $.leadTime.');
  await expect(error).toContainText('StockTrim takes a whole number from -2147483648 to 2147483647');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(leadTime).toHaveAttribute('aria-invalid', 'true');
  await expect(leadTime).toHaveAttribute('aria-describedby', /product-fields-leadTime-error/);
  await expect(leadTime).toBeFocused();
  await shot(page, 'product-form-rejected');
  expect((await sandboxProduct('PF-007'))?.leadTime).toBeNull();

  // Editing the field clears StockTrim's message; a valid value then saves.
  await leadTime.fill('30');
  await expect(error).toHaveCount(0);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-result')).toHaveText('Updated PF-007 in StockTrim (StockTrim answered 200 OK).');
  expect((await sandboxProduct('PF-007'))?.leadTime).toBe(30);
});

test('creates a product with its suppliers and stock per location, then deletes it', async ({ page }) => {
  // Leaving a page with unsaved edits asks first; here the test means to leave.
  page.on('dialog', (dialog) => void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()));
  await connect(page, account);
  await page.goto('/products');
  await page.getByRole('link', { name: 'New product' }).click();
  await expect(page.getByRole('heading', { name: 'New product' })).toBeVisible();
  await field(page, 'Product code (required)').fill('PF-NEW-1');
  await field(page, 'Name').fill('Brand new thing');
  await field(page, 'Lead time (days)').fill('5');
  await field(page, 'Cost').fill('$3.50');

  const suppliers = page.getByTestId('list-suppliers');
  await page.getByRole('button', { name: 'Add supplier' }).click();
  await suppliers.getByLabel('Supplier code (required)').nth(0).fill('SUP-9');
  await suppliers.getByLabel('Supplier name').nth(0).fill('Nine Ltd');
  await page.getByRole('button', { name: 'Add supplier' }).click();
  await suppliers.getByLabel('Supplier code (required)').nth(1).fill('SUP-8');
  // Reordering by keyboard keeps the focus on the moved entry.
  await page.getByRole('button', { name: 'Move supplier 2 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Remove supplier 1' })).toBeFocused();
  await expect(suppliers.getByLabel('Supplier code (required)').nth(0)).toHaveValue('SUP-8');

  await page.getByRole('button', { name: 'Add location' }).click();
  const locations = page.getByTestId('list-stockLocations');
  await locations.getByLabel('Location code (required)').fill('WH2');
  await locations.getByLabel('On hand').fill('12');
  await shot(page, 'product-form-new');
  await page.getByRole('button', { name: 'Create product' }).click();

  await expect(page).toHaveURL(/\/products\/edit\?code=PF-NEW-1$/);
  await expect(page.getByTestId('save-result')).toHaveText('Created PF-NEW-1 in StockTrim (StockTrim answered 201 Created).');
  expect(await sandboxProduct('PF-NEW-1')).toMatchObject({
    name: 'Brand new thing',
    leadTime: 5,
    cost: 3.5,
    suppliers: [{ supplierId: 'SUP-8' }, { supplierId: 'SUP-9', supplierName: 'Nine Ltd' }],
    stockLocations: [{ locationCode: 'WH2', stockOnHand: 12 }],
  });

  // "New product" never overwrites an existing one.
  await page.goto('/products/new');
  await field(page, 'Product code (required)').fill('PF-NEW-1');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.locator('#product-fields-productId-error')).toContainText('A product with the code "PF-NEW-1" already exists');
  expect((await sandboxProduct('PF-NEW-1'))?.name).toBe('Brand new thing');

  // Production deletes take seconds; hold the request back so the progress is visible.
  await page.route((url) => url.pathname === '/api/products' && url.searchParams.has('productId'), async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await route.continue();
  });
  await page.goto('/products/edit?code=PF-NEW-1');
  await page.getByRole('button', { name: 'Delete product' }).click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog.getByRole('heading', { name: 'Delete PF-NEW-1?' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete from StockTrim' }).click();
  await expect(page.getByTestId('delete-progress')).toContainText('Deleting…');
  await expect(dialog.getByRole('button', { name: 'Deleting…' })).toBeDisabled();
  await shot(page, 'product-delete-progress');
  await expect(page).toHaveURL(/\/products\?deleted=PF-NEW-1$/);
  await expect(page.getByTestId('deleted-notice')).toHaveText('Deleted PF-NEW-1 from StockTrim.');
  expect(await sandboxProduct('PF-NEW-1')).toBeNull();
});

test('unsaved changes are not lost by accident: in-app links and leaving the page ask first', async ({ page }) => {
  await connect(page, account);
  await page.goto('/products/edit?code=PF-001');
  await field(page, 'Name').fill('Renamed but not saved');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Order plan' }).click();
  const leave = page.getByTestId('leave-dialog');
  await expect(leave.getByRole('heading', { name: 'Leave without saving?' })).toBeVisible();
  await leave.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(page).toHaveURL(/\/products\/edit\?code=PF-001$/);
  await expect(field(page, 'Name')).toHaveValue('Renamed but not saved');

  await page.getByRole('link', { name: '← All products' }).click();
  await leave.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page).toHaveURL(/\/products$/);
  expect((await sandboxProduct('PF-001'))?.name).toBe('Part number 1');

  // Closing or reloading the tab gets the browser's own question.
  await page.goto('/products/edit?code=PF-001');
  // A real click: browsers only ask on leaving when the person has interacted with the page.
  await field(page, 'Name').click();
  await field(page, 'Name').fill('Still not saved');
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.accept().then(() => resolve(d.type()))));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
});
