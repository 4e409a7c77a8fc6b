import { useCallback, useEffect, useRef, useState } from 'react';
import type { PreprocessedDigit } from '../../data/digitPreprocess.ts';
import type { FeatureMapLayer, ModelSlot } from '../../training/protocol.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import { readAnswerFirst } from './answerFirst.ts';

export interface PadPrediction {
  readonly slot: ModelSlot;
  readonly probabilities: Float32Array;
  readonly featureMaps: readonly FeatureMapLayer[] | null;
  readonly inferenceMs: number;
  /** From the pointer event that changed the drawing to this answer being in hand. */
  readonly latencyMs: number;
  /** Increases with every answer, so a reader can tell a new one from an equal one. */
  readonly sequence: number;
  /** The drawing change this answers (its pointer event's time), to tell whether the pad shows something newer. */
  readonly changedAt: number;
}

interface Job {
  readonly pixels: Float32Array;
  readonly changedAt: number;
  readonly generation: number;
  readonly slot: ModelSlot;
}

/**
 * Sends the drawn digit to the worker, one drawing at a time, its answer first and its feature maps after
 * (answerFirst.ts): while one is in flight only the newest drawing waits, so a fast hand never builds a queue. A
 * cleared pad drops answers to drawings it no longer shows.
 */
export function usePadPredictions(request: EngineRequest, slot: ModelSlot, modelName: string | null) {
  const [prediction, setPrediction] = useState<PadPrediction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drawing, setDrawing] = useState<{ digit: PreprocessedDigit | null; changedAt: number }>({ digit: null, changedAt: 0 });
  const inFlight = useRef(false);
  const waiting = useRef<Job | null>(null);
  const generation = useRef(0);
  const latest = useRef<{ digit: PreprocessedDigit | null; changedAt: number }>({ digit: null, changedAt: 0 });

  const pump = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    for (let job = waiting.current; job; job = waiting.current) {
      waiting.current = null;
      await readAnswerFirst(job.slot, job.pixels, {
        ask: request,
        stillShown: () => job.generation === generation.current,
        newerWaiting: () => waiting.current !== null,
        answered: ({ probabilities, inferenceMs, requestId: sequence }) => {
          const latencyMs = performance.now() - job.changedAt;
          // The maps of the drawing before stay until this one's arrive, as they did while the whole reading was on its way.
          setPrediction((shown) => ({ slot: job.slot, probabilities, featureMaps: shown?.slot === job.slot ? shown.featureMaps : null, inferenceMs, latencyMs, sequence, changedAt: job.changedAt }));
          setError(null);
        },
        mapped: (featureMaps) => setPrediction((shown) => (shown?.changedAt === job.changedAt && shown.slot === job.slot ? { ...shown, featureMaps } : shown)),
        failed: setError,
      });
    }
    inFlight.current = false;
  }, [request]);

  const submit = useCallback(
    (next: PreprocessedDigit | null, changedAt: number) => {
      latest.current = { digit: next, changedAt };
      setDrawing({ digit: next, changedAt });
      if (!next) {
        generation.current++;
        waiting.current = null;
        setPrediction(null);
        setError(null);
        return;
      }
      waiting.current = { pixels: next.pixels, changedAt, generation: generation.current, slot };
      void pump();
    },
    [pump, slot],
  );

  // Another model (or a newly trained one) reads the digit that is already there.
  useEffect(() => {
    generation.current++;
    const { digit: current } = latest.current;
    if (current && modelName !== null) submit(current, performance.now());
  }, [slot, modelName, submit]);

  const current = prediction?.slot === slot ? prediction : null;
  // Pending while the pad shows a drawing whose own answer has not come back (an error ends the wait too).
  const pending = drawing.digit !== null && error === null && current?.changedAt !== drawing.changedAt;
  return { prediction: current, error, digit: drawing.digit, pending, submit };
}
