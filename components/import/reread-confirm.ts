import type { ImportOptions, ValidationSummary } from '@/lib/import/import-types';
import { plural } from '@/lib/text/plural';

/** Options that make the worker read the file again, which starts the rows afresh. */
export const REREAD_OPTION_KEYS = ['encoding', 'delimiter', 'sheet', 'headerRowNumber'] as const;

const what: Record<(typeof REREAD_OPTION_KEYS)[number], string> = {
  encoding: 'the text encoding',
  delimiter: 'the separator',
  sheet: 'the sheet',
  headerRowNumber: 'the header row',
};

/**
 * The question to ask before `patch` is sent, or null when nothing would be lost: a change of
 * encoding, separator, sheet or header row reads the file again, which drops the user's edits
 * and the rows they skipped. (Decimal mark, date order and mapping changes keep them.)
 */
export function rereadLossQuestion(
  patch: Partial<ImportOptions>,
  options: ImportOptions,
  validation: Pick<ValidationSummary, 'edited' | 'skippedByYou'> | undefined,
): string | null {
  const changed = REREAD_OPTION_KEYS.find((k) => k in patch && patch[k] !== undefined && patch[k] !== options[k]);
  if (!changed) return null;
  const edited = validation?.edited ?? 0;
  const skipped = validation?.skippedByYou ?? 0;
  if (edited === 0 && skipped === 0) return null;
  const lost = [
    ...(edited > 0 ? [`your edits in ${plural(edited, 'row')}`] : []),
    ...(skipped > 0 ? [`the ${plural(skipped, 'row')} you skipped (${skipped === 1 ? 'it comes' : 'they come'} back)`] : []),
  ].join(' and ');
  return `Changing ${what[changed]} reads the file again from the start: ${lost} will be lost. Change it anyway?`;
}
