/**
 * An account's purchase orders. POST upserts on clientReferenceNumber (an order without one is
 * always new); reads and deletes go by referenceNumber, as the document's parameters say.
 * Status is kept by name and written as production's number.
 */
import {
  purchaseOrderStatusCodes,
  purchaseOrderStatusName,
  type PurchaseOrderRequest,
  type PurchaseOrderResponse,
  type PurchaseOrderStatusName,
} from '../../lib/stocktrim/contract';
import { normalizeDateTime } from '../dates';
import { defineSlice } from './account-state';

export interface StoredPurchaseOrderLine {
  readonly productId: string;
  readonly quantity: number;
  readonly receivedDate: string | null;
  readonly unitPrice: number | null;
}

export interface StoredPurchaseOrder {
  readonly id: number;
  readonly orderDate: string;
  readonly createdDate: string | null;
  readonly fullyReceivedDate: string | null;
  readonly supplierCode: string | null;
  readonly supplierName: string | null;
  readonly externalId: string | null;
  readonly referenceNumber: string | null;
  readonly clientReferenceNumber: string | null;
  readonly locationCode: string | null;
  readonly locationName: string | null;
  readonly status: PurchaseOrderStatusName;
  readonly lines: readonly StoredPurchaseOrderLine[];
}

/** What a generated order is made of; without a referenceNumber it gets one (`PO-00042`). */
export type NewPurchaseOrder = Omit<StoredPurchaseOrder, 'id' | 'referenceNumber'> & { readonly referenceNumber?: string | null };

const dateOrNull = (value: string | null | undefined) => (value ? normalizeDateTime(value) : null);

export class PurchaseOrdersStore {
  /** id → order; a Map keeps creation order and replaces an order in place on update. */
  private readonly orders = new Map<number, StoredPurchaseOrder>();
  private nextId = 1;

  /**
   * Creates, or updates the order with the same clientReferenceNumber. The line items are
   * replaced (the request is the whole order); other properties left out or null keep their
   * stored value, as product updates do.
   */
  upsert(request: PurchaseOrderRequest): { order: StoredPurchaseOrder; created: boolean } {
    const reference = request.clientReferenceNumber ?? null;
    const existing = reference === null ? undefined : this.all().find((o) => o.clientReferenceNumber === reference);
    const status = request.status === undefined ? undefined : purchaseOrderStatusName(request.status);
    const order: StoredPurchaseOrder = {
      id: existing?.id ?? this.nextId++,
      orderDate: normalizeDateTime(request.orderDate),
      createdDate: dateOrNull(request.createdDate) ?? existing?.createdDate ?? null,
      fullyReceivedDate: dateOrNull(request.fullyReceivedDate) ?? existing?.fullyReceivedDate ?? null,
      supplierCode: request.supplier.supplierCode ?? existing?.supplierCode ?? null,
      supplierName: request.supplier.supplierName ?? existing?.supplierName ?? null,
      externalId: request.externalId ?? existing?.externalId ?? null,
      referenceNumber: request.referenceNumber ?? existing?.referenceNumber ?? null,
      clientReferenceNumber: reference,
      locationCode: request.location?.locationCode ?? existing?.locationCode ?? null,
      locationName: request.location?.locationName ?? existing?.locationName ?? null,
      status: status ?? existing?.status ?? 'Draft',
      lines: request.purchaseOrderLineItems.map((line) => ({
        productId: line.productId,
        quantity: line.quantity,
        receivedDate: dateOrNull(line.receivedDate),
        unitPrice: line.unitPrice ?? null,
      })),
    };
    this.orders.set(order.id, order);
    return { order, created: !existing };
  }

  add(order: NewPurchaseOrder): StoredPurchaseOrder {
    const id = this.nextId++;
    const stored: StoredPurchaseOrder = { ...order, id, referenceNumber: order.referenceNumber ?? `PO-${String(id).padStart(5, '0')}` };
    this.orders.set(stored.id, stored);
    return stored;
  }

  /** The oldest order with this referenceNumber (exact, case-sensitive). */
  findByReference(referenceNumber: string): StoredPurchaseOrder | undefined {
    return this.all().find((o) => o.referenceNumber === referenceNumber);
  }

  /** Removes every order with this referenceNumber; answers how many went. */
  removeByReference(referenceNumber: string): number {
    let removed = 0;
    for (const [id, order] of this.orders) {
      if (order.referenceNumber === referenceNumber) {
        this.orders.delete(id);
        removed += 1;
      }
    }
    return removed;
  }

  /** `page` counts from 0, as the V2 endpoint's default of 0 implies. */
  page(page: number, pageSize: number, status?: PurchaseOrderStatusName): StoredPurchaseOrder[] {
    const matching = status === undefined ? this.all() : this.all().filter((o) => o.status === status);
    return matching.slice(page * pageSize, (page + 1) * pageSize);
  }

  all(): StoredPurchaseOrder[] {
    return [...this.orders.values()];
  }
}

export const purchaseOrdersSlice = defineSlice('purchaseOrders', () => new PurchaseOrdersStore());

/**
 * The PurchaseOrderResponseDto as production writes it: status as its number, dates that were
 * never set as null, and the line items always an array.
 */
export function toPurchaseOrderResponse(order: StoredPurchaseOrder): PurchaseOrderResponse {
  const hasLocation = order.locationCode !== null || order.locationName !== null;
  return {
    id: order.id,
    message: null,
    orderDate: order.orderDate,
    createdDate: order.createdDate,
    fullyReceivedDate: order.fullyReceivedDate,
    supplier: { supplierCode: order.supplierCode, supplierName: order.supplierName },
    externalId: order.externalId,
    referenceNumber: order.referenceNumber,
    clientReferenceNumber: order.clientReferenceNumber,
    location: hasLocation ? { locationCode: order.locationCode, locationName: order.locationName } : null,
    status: purchaseOrderStatusCodes[order.status],
    purchaseOrderLineItems: order.lines.map((line) => ({ ...line })),
  };
}
