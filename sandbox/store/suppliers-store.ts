/**
 * An account's suppliers, upserted on supplierCode and listed in the order they were first
 * created. Their defaultLeadTime feeds the forecast for products that set no lead time.
 */
import { supplierFieldNames, type SupplierRequest, type SupplierResponse } from '../../lib/stocktrim/contract';
import { defineSlice } from './account-state';

export interface StoredSupplier extends SupplierRequest {
  readonly id: number;
}

export class SuppliersStore {
  private readonly byCode = new Map<string, StoredSupplier>();
  private nextId = 1;

  /** Properties left out or sent as null keep their stored value, as product updates do. */
  upsert(request: SupplierRequest): { supplier: StoredSupplier; created: boolean } {
    const existing = this.byCode.get(request.supplierCode);
    const changes = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined && v !== null));
    const supplier: StoredSupplier = existing
      ? { ...existing, ...changes, supplierCode: existing.supplierCode, id: existing.id }
      : { ...(changes as SupplierRequest), id: this.nextId++ };
    this.byCode.set(supplier.supplierCode, supplier);
    return { supplier, created: !existing };
  }

  /** Exact, case-sensitive match on supplierCode. */
  find(supplierCode: string): StoredSupplier | undefined {
    return this.byCode.get(supplierCode);
  }

  /** Removes every supplier whose code or name is exactly `value`; answers how many went. */
  removeByCodeOrName(value: string): number {
    const doomed = this.all().filter((s) => s.supplierCode === value || s.supplierName === value);
    for (const supplier of doomed) this.byCode.delete(supplier.supplierCode);
    return doomed.length;
  }

  all(): StoredSupplier[] {
    return [...this.byCode.values()];
  }
}

export const suppliersSlice = defineSlice('suppliers', () => new SuppliersStore());

/** The full response document: every contract property, null when never set. */
export function toSupplierResponse(supplier: StoredSupplier): SupplierResponse {
  const out: Record<string, unknown> = { id: supplier.id };
  const source = supplier as unknown as Record<string, unknown>;
  for (const name of supplierFieldNames) out[name] = source[name] ?? null;
  return out as SupplierResponse;
}
