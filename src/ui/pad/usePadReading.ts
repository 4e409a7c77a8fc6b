import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { inkFromRgba, preprocessDigit, type PreprocessedDigit } from '../../data/digitPreprocess.ts';
import { PAD_SIZE, padContext } from './padCanvas.ts';

/** Called at most once per animation frame while the drawing changes; null when the pad is empty. */
export type DigitListener = (digit: PreprocessedDigit | null, changedAt: number) => void;

/** Reads the pad at most once a frame, however many pointer events arrived; returns what asks for a read. */
export function usePadReading(canvasRef: RefObject<HTMLCanvasElement | null>, onDigit: DigitListener): () => void {
  const frame = useRef<number | null>(null);
  const changedAt = useRef(0);
  const inkBuffer = useRef(new Float32Array(PAD_SIZE * PAD_SIZE));

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  return useCallback(() => {
    changedAt.current = performance.now();
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const ctx = padContext(canvasRef.current);
      if (!ctx) return;
      const rgba = ctx.getImageData(0, 0, PAD_SIZE, PAD_SIZE).data;
      onDigit(preprocessDigit(inkFromRgba(rgba, PAD_SIZE, PAD_SIZE, inkBuffer.current)), changedAt.current);
    });
  }, [canvasRef, onDigit]);
}
