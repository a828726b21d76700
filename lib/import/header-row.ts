/**
 * Finds the header row. Exports from accounting and ERP tools often put a report title, a date
 * range or a blank line above the real header; treating the title as the header would leave
 * every field unmapped and every row "valid but empty".
 */
import type { DatasetDef } from '@/lib/datasets/field-def';
import { countHeaderMatches } from './header-match';

export interface HeaderRowResult {
  /** Index into the records passed in. */
  readonly index: number;
  /** Cells that match one of the dataset's field names. */
  readonly matches: number;
  readonly reason: string;
}

function nonEmptyCount(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c.trim() !== '') n++;
  return n;
}

/**
 * @param records the first records of the file (blank rows already removed), in file order
 * @param maxScan how many records may sit above the header
 */
export function findHeaderRow(dataset: DatasetDef, records: readonly (readonly string[])[], maxScan = 25): HeaderRowResult {
  const limit = Math.min(records.length, maxScan);
  if (limit === 0) return { index: 0, matches: 0, reason: 'The file is empty.' };

  // The row that names the most fields wins; ties go to the earliest, because a data row that
  // happens to contain a field name ("Item") would come later than the header.
  let bestIndex = -1;
  let bestMatches = 0;
  for (let i = 0; i < limit; i++) {
    const m = countHeaderMatches(dataset, records[i]!);
    if (m > bestMatches) {
      bestMatches = m;
      bestIndex = i;
    }
  }
  if (bestIndex >= 0 && (bestMatches >= 2 || bestIndex === 0 || nonEmptyCount(records[bestIndex]!) <= 3)) {
    return {
      index: bestIndex,
      matches: bestMatches,
      reason:
        bestIndex === 0
          ? `The first row names ${bestMatches} field${bestMatches === 1 ? '' : 's'}.`
          : `Row ${bestIndex + 1} of the file's non-blank rows names ${bestMatches} field${bestMatches === 1 ? '' : 's'}; the rows above it look like titles.`,
    };
  }

  // No recognisable names: take the first row as wide as the data under it, which skips
  // one-cell title rows.
  const widths = records.slice(0, Math.min(records.length, maxScan * 4)).map(nonEmptyCount);
  const dataWidth = [...widths].sort((a, b) => b - a)[Math.floor(widths.length / 2)] ?? 0;
  for (let i = 0; i < limit; i++) {
    if (widths[i]! >= dataWidth && widths[i]! > 0) {
      return {
        index: i,
        matches: countHeaderMatches(dataset, records[i]!),
        reason:
          i === 0
            ? 'No header names were recognised; the first row is used as the header.'
            : `No header names were recognised; row ${i + 1} is the first row as wide as the data.`,
      };
    }
  }
  return { index: 0, matches: 0, reason: 'No header names were recognised; the first row is used as the header.' };
}
