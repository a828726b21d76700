'use client';

import type { PushOptionDef } from '@/lib/datasets/field-def';

interface Props {
  readonly options: readonly PushOptionDef[];
  readonly values: Readonly<Record<string, boolean>>;
  readonly disabled: boolean;
  readonly onChange: (values: Record<string, boolean>) => void;
}

/** The switches a dataset's registry entry declares for the push request, each with its help. */
export function PushOptions({ options, values, disabled, onChange }: Props) {
  if (options.length === 0) return null;
  return (
    <fieldset className="space-y-2 text-sm" data-testid="push-options">
      <legend className="font-medium">Before sending</legend>
      {options.map((o) => (
        <label key={o.key} className="flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-1"
            data-option={o.key}
            checked={values[o.key] ?? o.default}
            disabled={disabled}
            onChange={(e) => onChange({ ...values, [o.key]: e.target.checked })}
          />
          <span>
            {o.label}
            <span className="block text-xs text-slate-500">{o.help}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
