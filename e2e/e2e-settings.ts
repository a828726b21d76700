/** Ports and sandbox accounts of the end-to-end run; specs and the Playwright config share them. */
export const E2E_SANDBOX_PORT = 4011;
export const E2E_DASHBOARD_PORT = 3100;
export const E2E_SANDBOX_URL = `http://127.0.0.1:${E2E_SANDBOX_PORT}/api`;
/** The session key of the test dashboard only; tests use it to forge expired cookies. */
export const E2E_SESSION_SECRET = 'e2e-only-session-secret-0123456789abcdef';

export interface E2eAccount {
  readonly authId: string;
  readonly signature: string;
}

export const e2eAccounts = {
  products: { authId: 'e2e-products', signature: 'e2e-products-signature' },
  sales: { authId: 'e2e-sales', signature: 'e2e-sales-signature' },
  forecast: { authId: 'e2e-forecast', signature: 'e2e-forecast-signature' },
  security: { authId: 'e2e-security', signature: 'e2e-security-signature-9f3a' },
  productForm: { authId: 'e2e-product-form', signature: 'e2e-product-form-signature' },
  orderPlan: { authId: 'e2e-order-plan', signature: 'e2e-order-plan-signature' },
  adventureWorks: { authId: 'e2e-adventureworks', signature: 'e2e-adventureworks-signature' },
  shopify: { authId: 'e2e-shopify', signature: 'e2e-shopify-signature' },
  cases: { authId: 'e2e-cases', signature: 'e2e-cases-signature' },
  stock: { authId: 'e2e-stock', signature: 'e2e-stock-signature' },
  importChecks: { authId: 'e2e-import-checks', signature: 'e2e-import-checks-signature' },
  bulkEdits: { authId: 'e2e-bulk-edits', signature: 'e2e-bulk-edits-signature' },
} as const satisfies Record<string, E2eAccount>;

export const E2E_SANDBOX_ACCOUNTS: readonly E2eAccount[] = [
  { authId: 'sandbox', signature: 'sandbox-signature' },
  ...Object.values(e2eAccounts),
];
