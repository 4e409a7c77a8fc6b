import { useState } from 'react';
import { parseDecimal } from '../../domain/settings.ts';

interface NumberFieldProps {
  readonly label: string;
  readonly value: number;
  readonly invalid?: boolean;
  readonly describedBy?: string;
  readonly onValue: (value: number) => void;
  readonly className?: string;
}

/**
 * A number input that keeps what the person typed ("0.", "", "abc") while the model holds the parsed number
 * (NaN when unreadable), so validation can name the problem and nothing typed is lost.
 */
export function NumberField({ label, value, invalid, describedBy, onValue, className }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const draftMatches = draft !== null && Object.is(parseDecimal(draft), value);
  const shown = draftMatches ? draft : Number.isNaN(value) ? (draft ?? '') : String(value);
  return (
    <input
      className={className}
      type="text"
      inputMode="decimal"
      aria-label={label}
      value={shown}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      onChange={(e) => {
        setDraft(e.target.value);
        onValue(parseDecimal(e.target.value));
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
