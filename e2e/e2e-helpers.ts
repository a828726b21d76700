import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page, type Response, expect, test } from '@playwright/test';
import { E2E_SANDBOX_URL, type E2eAccount } from './e2e-settings';

export const sharedDir = fileURLToPath(new URL('../../shared', import.meta.url));
export const datasetsDir = path.join(sharedDir, 'datasets');

/** Specs that read real files skip, saying why, where ../shared is not beside the checkout. */
export function requireSharedDatasets(): void {
  test.skip(!existsSync(datasetsDir), `../shared/datasets not found at ${datasetsDir}; the real-data tests need it beside the checkout.`);
}

export function e2eTempDir(name: string): string {
  const dir = path.join(tmpdir(), 'stocktrim-e2e', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Records every response body the page receives, to prove none carries the signature. */
export function recordResponses(page: Page): { bodies: string[]; urls: string[] } {
  const seen = { bodies: [] as string[], urls: [] as string[] };
  page.on('response', async (res: Response) => {
    seen.urls.push(res.url());
    // A response still arriving when the page closes cannot be read; nothing to check then.
    try {
      const headers = JSON.stringify(await res.allHeaders());
      let body = '';
      try {
        body = (await res.body()).toString('utf8');
      } catch {
        body = '';
      }
      seen.bodies.push(`${headers}\n${body}`);
    } catch {
      // page closed
    }
  });
  return seen;
}

export async function connect(page: Page, account: E2eAccount): Promise<void> {
  await page.goto('/connect');
  await page.getByLabel('api-auth-id').fill(account.authId);
  await page.getByLabel('api-auth-signature').fill(account.signature);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('connected-as')).toContainText(account.authId);
}

/** Drops a file on the drop zone the way a browser does: a real DataTransfer with a File. */
export async function dropFile(page: Page, filePath: string, mimeType = 'text/csv'): Promise<void> {
  const bytes = readFileSync(filePath).toString('base64');
  const name = path.basename(filePath);
  const dataTransfer = await page.evaluateHandle(
    ({ b64, fileName, type }) => {
      const binary = atob(b64);
      const array = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) array[i] = binary.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([array], fileName, { type }));
      return dt;
    },
    { b64: bytes, fileName: name, type: mimeType },
  );
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

export async function chooseMapping(page: Page, fieldKey: string, columnLabel: string | null): Promise<void> {
  const select = page.locator(`select[data-field="${fieldKey}"]`);
  if (columnLabel === null) await select.selectOption({ value: '' });
  else await select.selectOption({ label: columnLabel });
}

/** Leaves exactly these mappings (field key → column label), every other field unmapped. */
export async function mapOnly(page: Page, wanted: Readonly<Record<string, string>>): Promise<void> {
  // Fields not in the file sit in a closed "More StockTrim fields" list.
  await page.locator('details:has(select[data-field])').evaluateAll((els) => els.forEach((e) => e.setAttribute('open', '')));
  for (const [key, label] of Object.entries(wanted)) await chooseMapping(page, key, label);
  for (const key of await page.locator('select[data-field]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-field') ?? ''))) {
    if (!(key in wanted)) await chooseMapping(page, key, null);
  }
}

export function writeTempFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function sandboxGet(account: E2eAccount, pathAndQuery: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${E2E_SANDBOX_URL}${pathAndQuery}`, {
    headers: { 'api-auth-id': account.authId, 'api-auth-signature': account.signature },
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

export interface SandboxProduct {
  productId: string;
  name?: string | null;
  cost?: number | null;
  price?: number | null;
  [key: string]: unknown;
}

/** Every product the sandbox holds, read the way production pages them (50 per pageNo). */
export async function readAllProducts(account: E2eAccount): Promise<SandboxProduct[]> {
  const all: SandboxProduct[] = [];
  for (let pageNo = 1; ; pageNo++) {
    const res = await sandboxGet(account, `/Products?pageNo=${pageNo}`);
    if (res.status === 404) break;
    const page = res.json as SandboxProduct[];
    all.push(...page);
    if (page.length < 50) break;
  }
  return all;
}

export interface SandboxSalesLine {
  productId: string;
  quantity: number;
  externalReferenceId?: string | null;
  orderDate: string;
}

export async function readSalesLines(account: E2eAccount, productId: string): Promise<SandboxSalesLine[]> {
  const res = await sandboxGet(account, `/SalesOrders?productId=${encodeURIComponent(productId)}`);
  if (res.status === 404) return [];
  return res.json as SandboxSalesLine[];
}

export async function deleteAllSales(account: E2eAccount): Promise<void> {
  await fetch(`${E2E_SANDBOX_URL}/SalesOrders/All`, {
    method: 'DELETE',
    headers: { 'api-auth-id': account.authId, 'api-auth-signature': account.signature },
  });
}

/** Puts products straight into the sandbox, as if they were in StockTrim before this test. */
export async function seedProducts(account: E2eAccount, productIds: readonly string[]): Promise<void> {
  for (const productId of productIds) {
    const res = await fetch(`${E2E_SANDBOX_URL}/Products`, {
      method: 'POST',
      headers: { 'api-auth-id': account.authId, 'api-auth-signature': account.signature, 'content-type': 'application/json' },
      body: JSON.stringify({ productId }),
    });
    if (res.status !== 200 && res.status !== 201) throw new Error(`Seeding ${productId} failed: ${res.status} ${await res.text()}`);
  }
}
