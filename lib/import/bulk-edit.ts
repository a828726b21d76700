/**
 * Works out what "fill empty cells" and "find and replace" change in one field, as a list of
 * cell changes the import table applies in one go (and keeps for undo). Nothing here touches
 * the table's state, so a dry run is the same computation without the apply.
 */
import type { ReplaceRequest } from './import-types';
import { CellChanges } from './edit-history';

/** One field of every row, as the user sees and edits it. */
export interface FieldCells {
  readonly rowCount: number;
  readonly fieldKey: string;
  /** The field's label in the grid ("Location code"). */
  readonly label: string;
  /** Whether a literal NULL reads as an empty cell in this file. */
  readonly nullAsBlank: boolean;
  /** The user's edit of this field in row r, or undefined. */
  editOf(r: number): string | undefined;
  /** The file's own cell for this field ('' when the field has no column); fallback columns are not read. */
  fileText(r: number): string;
  /** The edit that makes the field read `text`: undefined when that is the file's own text. */
  editFor(r: number, text: string): string | undefined;
  /** Rows the user deleted or skipped: bulk edits leave them as they are. */
  skippedByUser(r: number): boolean;
  /** Rows left out as continuation rows: a value there would turn them into records of their own. */
  continuation(r: number): boolean;
}

export interface PlannedEdit {
  readonly cells: CellChanges;
  /** For the undo and redo labels, after "Undo " ("fill of 37 empty Location code cells"). */
  readonly description: string;
  readonly message: string;
}

function isBlank(text: string, nullAsBlank: boolean): boolean {
  const t = text.trim();
  return t === '' || (nullAsBlank && t.length === 4 && t.toLowerCase() === 'null');
}

/**
 * Every empty cell of the field (the user's text after edits; a fallback column does not make
 * it filled) gets `value`, in the given rows or all of them. Rows the user skipped are never
 * filled, and neither are continuation rows.
 */
export function planFill(field: FieldCells, value: string, rows?: readonly number[]): PlannedEdit {
  if (value.trim() === '') {
    throw new Error(`Type the value to put into the empty "${field.label}" cells; filling them with nothing would change nothing.`);
  }
  const cells = new CellChanges();
  const visit = (r: number) => {
    if (field.skippedByUser(r) || field.continuation(r)) return;
    const edit = field.editOf(r);
    const current = edit ?? field.fileText(r);
    if (!isBlank(current, field.nullAsBlank)) return;
    const after = field.editFor(r, value);
    if (after !== edit) cells.add(r, field.fieldKey, edit, after);
  };
  if (rows) {
    for (const r of [...new Set(rows)].sort((a, b) => a - b)) {
      if (!Number.isInteger(r) || r < 0 || r >= field.rowCount) throw new RangeError(`There is no data row ${r}.`);
      visit(r);
    }
  } else {
    for (let r = 0; r < field.rowCount; r++) visit(r);
  }
  const n = cells.seal().length;
  const where = rows ? ' in the selected rows' : '';
  return {
    cells,
    description: `fill of ${n} empty ${field.label} ${n === 1 ? 'cell' : 'cells'}`,
    message:
      n === 0
        ? `No empty "${field.label}" cells to fill${where}; rows you deleted or skipped are left as they are.`
        : `Filled ${n} empty "${field.label}" ${n === 1 ? 'cell' : 'cells'}${where} with "${value}".`,
  };
}

const REGEX_SYNTAX = /[.*+?^${}()|[\]\\/]/g;

/**
 * Replaces every occurrence of `find` in `text`, literally (no patterns), optionally ignoring
 * case. Returns the new text and how many occurrences were replaced.
 */
export function replaceLiteral(text: string, find: string, replace: string, matchCase: boolean): { readonly text: string; readonly count: number } {
  if (find === '') return { text, count: 0 };
  if (matchCase) {
    const parts = text.split(find);
    return parts.length === 1 ? { text, count: 0 } : { text: parts.join(replace), count: parts.length - 1 };
  }
  let count = 0;
  // A function replacement, so "$&" or "$1" in the user's text is written as typed.
  const out = text.replace(new RegExp(find.replace(REGEX_SYNTAX, '\\$&'), 'gi'), () => {
    count++;
    return replace;
  });
  return { text: count === 0 ? text : out, count };
}

/**
 * Find and replace within the field's text as the user sees it (after edits). Substring mode
 * replaces every occurrence; whole-cell mode changes cells whose trimmed text is `find`.
 * Rows the user skipped are left as they are. Returns the changes without applying them.
 */
export function planReplace(field: FieldCells, request: ReplaceRequest): PlannedEdit & { readonly occurrences: number } {
  const { find, replace } = request;
  const matchCase = request.matchCase === true;
  const wholeCell = request.wholeCell === true;
  const wanted = wholeCell ? find.trim() : find;
  if (wanted === '') {
    throw new Error(
      `Type the text to find in "${field.label}"; an empty search would match every cell.${wholeCell ? ` To put a value into the empty "${field.label}" cells, use Fill empty cells.` : ''}`,
    );
  }
  const wantedLower = wanted.toLowerCase();
  const cells = new CellChanges();
  let occurrences = 0;
  for (let r = 0; r < field.rowCount; r++) {
    if (field.skippedByUser(r)) continue;
    const edit = field.editOf(r);
    const current = edit ?? field.fileText(r);
    if (current === '') continue;
    let next: string;
    if (wholeCell) {
      const t = current.trim();
      if (matchCase ? t !== wanted : t.toLowerCase() !== wantedLower) continue;
      next = replace;
      occurrences++;
    } else {
      const res = replaceLiteral(current, wanted, replace, matchCase);
      if (res.count === 0) continue;
      next = res.text;
      occurrences += res.count;
    }
    if (next === current) continue;
    cells.add(r, field.fieldKey, edit, field.editFor(r, next));
  }
  const n = cells.seal().length;
  const label = `"${field.label}"`;
  const inCells = `${n} ${label} ${n === 1 ? 'cell' : 'cells'}`;
  const times = !wholeCell && occurrences > n ? ` (${occurrences} times)` : '';
  const ignoring = matchCase ? '' : ', ignoring case';
  let message: string;
  if (n === 0) {
    message = wholeCell
      ? `No ${label} cell is "${wanted}"${ignoring}, so nothing was replaced.`
      : `No ${label} cell contains "${wanted}"${ignoring}, so nothing was replaced.`;
    if (occurrences > 0) message = `Every ${label} cell that matches "${wanted}" already reads "${replace}"; nothing to replace.`;
  } else if (request.dryRun) {
    message = wholeCell
      ? `${inCells} that ${n === 1 ? 'is' : 'are'} "${wanted}" would become "${replace}".`
      : `Would replace "${wanted}" with "${replace}" in ${inCells}${times}.`;
  } else if (wholeCell) {
    message = replace === '' ? `Emptied ${inCells} that were "${wanted}".` : `Changed ${inCells} from "${wanted}" to "${replace}".`;
  } else {
    message = replace === '' ? `Removed "${wanted}" from ${inCells}${times}.` : `Replaced "${wanted}" with "${replace}" in ${inCells}${times}.`;
  }
  return {
    cells,
    occurrences,
    description: `replace of "${wanted}" with "${replace}" in ${n} ${field.label} ${n === 1 ? 'cell' : 'cells'}`,
    message,
  };
}
