/**
 * Undo and redo for the user's edits of an import. Each entry is one action as the user sees
 * it (typing a cell, filling a column, deleting rows), stored as before/after text per cell and
 * the new skip flag per row, so undo and redo only write those back; no action is replayed.
 *
 * A fill over half a million rows is one entry, so the storage is compact: rows in a typed
 * array, and a text column collapses to one value while every change has the same one (a fill
 * writes one value over cells that had no edit).
 */
import type { EditHistoryState } from './import-types';

/** Total cell and skip changes kept over all entries; the oldest entries go first beyond it. */
export const DEFAULT_HISTORY_CAPACITY = 2_000_000;

/** Per-change text that stays one value until a change differs (undefined = no edit). */
class TextColumn {
  private same: string | undefined;
  private values: (string | undefined)[] | null = null;
  private count = 0;

  push(value: string | undefined): void {
    if (this.values) this.values.push(value);
    else if (this.count === 0 || value === this.same) this.same = value;
    else {
      this.values = new Array<string | undefined>(this.count).fill(this.same);
      this.values.push(value);
    }
    this.count++;
  }

  get(k: number): string | undefined {
    return this.values ? this.values[k] : this.same;
  }
}

function grow(a: Uint32Array<ArrayBuffer>, need: number): Uint32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const next = new Uint32Array(Math.max(need, a.length * 2, 16));
  next.set(a);
  return next;
}

/** Cell text changes of one action: row, field, the text before and after (undefined = no edit). */
export class CellChanges {
  private rowList = new Uint32Array(0);
  private readonly fieldKeys: string[] = [];
  /** Index into fieldKeys per change; null while every change is in the first field. */
  private fieldAt: Uint16Array | null = null;
  private readonly beforeText = new TextColumn();
  private readonly afterText = new TextColumn();
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(row: number, field: string, before: string | undefined, after: string | undefined): void {
    this.rowList = grow(this.rowList, this.count + 1);
    this.rowList[this.count] = row;
    let f = this.fieldKeys.indexOf(field);
    if (f < 0) {
      f = this.fieldKeys.length;
      this.fieldKeys.push(field);
    }
    if (f !== 0 && !this.fieldAt) this.fieldAt = new Uint16Array(this.rowList.length);
    if (this.fieldAt) {
      if (this.fieldAt.length < this.rowList.length) {
        const next = new Uint16Array(this.rowList.length);
        next.set(this.fieldAt);
        this.fieldAt = next;
      }
      this.fieldAt[this.count] = f;
    }
    this.beforeText.push(before);
    this.afterText.push(after);
    this.count++;
  }

  row(k: number): number {
    return this.rowList[k]!;
  }

  field(k: number): string {
    return this.fieldKeys[this.fieldAt ? this.fieldAt[k]! : 0]!;
  }

  before(k: number): string | undefined {
    return this.beforeText.get(k);
  }

  after(k: number): string | undefined {
    return this.afterText.get(k);
  }

  /** Releases the spare capacity once the action is complete. */
  seal(): this {
    if (this.rowList.length !== this.count) this.rowList = this.rowList.slice(0, this.count);
    if (this.fieldAt && this.fieldAt.length !== this.count) this.fieldAt = this.fieldAt.slice(0, this.count);
    return this;
  }
}

/** Rows whose "skipped by you" flag an action flips, with the flag it sets. */
export class SkipChanges {
  private rowList = new Uint32Array(0);
  private flagList = new Uint8Array(0);
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(row: number, skipped: boolean): void {
    if (this.count === this.rowList.length) {
      this.rowList = grow(this.rowList, this.count + 1);
      const flags = new Uint8Array(this.rowList.length);
      flags.set(this.flagList);
      this.flagList = flags;
    }
    this.rowList[this.count] = row;
    this.flagList[this.count] = skipped ? 1 : 0;
    this.count++;
  }

  row(k: number): number {
    return this.rowList[k]!;
  }

  /** The flag after the action; before it, the row had the opposite. */
  skippedAfter(k: number): boolean {
    return this.flagList[k] === 1;
  }

  seal(): this {
    if (this.rowList.length !== this.count) {
      this.rowList = this.rowList.slice(0, this.count);
      this.flagList = this.flagList.slice(0, this.count);
    }
    return this;
  }
}

export interface EditEntry {
  /** The action in words, after "Undo " or "Redo " ("fill of 37 empty Location code cells"). */
  readonly description: string;
  readonly cells: CellChanges;
  readonly skips: SkipChanges;
  /**
   * Push-outcome marks the action cleared (row index → StockTrim's message), and which set of
   * marks they belonged to: undo puts them back only while that set is still the current one.
   */
  readonly clearedMarks: ReadonlyMap<number, string>;
  readonly marksGeneration: number;
}

function sizeOf(e: EditEntry): number {
  return e.cells.length + e.skips.length + e.clearedMarks.size;
}

export const NO_EDIT_HISTORY: EditHistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };

export class EditHistory {
  private readonly undoStack: EditEntry[] = [];
  private readonly redoStack: EditEntry[] = [];
  private stored = 0;

  constructor(private readonly capacity: number = DEFAULT_HISTORY_CAPACITY) {}

  /**
   * Adds a new action: the redo stack no longer follows from the current state, so it goes.
   * Beyond the capacity the oldest actions are forgotten, but never the one just made.
   */
  record(entry: EditEntry): void {
    for (const e of this.redoStack) this.stored -= sizeOf(e);
    this.redoStack.length = 0;
    this.undoStack.push(entry);
    this.stored += sizeOf(entry);
    let drop = 0;
    while (this.stored > this.capacity && drop < this.undoStack.length - 1) this.stored -= sizeOf(this.undoStack[drop++]!);
    if (drop > 0) this.undoStack.splice(0, drop);
  }

  /** The entry Undo would revert, without taking it (it moves only once reverted). */
  peekUndo(): EditEntry | undefined {
    return this.undoStack[this.undoStack.length - 1];
  }

  peekRedo(): EditEntry | undefined {
    return this.redoStack[this.redoStack.length - 1];
  }

  /** The top undo entry has been reverted: it becomes the next redo. */
  undone(): void {
    const e = this.undoStack.pop();
    if (e) this.redoStack.push(e);
  }

  /** The top redo entry has been applied again: it becomes the next undo. */
  redone(): void {
    const e = this.redoStack.pop();
    if (e) this.undoStack.push(e);
  }

  /** Forgets every action: the edits they wrote no longer exist (their field was mapped elsewhere). */
  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.stored = 0;
  }

  /** Cell and skip changes held, for tests of the capacity. */
  get storedChanges(): number {
    return this.stored;
  }

  get undoDepth(): number {
    return this.undoStack.length;
  }

  state(): EditHistoryState {
    const u = this.peekUndo();
    const r = this.peekRedo();
    return {
      canUndo: u !== undefined,
      canRedo: r !== undefined,
      undoLabel: u ? `Undo ${u.description}` : null,
      redoLabel: r ? `Redo ${r.description}` : null,
    };
  }
}
