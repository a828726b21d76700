import { z } from 'zod';
import type { DatasetDef } from '@/lib/datasets/field-def';

const cache = new WeakMap<DatasetDef, z.ZodType<Record<string, boolean>>>();

/**
 * The push request's `options`, from the dataset's registry declaration: only the switches it
 * declares, each a boolean, a missing one taking its default. A dataset without options takes
 * an empty object only.
 */
export function pushOptionsSchema(dataset: DatasetDef): z.ZodType<Record<string, boolean>> {
  let schema = cache.get(dataset);
  if (!schema) {
    const shape = Object.fromEntries((dataset.pushOptions ?? []).map((o) => [o.key, z.boolean().default(o.default)]));
    schema = z.strictObject(shape) as unknown as z.ZodType<Record<string, boolean>>;
    cache.set(dataset, schema);
  }
  return schema;
}
