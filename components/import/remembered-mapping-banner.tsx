'use client';

import { type FieldDef, fallbackKey } from '@/lib/datasets/field-def';
import type { RememberedOffer } from '@/lib/client/remembered-mappings';
import type { ColumnMapping, SourceColumn } from '@/lib/import/import-types';

/** What became of the offer: still open, taken, or declined for this file. */
export type RememberedOfferState = 'open' | 'applied' | 'kept';

interface Props {
  readonly offer: RememberedOffer;
  readonly state: RememberedOfferState;
  readonly disabled: boolean;
  /** To say which fields differ: the file's fields and columns, and the mapping in force. */
  readonly fields: readonly FieldDef[];
  readonly columns: readonly SourceColumn[];
  readonly current: ColumnMapping;
  readonly onApply: () => void;
  readonly onKeep: () => void;
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? 'an earlier import' : d.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * The mapping used the last time a file with these headers was sent. The automatic match is
 * only a guess; what the user chose last time is a better one, but it is their call which to use.
 */
export function RememberedMappingBanner({ offer, state, disabled, fields, columns, current, onApply, onKeep }: Props) {
  if (offer.kind === 'none') return null;
  const { entry } = offer;
  if (offer.kind === 'same') {
    return state === 'applied' ? (
      <p className="text-sm text-emerald-800" role="status" data-testid="remembered-applied">
        Using last time’s mapping ({when(entry.savedAt)}, {entry.fileName}). Check it below; any field can still be changed.
      </p>
    ) : (
      <p className="text-sm text-slate-600" data-testid="remembered-same">
        Same mapping as last time ({when(entry.savedAt)}, {entry.fileName}).
      </p>
    );
  }
  // Once answered, the offer does not come back while the user goes on changing the mapping.
  if (state !== 'open') return null;
  const columnName = (index: number | null | undefined) => (index === null || index === undefined ? 'not mapped' : `“${columns.find((c) => c.index === index)?.label ?? `column ${index + 1}`}”`);
  const labelOf = (key: string) => fields.find((f) => f.key === key)?.label ?? fields.find((f) => f.fallback && fallbackKey(f.key) === key)?.fallback?.label ?? key;
  const differences = [...new Set([...Object.keys(offer.mapping), ...Object.keys(current)])].filter((k) => (offer.mapping[k] ?? null) !== (current[k] ?? null));
  return (
    <div className="flex flex-wrap items-center gap-3 rounded border border-indigo-300 bg-indigo-50 p-3 text-sm text-indigo-950" role="region" aria-label="Mapping from last time" data-testid="remembered-banner">
      <p className="grow">
        You mapped these columns differently last time ({when(entry.savedAt)}, {entry.fileName}).
      </p>
      <ul className="w-full list-disc pl-5 text-indigo-900" data-testid="remembered-differences">
        {differences.map((k) => (
          <li key={k}>
            {labelOf(k)}: last time {columnName(offer.mapping[k])}, now {columnName(current[k])}
          </li>
        ))}
      </ul>
      <button type="button" className="btn-primary" disabled={disabled} onClick={onApply}>
        Use last time’s mapping
      </button>
      <button type="button" className="btn-secondary" disabled={disabled} onClick={onKeep}>
        Keep this one
      </button>
    </div>
  );
}
