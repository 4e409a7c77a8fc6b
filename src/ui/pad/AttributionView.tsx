import { ATTRIBUTION_METHODS, type AttributionMethod } from '../../domain/explain/explanations.ts';
import { withIndefiniteArticle } from '../../domain/indefiniteArticle.ts';
import { METHOD_TEXTS } from './attributionMethods.ts';
import { HeatMap } from './HeatMap.tsx';
import type { useAttribution } from './useAttribution.ts';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

interface AttributionViewProps {
  readonly attribution: ReturnType<typeof useAttribution>['attribution'];
  readonly pending: boolean;
  readonly method: AttributionMethod;
  readonly onMethod: (method: AttributionMethod) => void;
  /** null: the model's answer. */
  readonly targetClass: number | null;
  readonly onTargetClass: (digit: number | null) => void;
  readonly answer: number;
  /** The classes the model answers in, by index: MNIST's digits unless told. */
  readonly classNames?: readonly string[];
}

function MethodSwitch({ method, onMethod }: Pick<AttributionViewProps, 'method' | 'onMethod'>) {
  const text = METHOD_TEXTS[method];
  return (
    <>
      <fieldset className="method-switch">
        <legend>Method</legend>
        {ATTRIBUTION_METHODS.map((m) => (
          <label key={m}>
            <input type="radio" name="attribution-method" value={m} checked={m === method} onChange={() => onMethod(m)} aria-describedby="attribution-method-note" />
            {METHOD_TEXTS[m].name}
          </label>
        ))}
      </fieldset>
      <p id="attribution-method-note" className="method-note">
        {text.meaning} <strong>Where it misleads:</strong> {text.misleads}
      </p>
    </>
  );
}

/** "Why did it say 7? Why not a 1?" ("Why not an 8?", "Why not an Ankle boot?"): a heat map over the digit for the answer or any class, by the method picked. */
export function AttributionView({ attribution, pending, method, onMethod, targetClass, onTargetClass, answer, classNames = DIGITS }: AttributionViewProps) {
  const event = attribution?.answer;
  const shown = event?.type === 'attribution' ? event : null;
  const nameOf = (label: number) => classNames[label] ?? String(label);
  const question = (label: number) => (label === answer ? nameOf(label) : `not ${withIndefiniteArticle(nameOf(label))}`);
  return (
    <section className="attribution" aria-labelledby="attribution-heading" aria-busy={pending}>
      <h3 id="attribution-heading">What it looked at</h3>
      <MethodSwitch method={method} onMethod={onMethod} />
      <label className="target-picker">
        Explain the score of{' '}
        <select value={targetClass ?? ''} onChange={(e) => onTargetClass(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">its answer ({nameOf(answer)})</option>
          {classNames.map((name, d) => (
            <option key={d} value={d}>
              {d === answer ? `${name} (its answer)` : `${name}: why not ${withIndefiniteArticle(name)}?`}
            </option>
          ))}
        </select>
      </label>
      {event?.type === 'model-error' && <p className="error" role="status">{event.message}</p>}
      {!attribution && pending && <p className="prediction-empty">Working out what it looked at…</p>}
      {shown && attribution && (
        <>
          <p className="attribution-question" aria-live="polite">
            Why {question(shown.targetClass)}? The model gives {nameOf(shown.targetClass)} {(shown.probability * 100).toFixed(1)}%.{' '}
            <span className="muted small">
              {METHOD_TEXTS[shown.method].name}, computed in {shown.computeMs.toFixed(0)} ms.
            </span>
          </p>
          <HeatMap values={shown.values} ink={attribution.question.pixels} targetClass={shown.targetClass} question={question(shown.targetClass)} />
        </>
      )}
    </section>
  );
}
