import { useCallback, useEffect, useState } from 'react';
import type { PreprocessedDigit } from '../../data/digitPreprocess.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import type { ModelSlot } from '../../training/protocol.ts';
import { useLatestAnswer } from './useLatestAnswer.ts';

/** A cell to explain: a layer's index, and [row, column, channel] (or [unit] for a flat layer's output). */
export interface CellTarget {
  readonly layerIndex: number;
  readonly position: readonly number[];
}

interface CellQuestion extends CellTarget {
  readonly pixels: Float32Array;
  readonly slot: ModelSlot;
  readonly modelName: string;
}

/**
 * The explanation of the picked cell for the digit on the pad, asked again whenever the digit or the model changes
 * (the worker refuses, with the reason, a cell the new model does not have). Closing forgets it.
 */
export function useCellExplanation(request: EngineRequest, slot: ModelSlot, modelName: string | null, digit: PreprocessedDigit | null) {
  const [target, setTarget] = useState<CellTarget | null>(null);
  const ask = useCallback(
    ({ slot: asked, pixels, layerIndex, position }: CellQuestion) => request({ type: 'explain-cell', slot: asked, pixels, layerIndex, position }),
    [request],
  );
  const { latest, pending, submit } = useLatestAnswer(ask);

  useEffect(() => {
    if (!target || !digit || modelName === null) submit(null);
    else submit({ ...target, pixels: digit.pixels, slot, modelName });
  }, [target, digit, slot, modelName, submit]);

  const close = useCallback(() => setTarget(null), []);
  return { target, explain: setTarget, close, latest, pending };
}
