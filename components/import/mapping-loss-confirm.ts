import type { FieldDef } from '@/lib/datasets/field-def';
import type { ColumnMapping, ValidationSummary } from '@/lib/import/import-types';
import { plural } from '@/lib/text/plural';

/**
 * The question to ask before a mapping change, or null when nothing would be lost: edits are
 * text typed over one column's cells, so a field that moves to another column drops them (the
 * worker removes them rather than send an old fix over the new column's values).
 */
export function mappingLossQuestion(
  before: ColumnMapping,
  next: ColumnMapping,
  validation: Pick<ValidationSummary, 'editedByField'> | undefined,
  fields: readonly Pick<FieldDef, 'key' | 'label'>[],
): string | null {
  const edited = validation?.editedByField ?? {};
  const lost = fields.filter((f) => (edited[f.key] ?? 0) > 0 && (before[f.key] ?? null) !== (next[f.key] ?? null));
  if (lost.length === 0) return null;
  const what = lost.map((f) => `${plural(edited[f.key]!, 'edited cell')} of ${f.label}`).join(' and ');
  return `Mapping ${lost.map((f) => f.label).join(' and ')} to another column removes your ${what}, and clears Undo. Change it anyway?`;
}
