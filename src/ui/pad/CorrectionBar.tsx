import { useCallback, useState } from 'react';
import { withIndefiniteArticle } from '../../domain/indefiniteArticle.ts';
import './correction.css';

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export interface Correction {
  /** Keeps the drawing on the pad as an example of `label`, if none is being kept. */
  readonly keep: (label: number) => void;
  readonly busy: boolean;
  readonly outcome: { readonly ok: boolean; readonly text: string } | null;
}

/** Keeping the drawing as an example, one at a time, with what came of it (for that drawing only). */
export function useCorrection(drawing: object | null, read: number | null, onKeep: ((label: number) => Promise<string | null>) | undefined): Correction {
  const [kept, setKept] = useState<{ readonly drawing: object | null; readonly outcome: Correction['outcome'] }>({ drawing: null, outcome: null });
  const [busy, setBusy] = useState(false);
  const keep = useCallback(
    (label: number) => {
      if (busy || !onKeep || read === null) return;
      setBusy(true);
      void onKeep(label).then((refused) => {
        setBusy(false);
        const outcome = refused ? { ok: false, text: refused } : { ok: true, text: `Kept as ${withIndefiniteArticle(String(label))}${label === read ? '' : ` (it read ${read})`}.` };
        setKept({ drawing, outcome });
      });
    },
    [busy, onKeep, read, drawing],
  );
  return { keep, busy, outcome: kept.drawing === drawing ? kept.outcome : null };
}

/** The keys 0–9 keep the drawing as that digit, when pressed on the pad or in the correction bar. */
export function keepOnDigitKey(event: React.KeyboardEvent, correction: Correction): void {
  const target = event.target as HTMLElement;
  if (!/^[0-9]$/.test(event.key) || event.altKey || event.ctrlKey || event.metaKey || !target.closest('.pad-canvas, .correction')) return;
  event.preventDefault();
  correction.keep(Number(event.key));
}

/**
 * "That's not a 4 — it's a …": the other nine digits keep the drawing as an example of the right one, and "Keep as
 * example" keeps one it read right.
 */
export function CorrectionBar({ read, correction }: { readonly read: number; readonly correction: Correction }) {
  const { keep, busy, outcome } = correction;
  return (
    <div className="correction" role="group" aria-label="Correct the answer">
      <p className="correction-question" id="correction-question">
        That's not {withIndefiniteArticle(String(read))} — it's a …
      </p>
      <div className="correction-digits" role="group" aria-labelledby="correction-question">
        {DIGITS.filter((digit) => digit !== read).map((digit) => (
          <button key={digit} type="button" className="digit-button" aria-label={`It's ${withIndefiniteArticle(String(digit))}`} disabled={busy} onClick={() => keep(digit)}>
            {digit}
          </button>
        ))}
      </div>
      <button type="button" className="keep-button" disabled={busy} onClick={() => keep(read)}>
        Keep as example (it is {withIndefiniteArticle(String(read))})
      </button>
      <p className="hint">Or press 0–9 on the pad. Each one you keep becomes one of your examples, to fine-tune on.</p>
      {outcome && (
        <p className={outcome.ok ? 'correction-done' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}
