import { z } from 'zod';

/**
 * The two small forms of the bulk-edit bar. Values are kept as typed (no trimming): a space
 * may be exactly what someone wants to find or fill with; the worker reads the filled text
 * the way it reads the file.
 */
export const fillEmptySchema = z.object({
  fieldKey: z.string().min(1, 'Choose the column to fill.'),
  value: z.string().refine((v) => v.trim() !== '', 'Type the value to put in the empty cells.'),
  onlySelected: z.boolean(),
});
export type FillEmptyValues = z.infer<typeof fillEmptySchema>;

export const replaceSchema = z.object({
  fieldKey: z.string().min(1, 'Choose the column to search.'),
  find: z.string().min(1, 'Type the text to find.'),
  replace: z.string(),
  matchCase: z.boolean(),
  wholeCell: z.boolean(),
});
export type ReplaceValues = z.infer<typeof replaceSchema>;

/** "No cell matches", "1 cell matches", "12 cells match". */
export function matchCountText(count: number): string {
  if (count === 0) return 'No cell matches';
  return count === 1 ? '1 cell matches' : `${count} cells match`;
}
