/**
 * An account's sales-order lines. Plain adds always create (so sending a line twice doubles the
 * history, as in production); upserts match on externalReferenceId across the whole account.
 */
import type { SalesOrderRequest } from '../../lib/stocktrim/contract';
import { normalizeDateTime } from '../dates';
import { defineSlice } from './account-state';

export interface StoredSaleLine {
  readonly id: number;
  readonly productId: string;
  readonly externalReferenceId: string | null;
  readonly orderDate: string;
  readonly quantity: number;
  readonly unitPrice: number | null;
  readonly locationCode: string | null;
  readonly locationName: string | null;
  readonly customerCode: string | null;
  readonly customerName: string | null;
}

export class SalesStore {
  /** id → line; a Map keeps creation order and replaces a line in place on update. */
  private lines = new Map<number, StoredSaleLine>();
  /** externalReferenceId → the oldest line carrying it. */
  private byReference = new Map<string, StoredSaleLine>();
  private nextId = 1;

  private build(id: number, line: SalesOrderRequest): StoredSaleLine {
    return {
      id,
      productId: line.productId,
      externalReferenceId: line.externalReferenceId ?? null,
      orderDate: normalizeDateTime(line.orderDate),
      quantity: line.quantity,
      unitPrice: line.unitPrice ?? null,
      locationCode: line.locationCode ?? null,
      locationName: line.locationName ?? null,
      customerCode: line.customerCode ?? null,
      customerName: line.customerName ?? null,
    };
  }

  add(line: SalesOrderRequest): StoredSaleLine {
    const stored = this.build(this.nextId++, line);
    this.lines.set(stored.id, stored);
    const ref = stored.externalReferenceId;
    if (ref !== null && !this.byReference.has(ref)) this.byReference.set(ref, stored);
    return stored;
  }

  /** Replaces the line with the same externalReferenceId, or adds one; lines without a reference always add. */
  upsert(line: SalesOrderRequest): { line: StoredSaleLine; created: boolean } {
    const ref = line.externalReferenceId ?? null;
    const existing = ref === null ? undefined : this.byReference.get(ref);
    if (!existing) return { line: this.add(line), created: true };
    const updated = this.build(existing.id, line);
    this.lines.set(updated.id, updated);
    this.byReference.set(ref as string, updated);
    return { line: updated, created: false };
  }

  forProduct(productId: string): StoredSaleLine[] {
    return this.all().filter((l) => l.productId === productId);
  }

  all(): StoredSaleLine[] {
    return [...this.lines.values()];
  }

  get size(): number {
    return this.lines.size;
  }

  /** Removes the lines the predicate picks; answers how many went. */
  removeWhere(predicate: (line: StoredSaleLine) => boolean): number {
    const before = this.lines.size;
    for (const [id, line] of this.lines) if (predicate(line)) this.lines.delete(id);
    this.byReference = new Map();
    for (const line of this.lines.values()) {
      const ref = line.externalReferenceId;
      if (ref !== null && !this.byReference.has(ref)) this.byReference.set(ref, line);
    }
    return before - this.lines.size;
  }
}

export const salesSlice = defineSlice('sales', () => new SalesStore());
