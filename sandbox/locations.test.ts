import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { locationResponseSchema } from '../lib/stocktrim/contract';
import { startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

let sandbox: RunningSandbox;
let api: Api;

const strictLocation = z.strictObject(locationResponseSchema.shape);
type Location = z.infer<typeof strictLocation>;
type Problem = { errors: Record<string, string[]> };

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox());
});
afterAll(() => sandbox.close());

async function post(path: '/Locations' | '/V2/Locations', body: Record<string, unknown>): Promise<Location> {
  const res = await api('POST', path, { body });
  expect(res.status, res.text).toBe(201);
  return strictLocation.parse(res.body);
}

describe('POST /V2/Locations', () => {
  it('creates with 201 and answers every property', async () => {
    const akl = await post('/V2/Locations', { locationCode: 'AKL', locationName: 'Auckland' });
    expect(akl).toEqual({ id: akl.id, locationCode: 'AKL', locationName: 'Auckland', externalId: null });
  });

  it('upserts on locationCode only: same code updates, a shared name makes a second location', async () => {
    const first = await post('/V2/Locations', { locationCode: 'AKL', locationName: 'Auckland' });
    const renamed = await post('/V2/Locations', { locationCode: 'AKL', locationName: 'Auckland CBD', externalId: 'ext-1' });
    expect(renamed).toMatchObject({ id: first.id, locationName: 'Auckland CBD', externalId: 'ext-1' });
    const kept = await post('/V2/Locations', { locationCode: 'AKL', locationName: null });
    expect(kept).toMatchObject({ id: first.id, locationName: 'Auckland CBD', externalId: 'ext-1' });
    const twin = await post('/V2/Locations', { locationCode: 'AKL-2', locationName: 'Auckland CBD' });
    expect(twin.id).not.toBe(first.id);
  });

  it('validates LocationRequestDto', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ locationName: 'Nowhere' }, 'LocationCode', /The LocationCode field is required\./],
      [{ locationCode: '' }, 'LocationCode', /The LocationCode field is required\./],
      [{ locationCode: 'X', region: 'North' }, 'Region', /'region' could not be mapped .* 'LocationRequestDto'/],
    ];
    for (const [body, field, message] of cases) {
      for (const path of ['/V2/Locations', '/Locations']) {
        const res = await api('POST', path, { body });
        expect(res.status).toBe(400);
        expect((res.body as Problem).errors[field]?.[0]).toMatch(message);
      }
    }
  });
});

describe('POST /Locations (v1)', () => {
  it('treats the code OR the name as the identity', async () => {
    const wlg = await post('/Locations', { locationCode: 'WLG', locationName: 'Wellington' });
    // Same name, new code: v1 takes over the existing location rather than adding one.
    const sameName = await post('/Locations', { locationCode: 'WLG-CBD', locationName: 'Wellington' });
    expect(sameName).toMatchObject({ id: wlg.id, locationCode: 'WLG-CBD', locationName: 'Wellington' });
    // Same code, new name: an ordinary update.
    const sameCode = await post('/Locations', { locationCode: 'WLG-CBD', locationName: 'Wellington Central' });
    expect(sameCode).toMatchObject({ id: wlg.id, locationName: 'Wellington Central' });
    // V2 with the same pair would have made two locations.
    const v2 = await post('/V2/Locations', { locationCode: 'WLG-2', locationName: 'Wellington Central' });
    expect(v2.id).not.toBe(wlg.id);
  });

  it('refuses a name that already belongs to the location of another code', async () => {
    await post('/Locations', { locationCode: 'CHC', locationName: 'Christchurch' });
    await post('/Locations', { locationCode: 'DUD', locationName: 'Dunedin' });
    const res = await api('POST', '/Locations', { body: { locationCode: 'CHC', locationName: 'Dunedin' } });
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors.LocationName?.[0]).toMatch(/already used by location 'DUD'/);
  });

  it('gives the id that sales lines at that location carry', async () => {
    const npl = await post('/V2/Locations', { locationCode: 'NPL', locationName: 'New Plymouth' });
    await api('POST', '/Products', { body: { productId: 'LOC-SKU' } });
    const sale = await api('POST', '/SalesOrders', { body: { productId: 'LOC-SKU', orderDate: '2025-01-01', quantity: 1, locationCode: 'NPL' } });
    expect((sale.body as { locationId: number }).locationId).toBe(npl.id);
  });
});

describe('GET /Locations', () => {
  it('answers 404 with an empty body, as production does', async () => {
    for (const path of ['/Locations', '/Locations?code=AKL', '/locations']) {
      const res = await api('GET', path);
      expect(res.status).toBe(404);
      expect(res.text).toBe('');
    }
    expect((await api('GET', '/V2/Locations')).status).toBe(405);
  });
});
