import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { supplierResponseSchema } from '../lib/stocktrim/contract';
import { startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

let sandbox: RunningSandbox;
let api: Api;

const strictSupplier = z.strictObject(supplierResponseSchema.shape);
type Supplier = z.infer<typeof strictSupplier>;
type Problem = { errors: Record<string, string[]> };

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox());
});
afterAll(() => sandbox.close());

describe('POST /Suppliers', () => {
  it('takes an array and answers an array, 201, with every property', async () => {
    const res = await api('POST', '/Suppliers', {
      body: [
        { supplierCode: 'LEAF', supplierName: 'Leaf Ltd', defaultLeadTime: 21, country: 'NZ' },
        { supplierCode: 'BREW', supplierName: 'Brew Co' },
      ],
    });
    expect(res.status).toBe(201);
    const suppliers = z.array(strictSupplier).parse(res.body);
    expect(suppliers).toHaveLength(2);
    expect(suppliers[0]).toMatchObject({ supplierCode: 'LEAF', supplierName: 'Leaf Ltd', defaultLeadTime: 21, country: 'NZ', emailAddress: null });
    expect(suppliers[1]?.id).not.toBe(suppliers[0]?.id);
  });

  it('an array of one still answers an array', async () => {
    const res = await api('POST', '/Suppliers', { body: [{ supplierCode: 'SOLO' }] });
    expect(res.status).toBe(201);
    expect(Array.isArray(res.body)).toBe(true);
  });

  it('upserts on supplierCode, keeping the id and merging what was left out', async () => {
    const before = strictSupplier.parse((await api('GET', '/Suppliers?code=LEAF')).body);
    const res = await api('POST', '/Suppliers', { body: [{ supplierCode: 'LEAF', emailAddress: 'orders@leaf.example', supplierName: null }] });
    expect(res.status).toBe(201);
    const [after] = z.array(strictSupplier).parse(res.body);
    expect(after).toMatchObject({ id: before.id, supplierName: 'Leaf Ltd', emailAddress: 'orders@leaf.example', defaultLeadTime: 21 });
  });

  it('applies a code repeated in one request in order: the last entry wins', async () => {
    const res = await api('POST', '/Suppliers', {
      body: [{ supplierCode: 'TWICE', supplierName: 'First' }, { supplierCode: 'TWICE', supplierName: 'Second' }],
    });
    const [first, second] = z.array(strictSupplier).parse(res.body);
    expect(first?.id).toBe(second?.id);
    expect(strictSupplier.parse((await api('GET', '/Suppliers?code=TWICE')).body).supplierName).toBe('Second');
  });

  it('refuses a single object, an empty array and invalid entries', async () => {
    const single = await api('POST', '/Suppliers', { body: { supplierCode: 'ONE' } });
    expect(single.status).toBe(400);
    expect((single.body as Problem).errors.$?.[0]).toMatch(/List<SupplierRequestDto>/);

    const none = await api('POST', '/Suppliers', { body: [] });
    expect(none.status).toBe(400);

    const bad = await api('POST', '/Suppliers', { body: [{ supplierCode: 'OK' }, { supplierName: 'no code', fax: '1' }] });
    expect(bad.status).toBe(400);
    const errors = (bad.body as Problem).errors;
    expect(errors['[1].SupplierCode']).toEqual(['The SupplierCode field is required.']);
    expect(errors['[1].Fax']?.[0]).toMatch(/'fax' could not be mapped .* 'SupplierRequestDto'/);
    // All or nothing: the valid entry was not stored either.
    expect((await api('GET', '/Suppliers?code=OK')).status).toBe(404);

    const lead = await api('POST', '/Suppliers', { body: [{ supplierCode: 'X', defaultLeadTime: 2.5 }] });
    expect((lead.body as Problem).errors['[0].DefaultLeadTime']?.[0]).toMatch(/System\.Int32/);
  });
});

describe('GET /Suppliers and /SuppliersBulk', () => {
  it('answers one object for an exact code, 404 with an empty body otherwise', async () => {
    const res = await api('GET', '/Suppliers?code=BREW');
    expect(res.status).toBe(200);
    expect(strictSupplier.parse(res.body)).toMatchObject({ supplierCode: 'BREW', supplierName: 'Brew Co' });
    for (const code of ['brew', 'BRE', 'NOBODY']) {
      const miss = await api('GET', `/Suppliers?code=${code}`);
      expect(miss.status).toBe(404);
      expect(miss.text).toBe('');
    }
  });

  it('needs a code; SuppliersBulk is the way to read them all', async () => {
    const res = await api('GET', '/Suppliers');
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors.code).toEqual(['The code field is required.']);
    const bulk = await api('GET', '/SuppliersBulk');
    expect(bulk.status).toBe(200);
    const all = z.array(strictSupplier).parse(bulk.body) as Supplier[];
    expect(all.map((s) => s.supplierCode)).toEqual(['LEAF', 'BREW', 'SOLO', 'TWICE']);
  });
});

describe('DELETE /Suppliers', () => {
  it('deletes by code or by name', async () => {
    const byCode = await api('DELETE', '/Suppliers?supplierCodeOrName=SOLO');
    expect(byCode.status).toBe(201);
    expect(byCode.text).toBe('');
    expect((await api('GET', '/Suppliers?code=SOLO')).status).toBe(404);
    expect((await api('DELETE', '/Suppliers?supplierCodeOrName=Brew%20Co')).status).toBe(201);
    expect((await api('GET', '/Suppliers?code=BREW')).status).toBe(404);
  });

  it('answers 404 for nothing to delete and 400 without the parameter', async () => {
    expect((await api('DELETE', '/Suppliers?supplierCodeOrName=NOBODY')).status).toBe(404);
    const res = await api('DELETE', '/Suppliers');
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors.supplierCodeOrName).toEqual(['The supplierCodeOrName field is required.']);
  });
});
