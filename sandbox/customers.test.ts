import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { customerResponseSchema } from '../lib/stocktrim/contract';
import { startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

let sandbox: RunningSandbox;
let api: Api;

const strictCustomer = z.strictObject(customerResponseSchema.shape);
type Problem = { errors: Record<string, string[]> };

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox());
});
afterAll(() => sandbox.close());

describe('PUT /Customers', () => {
  it('creates or updates on code, answering 200 with an array holding the customer', async () => {
    const created = await api('PUT', '/Customers', { body: { code: 'CAFE-1', name: 'Corner Cafe', city: 'Auckland' } });
    expect(created.status).toBe(200);
    const [first] = z.array(strictCustomer).parse(created.body);
    expect(first).toEqual({
      code: 'CAFE-1', name: 'Corner Cafe', city: 'Auckland', streetAddress: null, addressLine1: null, addressLine2: null,
      state: null, country: null, postCode: null, emailAddress: null, phone: null,
    });

    const updated = await api('PUT', '/Customers', { body: { code: 'CAFE-1', phone: '09 555 0100', name: null } });
    expect(updated.status).toBe(200);
    expect(z.array(strictCustomer).parse(updated.body)[0]).toMatchObject({ name: 'Corner Cafe', city: 'Auckland', phone: '09 555 0100' });
  });

  it('needs a code and exactly one CustomerDto', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ name: 'No code' }, 'Code', /The Code field is required\./],
      [{ code: '' }, 'Code', /The Code field is required\./],
      [[{ code: 'A' }], '$', /CustomerDto/],
      [{ code: 'A', fax: '1' }, 'Fax', /'fax' could not be mapped .* 'CustomerDto'/],
      [{ code: 'A', phone: 64 }, 'Phone', /System\.String/],
    ];
    for (const [body, field, message] of cases) {
      const res = await api('PUT', '/Customers', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as Problem).errors[field]?.[0], JSON.stringify(body)).toMatch(message);
    }
  });
});

describe('GET /Customers', () => {
  it('answers every customer in one response, in the order they were created', async () => {
    for (let i = 1; i <= 120; i++) await api('PUT', '/Customers', { body: { code: `C-${String(i).padStart(3, '0')}` } });
    const res = await api('GET', '/Customers');
    expect(res.status).toBe(200);
    const all = z.array(strictCustomer).parse(res.body);
    expect(all).toHaveLength(121);
    expect(all[0]?.code).toBe('CAFE-1');
    expect(all.at(-1)?.code).toBe('C-120');
  });

  it('answers one customer by exact code, 404 with an empty body otherwise', async () => {
    const res = await api('GET', '/Customers/CAFE-1');
    expect(res.status).toBe(200);
    expect(strictCustomer.parse(res.body)).toMatchObject({ code: 'CAFE-1', phone: '09 555 0100' });
    for (const code of ['cafe-1', 'NOBODY']) {
      const miss = await api('GET', `/Customers/${code}`);
      expect(miss.status).toBe(404);
      expect(miss.text).toBe('');
    }
  });
});

describe('InventoryManagementSystemSettings', () => {
  it('answers null until a system is set, then its name', async () => {
    expect((await api('GET', '/InventoryManagementSystemSettings')).body).toEqual({ name: null });
    const set = await api('POST', '/InventoryManagementSystemSettings', { body: { api: 'Cin7' } });
    expect(set.status).toBe(201);
    expect(set.text).toBe('');
    expect((await api('GET', '/InventoryManagementSystemSettings')).body).toEqual({ name: 'Cin7' });
  });

  it('refuses a missing or unknown system', async () => {
    for (const [body, message] of [[{}, /The Api field is required\./], [{ api: 'Excel' }, /ApiEnum/]] as const) {
      const res = await api('POST', '/InventoryManagementSystemSettings', { body });
      expect(res.status).toBe(400);
      expect((res.body as Problem).errors.Api?.[0]).toMatch(message);
    }
  });

  it('does not serve /Configuration/{name}: the document names no configuration', async () => {
    expect((await api('GET', '/Configuration/Anything')).status).toBe(404);
  });
});
