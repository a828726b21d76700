import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsResponseSchema, type ProductsResponse } from '../lib/stocktrim/contract';
import { startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

let sandbox: RunningSandbox;
let api: Api;
type Problem = { errors: Record<string, string[]> };

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox());
});
afterAll(() => sandbox.close());

async function product(productId: string): Promise<ProductsResponse> {
  const res = await api('GET', `/Products?code=${productId}`);
  expect(res.status).toBe(200);
  return productsResponseSchema.parse((res.body as unknown[])[0]);
}

async function setInventory(body: unknown): Promise<void> {
  const res = await api('POST', '/Inventory', { body });
  expect(res.status, res.text).toBe(200);
  expect(res.text).toBe('');
}

describe('POST /Inventory', () => {
  it('sets per-location stock and, with both flags, makes the totals their sum', async () => {
    await api('POST', '/Products', {
      body: { productId: 'INV-1', stockOnHand: 999, stockLocations: [{ locationCode: 'AKL', locationName: 'Auckland', stockOnHand: 5, stockOnOrder: 1 }] },
    });
    await setInventory({
      updateOverallAllOnHandToBeSumOfLocation: true,
      updateOverallAllOnOrderToBeSumOfLocation: true,
      inventory: [
        { productId: 'INV-1', locationCode: 'AKL', stockOnHand: 20, stockOnOrder: 3 },
        { productId: 'INV-1', locationCode: 'WLG', locationName: 'Wellington', stockOnHand: 10, stockOnOrder: 0 },
      ],
    });
    const p = await product('INV-1');
    expect(p.stockLocations).toEqual([
      { locationCode: 'AKL', locationName: 'Auckland', stockOnHand: 20, stockOnOrder: 3 },
      { locationCode: 'WLG', locationName: 'Wellington', stockOnHand: 10, stockOnOrder: 0 },
    ]);
    expect(p).toMatchObject({ stockOnHand: 30, stockOnOrder: 3 });
  });

  it('with the flags false leaves the totals alone, unless a row without location sets them', async () => {
    await api('POST', '/Products', { body: { productId: 'INV-2', stockOnHand: 100, stockOnOrder: 7 } });
    await setInventory({ inventory: [{ productId: 'INV-2', locationCode: 'AKL', stockOnHand: 4, stockOnOrder: 2 }] });
    expect(await product('INV-2')).toMatchObject({ stockOnHand: 100, stockOnOrder: 7 });

    await setInventory({
      updateOverallAllOnHandToBeSumOfLocation: false,
      inventory: [{ productId: 'INV-2', stockOnHand: 60, stockOnOrder: 5 }],
    });
    const p = await product('INV-2');
    expect(p).toMatchObject({ stockOnHand: 60, stockOnOrder: 5 });
    expect(p.stockLocations).toEqual([{ locationCode: 'AKL', locationName: null, stockOnHand: 4, stockOnOrder: 2 }]);
  });

  it('lets each flag work on its own, and the sum wins over a row without location', async () => {
    await setInventory({
      updateOverallAllOnHandToBeSumOfLocation: true,
      inventory: [
        { productId: 'INV-2', stockOnHand: 500, stockOnOrder: 50 },
        { productId: 'INV-2', locationCode: 'WLG', stockOnHand: 6, stockOnOrder: 1 },
      ],
    });
    // On hand: the locations' sum (4 + 6), not 500. On order: the flag is off, so the row's 50.
    expect(await product('INV-2')).toMatchObject({ stockOnHand: 10, stockOnOrder: 50 });
  });

  it('reads a figure left out as 0, as a .NET double binds', async () => {
    await setInventory({ inventory: [{ productId: 'INV-2', locationCode: 'AKL', stockOnHand: 9 }] });
    expect((await product('INV-2')).stockLocations?.find((l) => l.locationCode === 'AKL')).toMatchObject({ stockOnHand: 9, stockOnOrder: 0 });
  });

  it('finds a location sent by name only: the product’s own first, then the Locations dataset', async () => {
    await setInventory({ inventory: [{ productId: 'INV-1', locationName: 'Wellington', stockOnHand: 11, stockOnOrder: 0 }] });
    expect((await product('INV-1')).stockLocations?.find((l) => l.locationCode === 'WLG')?.stockOnHand).toBe(11);

    await api('POST', '/V2/Locations', { body: { locationCode: 'CHC', locationName: 'Christchurch' } });
    await setInventory({ inventory: [{ productId: 'INV-1', locationName: 'Christchurch', stockOnHand: 2, stockOnOrder: 0 }] });
    expect((await product('INV-1')).stockLocations?.find((l) => l.locationCode === 'CHC')).toMatchObject({ locationName: 'Christchurch', stockOnHand: 2 });

    const res = await api('POST', '/Inventory', { body: { inventory: [{ productId: 'INV-1', locationName: 'Atlantis', stockOnHand: 1 }] } });
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors['Inventory[0].LocationCode']?.[0]).toMatch(/No location is named 'Atlantis'/);
  });

  it('refuses unknown products, naming the row, and changes nothing', async () => {
    const before = await product('INV-1');
    const res = await api('POST', '/Inventory', {
      body: {
        updateOverallAllOnHandToBeSumOfLocation: true,
        inventory: [
          { productId: 'INV-1', locationCode: 'AKL', stockOnHand: 0 },
          { productId: 'GHOST', locationCode: 'AKL', stockOnHand: 1 },
          { productId: null, stockOnHand: 1 },
        ],
      },
    });
    expect(res.status).toBe(400);
    const errors = (res.body as Problem).errors;
    expect(errors['Inventory[1].ProductId']?.[0]).toMatch(/No product with productId 'GHOST'/);
    expect(errors['Inventory[2].ProductId']).toEqual(['The ProductId field is required.']);
    expect(await product('INV-1')).toEqual(before);
  });

  it('validates SetInventoryRequest', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ inventory: [] }, 'Inventory', /at least one/],
      [{}, 'Inventory', /at least one/],
      [{ inventory: [{ productId: 'INV-1', stockOnHand: '3' }] }, 'Inventory[0].StockOnHand', /System\.Double/],
      [{ inventory: [{ productId: 'INV-1', stockOnHand: null }] }, 'Inventory[0].StockOnHand', /System\.Double/],
      [{ inventory: [{ productId: 'INV-1', locationCode: '' }] }, 'Inventory[0].LocationCode', /cannot be empty/],
      [{ updateOverallAllOnHandToBeSumOfLocation: 'yes', inventory: [] }, 'UpdateOverallAllOnHandToBeSumOfLocation', /System\.Boolean/],
      [{ inventory: [{ productId: 'INV-1', bin: 'A1' }] }, 'Inventory[0].Bin', /'bin' could not be mapped .* 'Inventory'/],
      [{ inventory: {} }, 'Inventory', /List<Inventory>/],
    ];
    for (const [body, field, message] of cases) {
      const res = await api('POST', '/Inventory', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as Problem).errors[field]?.[0], JSON.stringify(body)).toMatch(message);
    }
  });
});
