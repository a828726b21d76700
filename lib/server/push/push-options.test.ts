import { describe, expect, it } from 'vitest';
import { getDataset } from '@/lib/datasets/registry';
import { pushOptionsSchema } from './push-options';

describe('push options, from the registry', () => {
  it('inventory: the two switches, each a boolean, defaults filled in', () => {
    const schema = pushOptionsSchema(getDataset('inventory'));
    expect(schema.parse({})).toEqual({ updateOverallAllOnHandToBeSumOfLocation: false, updateOverallAllOnOrderToBeSumOfLocation: false });
    expect(schema.parse({ updateOverallAllOnHandToBeSumOfLocation: true })).toMatchObject({ updateOverallAllOnHandToBeSumOfLocation: true });
    expect(schema.safeParse({ updateOverallAllOnHandToBeSumOfLocation: 'yes' }).success).toBe(false);
    expect(schema.safeParse({ somethingElse: true }).success).toBe(false);
  });

  it('a dataset that declares none takes none', () => {
    const schema = pushOptionsSchema(getDataset('suppliers'));
    expect(schema.parse({})).toEqual({});
    expect(schema.safeParse({ updateOverallAllOnHandToBeSumOfLocation: true }).success).toBe(false);
  });
});
