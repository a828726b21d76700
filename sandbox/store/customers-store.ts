/**
 * An account's customers, upserted on code and listed in the order they were first created.
 * There is no paging: production answers every customer at once.
 */
import { customerFieldNames, type CustomerRequest, type CustomerResponse } from '../../lib/stocktrim/contract';
import { defineSlice } from './account-state';

/** A stored customer always has its code: it is the key. */
export interface StoredCustomer extends CustomerRequest {
  readonly code: string;
}

export class CustomersStore {
  private readonly byCode = new Map<string, StoredCustomer>();

  /** Properties left out or sent as null keep their stored value, as product updates do. */
  upsert(code: string, request: CustomerRequest): { customer: StoredCustomer; created: boolean } {
    const existing = this.byCode.get(code);
    const changes = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined && v !== null));
    const customer: StoredCustomer = { ...existing, ...changes, code };
    this.byCode.set(code, customer);
    return { customer, created: !existing };
  }

  /** Exact, case-sensitive match on code. */
  find(code: string): StoredCustomer | undefined {
    return this.byCode.get(code);
  }

  all(): StoredCustomer[] {
    return [...this.byCode.values()];
  }
}

export const customersSlice = defineSlice('customers', () => new CustomersStore());

/** The full CustomerDto: every contract property, null when never set. */
export function toCustomerResponse(customer: StoredCustomer): CustomerResponse {
  const out: Record<string, unknown> = {};
  const source = customer as unknown as Record<string, unknown>;
  for (const name of customerFieldNames) out[name] = source[name] ?? null;
  return out as CustomerResponse;
}
