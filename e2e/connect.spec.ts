import { expect, test } from '@playwright/test';
import { connect, recordResponses } from './e2e-helpers';

const demo = { authId: 'sandbox', signature: 'sandbox-signature' };

test('wrong credentials show StockTrim\'s message; the sandbox account connects; the signature never comes back', async ({ page }) => {
  const seen = recordResponses(page);

  await page.goto('/import/products');
  await expect(page).toHaveURL(/\/connect$/);
  await expect(page.getByText('StockTrim sandbox')).toBeVisible();

  await page.getByLabel('api-auth-id').fill('sandbox');
  await page.getByLabel('api-auth-signature').fill('not-the-signature');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const error = page.getByTestId('connect-error');
  await expect(error).toContainText('api-auth-signature');
  await expect(error).toContainText('did not accept');

  // The demo account is chosen on the server: its signature never travels to the page either.
  await page.getByRole('button', { name: /Use the sandbox demo account/ }).click();
  await expect(page.getByTestId('connected-as')).toContainText('sandbox');

  await page.goto('/import/products');
  await expect(page.getByRole('heading', { name: 'Import Products' })).toBeVisible();
  await page.goto('/forecast');
  await expect(page.getByRole('button', { name: 'Run forecast' })).toBeVisible();

  expect(seen.bodies.length).toBeGreaterThan(3);
  for (const body of seen.bodies) expect(body).not.toContain(demo.signature);

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page).toHaveURL(/\/connect$/);
  await page.goto('/forecast');
  await expect(page).toHaveURL(/\/connect$/);
});

test('a real account\'s signature never reaches the browser after connecting', async ({ page }) => {
  const account = { authId: 'e2e-products', signature: 'e2e-products-signature' };
  const seen = recordResponses(page);
  await connect(page, account);
  await page.goto('/import/sales-orders');
  await page.goto('/forecast');
  await expect(page.getByRole('button', { name: 'Run forecast' })).toBeVisible();
  expect(seen.bodies.length).toBeGreaterThan(3);
  for (const body of seen.bodies) expect(body).not.toContain(account.signature);
  const cookies = await page.context().cookies();
  for (const c of cookies) expect(c.value).not.toContain(account.signature);
  const session = cookies.find((c) => c.name === 'stocktrim_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Strict');
});

test('the dashboard has an icon: the page links it, and it and /favicon.ico answer instead of a 404', async ({ page, request }) => {
  await page.goto('/connect');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toMatch(/^\/icon\.svg/);
  for (const url of [href!, '/favicon.ico']) {
    const icon = await request.get(url);
    expect(icon.status(), url).toBe(200);
    expect(icon.headers()['content-type'], url).toContain('image/svg+xml');
    expect(await icon.text(), url).toContain('<svg');
  }
});
