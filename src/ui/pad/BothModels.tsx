import { useCallback, useEffect, useRef, useState } from 'react';
import type { PreprocessedDigit } from '../../data/digitPreprocess.ts';
import { predictClasses } from '../../domain/evaluation.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import type { ModelSlot } from '../../training/protocol.ts';

interface Reading {
  /** The class index. */
  readonly digit: number;
  readonly probability: number;
}

/**
 * The other model's answer for the same drawing, one request at a time: while one is in flight only the newest
 * drawing waits. null while there is no drawing or no other model.
 */
function useOtherReading(request: EngineRequest, slot: ModelSlot | null, modelName: string | null, digit: PreprocessedDigit | null): Reading | null {
  // With the drawing and model it answers, so an answer to an older drawing is never shown for a newer one.
  const [reading, setReading] = useState<{ readonly pixels: Float32Array; readonly name: string; readonly answer: Reading | null } | null>(null);
  const inFlight = useRef(false);
  const waiting = useRef<{ pixels: Float32Array; slot: ModelSlot; name: string } | null>(null);
  const generation = useRef(0);

  const pump = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    for (let job = waiting.current; job; job = waiting.current) {
      waiting.current = null;
      const asked = generation.current;
      const answer = await request({ type: 'predict', slot: job.slot, pixels: job.pixels, featureMaps: false });
      if (asked !== generation.current) continue;
      const best = answer.type === 'prediction' ? (predictClasses(answer.probabilities, answer.probabilities.length)[0] ?? 0) : null;
      const read = best === null || answer.type !== 'prediction' ? null : { digit: best, probability: answer.probabilities[best] ?? 0 };
      setReading({ pixels: job.pixels, name: job.name, answer: read });
    }
    inFlight.current = false;
  }, [request]);

  useEffect(() => {
    generation.current++;
    if (!digit || !slot || modelName === null) {
      waiting.current = null;
      return;
    }
    waiting.current = { pixels: digit.pixels, slot, name: modelName };
    void pump();
  }, [digit, slot, modelName, pump]);

  return reading && digit && reading.pixels === digit.pixels && reading.name === modelName ? reading.answer : null;
}

interface BothModelsProps {
  readonly request: EngineRequest;
  readonly digit: PreprocessedDigit | null;
  /** The answer of the model reading the pad, named by its class, and the model's name. */
  readonly reading: Reading & { readonly name: string };
  readonly readingName: string;
  /** The other model, when it is ready, with the classes it answers in. */
  readonly other: { readonly slot: ModelSlot; readonly name: string; readonly classNames: readonly string[] } | null;
}

/** The same drawing answered by both models, side by side: the fine-tuned one and the one it came from. */
export function BothModels({ request, digit, reading, readingName, other }: BothModelsProps) {
  const otherReading = useOtherReading(request, other?.slot ?? null, other?.name ?? null, digit);
  if (!other) return null;
  const line = (name: string, answer: Reading | null, className: string | undefined) => (
    <li>
      {name}: {answer ? <strong data-digit={answer.digit}>{className ?? answer.digit}</strong> : '…'}
      {answer ? ` (${Math.round(answer.probability * 100)}%)` : ''}
    </li>
  );
  return (
    <section aria-label="Both models" className="both-models-section">
      <p className="muted small">The same drawing, read by both models:</p>
      <ul className="both-models">
        {line(readingName, reading, reading.name)}
        {line(other.name, otherReading, otherReading ? other.classNames[otherReading.digit] : undefined)}
      </ul>
    </section>
  );
}
