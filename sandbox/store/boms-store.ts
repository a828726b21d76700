/**
 * An account's bill of materials: which components (and how many of each) go into one unit of
 * an assembled product. One line per productId + componentId pair; posting the pair again
 * updates its quantity. Lines that would make a product part of itself are refused, so the
 * structure is always a tree or a DAG.
 */
import type { BillOfMaterialsRequest } from '../../lib/stocktrim/contract';
import { defineSlice } from './account-state';

export interface StoredBomLine {
  readonly id: number;
  readonly productId: string;
  readonly componentId: string;
  readonly quantity: number | null;
}

const pairKey = (productId: string, componentId: string) => JSON.stringify([productId, componentId]);

export class BomsStore {
  /** pair → line; a Map keeps creation order and replaces a line in place on update. */
  private readonly lines = new Map<string, StoredBomLine>();
  private nextId = 1;

  /** A null quantity keeps the stored one, the way product updates merge. */
  upsert(request: BillOfMaterialsRequest): { line: StoredBomLine; created: boolean } {
    const key = pairKey(request.productId, request.componentId);
    const existing = this.lines.get(key);
    const line: StoredBomLine = {
      id: existing?.id ?? this.nextId++,
      productId: request.productId,
      componentId: request.componentId,
      quantity: request.quantity ?? existing?.quantity ?? null,
    };
    this.lines.set(key, line);
    return { line, created: !existing };
  }

  /**
   * The chain of products that makes adding `componentId` to `productId` circular, e.g.
   * ['B', 'C', 'A'] when B already contains C which contains A; null when the line is safe.
   */
  cycleThrough(productId: string, componentId: string): string[] | null {
    const children = new Map<string, string[]>();
    for (const line of this.lines.values()) children.set(line.productId, [...(children.get(line.productId) ?? []), line.componentId]);
    const seen = new Set<string>();
    const walk = (current: string, path: string[]): string[] | null => {
      if (current === productId) return path;
      if (seen.has(current)) return null;
      seen.add(current);
      for (const child of children.get(current) ?? []) {
        const found = walk(child, [...path, child]);
        if (found) return found;
      }
      return null;
    };
    return walk(componentId, [componentId]);
  }

  /** Lines matching both filters; an absent filter matches everything. */
  find(productId: string | undefined, componentId: string | undefined): StoredBomLine[] {
    return this.all().filter(
      (l) => (productId === undefined || l.productId === productId) && (componentId === undefined || l.componentId === componentId),
    );
  }

  /** Removes the lines `find` would answer; answers how many went. */
  remove(productId: string, componentId: string | undefined): number {
    const doomed = this.find(productId, componentId);
    for (const line of doomed) this.lines.delete(pairKey(line.productId, line.componentId));
    return doomed.length;
  }

  all(): StoredBomLine[] {
    return [...this.lines.values()];
  }
}

export const bomsSlice = defineSlice('boms', () => new BomsStore());
