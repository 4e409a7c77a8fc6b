import { useCallback, useRef } from 'react';
import type { PreprocessedDigit } from '../../data/digitPreprocess.ts';
import type { DrawnDigit } from '../../engine/handwritingCoach.ts';
import type { PadStroke } from '../../storage/examplesStore.ts';
import { useCorrection } from './CorrectionBar.tsx';
import { PAD_SIZE, type Point } from './padCanvas.ts';

/** Pad pixels to fractions of the pad, to a thousandth: enough to redraw a stroke, small to store. */
const toFractions = (strokes: readonly (readonly Point[])[]): PadStroke[] =>
  strokes.map((stroke) => stroke.map(([x, y]) => [Math.round((x / PAD_SIZE) * 1000) / 1000, Math.round((y / PAD_SIZE) * 1000) / 1000] as const));

/**
 * What the pad needs to teach the network: the strokes of the drawing on it, and keeping that drawing (the input the
 * network saw and its strokes) as an example of the digit the person says it is.
 */
export function usePadTeaching(digit: PreprocessedDigit | null, read: number | null, onKeepExample: ((drawn: DrawnDigit) => Promise<string | null>) | undefined) {
  const strokes = useRef<PadStroke[]>([]);
  const onStrokes = useCallback((drawn: readonly (readonly Point[])[]) => {
    strokes.current = toFractions(drawn);
  }, []);
  const keepDrawing = useCallback(
    async (label: number) => {
      if (!digit || !onKeepExample) return 'Draw a digit first.';
      return onKeepExample({ label, pixels: digit.pixels, strokes: strokes.current, readAs: read });
    },
    [digit, read, onKeepExample],
  );
  const correction = useCorrection(digit, read, onKeepExample ? keepDrawing : undefined);
  return { correction, onStrokes };
}
