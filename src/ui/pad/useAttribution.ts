import { useCallback, useEffect } from 'react';
import type { PreprocessedDigit } from '../../data/digitPreprocess.ts';
import { FOLLOWS_THE_PEN, type AttributionMethod } from '../../domain/explain/explanations.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import type { ModelSlot } from '../../training/protocol.ts';
import { useLatestAnswer } from './useLatestAnswer.ts';

/** How long the drawing must rest before occlusion (169 model runs) is asked for: strokes change it every frame. */
const REST_MS = 250;

interface AttributionQuestion {
  readonly pixels: Float32Array;
  readonly method: AttributionMethod;
  readonly targetClass: number | null;
  readonly slot: ModelSlot;
}

/**
 * The attribution map of the digit on the pad, paced like the predictions: gradient methods follow the pen, occlusion
 * waits for the drawing to rest. The answer comes with the question it answers, so the map is drawn on its own digit.
 */
export function useAttribution(request: EngineRequest, slot: ModelSlot, modelName: string | null, digit: PreprocessedDigit | null, method: AttributionMethod, targetClass: number | null) {
  const ask = useCallback((question: AttributionQuestion) => request({ type: 'attribute', ...question }), [request]);
  const { latest, pending, submit } = useLatestAnswer(ask);

  useEffect(() => {
    if (!digit || modelName === null) {
      submit(null);
      return;
    }
    const question = { pixels: digit.pixels, method, targetClass, slot };
    if (FOLLOWS_THE_PEN[method]) {
      submit(question);
      return;
    }
    const timer = setTimeout(() => submit(question), REST_MS);
    return () => clearTimeout(timer);
  }, [digit, modelName, method, targetClass, slot, submit]);

  // An answer for another model or method is not shown as this one's.
  const current = latest && latest.question.slot === slot && latest.question.method === method && latest.question.targetClass === targetClass ? latest : null;
  return { attribution: current, pending };
}
