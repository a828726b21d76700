/**
 * Which rows hold each unique key (a product code in a products file), in file order, so the
 * import table can tell the kept row of a duplicate from the others and recheck exactly the
 * rows an edit can affect. Most keys have one row, stored as a bare number to keep a
 * half-million-row file's index small.
 */
type Entry = number | number[];

export class RowKeyIndex {
  private readonly byKey = new Map<string, Entry>();

  clear(): void {
    this.byKey.clear();
  }

  first(key: string): number | undefined {
    const e = this.byKey.get(key);
    return e === undefined ? undefined : typeof e === 'number' ? e : e[0];
  }

  last(key: string): number | undefined {
    const e = this.byKey.get(key);
    return e === undefined ? undefined : typeof e === 'number' ? e : e[e.length - 1];
  }

  rows(key: string | null): number[] {
    if (key === null) return [];
    const e = this.byKey.get(key);
    return e === undefined ? [] : typeof e === 'number' ? [e] : [...e];
  }

  add(key: string, r: number): void {
    const e = this.byKey.get(key);
    if (e === undefined) this.byKey.set(key, r);
    else if (typeof e === 'number') {
      if (e !== r) this.byKey.set(key, e < r ? [e, r] : [r, e]);
    } else if (!e.includes(r)) {
      let i = e.length;
      while (i > 0 && e[i - 1]! > r) i--;
      e.splice(i, 0, r);
    }
  }

  remove(key: string, r: number): void {
    const e = this.byKey.get(key);
    if (e === undefined) return;
    if (typeof e === 'number') {
      if (e === r) this.byKey.delete(key);
      return;
    }
    const i = e.indexOf(r);
    if (i >= 0) e.splice(i, 1);
    if (e.length === 1) this.byKey.set(key, e[0]!);
  }

  /** Rows beyond the first of each key. */
  repeatedRows(): number {
    let n = 0;
    for (const e of this.byKey.values()) if (typeof e !== 'number') n += e.length - 1;
    return n;
  }
}
