import { useEffect, useMemo, useState } from 'react';
import type { PreprocessedDigit } from '../../data/digitPreprocess.ts';
import { FOLLOWS_THE_PEN, type AttributionMethod } from '../../domain/explain/explanations.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import type { ModelSlot, ReplyTo } from '../../training/protocol.ts';
import { createAttributionAsker } from './attributionAfterAnswer.ts';

/** How long the drawing must rest before occlusion (169 model runs) is asked for: strokes change it every frame. */
const REST_MS = 250;

interface AttributionQuestion {
  readonly pixels: Float32Array;
  readonly method: AttributionMethod;
  readonly targetClass: number | null;
  readonly slot: ModelSlot;
}

type AttributionReply = ReplyTo<{ readonly type: 'attribute' } & AttributionQuestion>;

/** The digit on the pad, as the attribution needs it: `answerInHand` once its own answer (or why none) has come. */
export interface AttributionDrawing {
  readonly slot: ModelSlot;
  readonly modelName: string | null;
  readonly digit: PreprocessedDigit | null;
  readonly answerInHand: boolean;
}

/**
 * The attribution map of the digit on the pad, asked only once the digit's answer is in hand (attributionAfterAnswer.ts):
 * gradient methods then at once, occlusion once the drawing rests. The answer comes with the question it answers, so the
 * map is drawn on its own digit.
 */
export function useAttribution(request: EngineRequest, { slot, modelName, digit, answerInHand }: AttributionDrawing, method: AttributionMethod, targetClass: number | null) {
  const [latest, setLatest] = useState<{ readonly question: AttributionQuestion; readonly answer: AttributionReply } | null>(null);
  const [pending, setPending] = useState(false);
  const asker = useMemo(
    () =>
      createAttributionAsker((question: AttributionQuestion) => request({ type: 'attribute', ...question }), {
        answered: (question, answer) => setLatest({ question, answer }),
        pending: setPending,
        forgotten: () => setLatest(null),
      }),
    [request],
  );

  useEffect(() => {
    if (!digit || modelName === null) {
      asker.see(null);
      return;
    }
    asker.see({ question: { pixels: digit.pixels, method, targetClass, slot }, answerInHand, restMs: FOLLOWS_THE_PEN[method] ? 0 : REST_MS });
    return asker.pass;
  }, [asker, digit, answerInHand, modelName, method, targetClass, slot]);

  // An answer for another model or method is not shown as this one's.
  const current = latest && latest.question.slot === slot && latest.question.method === method && latest.question.targetClass === targetClass ? latest : null;
  return { attribution: current, pending };
}
