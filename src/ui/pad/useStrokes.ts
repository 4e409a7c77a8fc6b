import { useCallback, useEffect, useRef, useState } from 'react';
import { drawStroke, extendStroke, PAD_SIZE, padContext, pointOnPad, setBrush, type Point } from './padCanvas.ts';
import { usePadReading, type DigitListener } from './usePadReading.ts';

/**
 * The strokes on the pad: one pointer draws at a time; the last stroke can be undone, or all cleared. `onStrokes` hears
 * the strokes whenever one ends, is undone or all are cleared.
 */
export function useStrokes(onDigit: DigitListener, onStrokes?: (strokes: readonly (readonly Point[])[]) => void) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const activePointer = useRef<number | null>(null);
  const [strokeCount, setStrokeCount] = useState(0);
  const scheduleRead = usePadReading(canvasRef, onDigit);

  const redraw = useCallback(() => {
    const ctx = padContext(canvasRef.current);
    if (!ctx) return;
    ctx.clearRect(0, 0, PAD_SIZE, PAD_SIZE);
    strokes.current.forEach((stroke) => drawStroke(ctx, stroke));
    setStrokeCount(strokes.current.length);
    scheduleRead();
    onStrokes?.(strokes.current);
  }, [scheduleRead, onStrokes]);

  useEffect(() => {
    const ctx = padContext(canvasRef.current);
    if (ctx) setBrush(ctx);
  }, []);

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (activePointer.current !== null || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus({ preventScroll: true });
    activePointer.current = event.pointerId;
    strokes.current.push([pointOnPad(canvasRef.current!, event)]);
    const ctx = padContext(canvasRef.current);
    if (ctx) drawStroke(ctx, strokes.current.at(-1)!);
    setStrokeCount(strokes.current.length);
    scheduleRead();
  };

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerId !== activePointer.current) return;
    const stroke = strokes.current.at(-1);
    const ctx = padContext(canvasRef.current);
    if (!stroke || !ctx) return;
    // Coalesced events keep fast strokes smooth: the browser may deliver several positions per frame.
    const events = event.nativeEvent.getCoalescedEvents?.() ?? [];
    const points = (events.length > 0 ? events : [event.nativeEvent]).map((e) => pointOnPad(canvasRef.current!, e));
    extendStroke(ctx, stroke, points);
    scheduleRead();
  };

  const endStroke = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerId !== activePointer.current) return;
    activePointer.current = null;
    onStrokes?.(strokes.current);
  };

  const clear = useCallback(() => {
    strokes.current = [];
    redraw();
  }, [redraw]);

  const undo = useCallback(() => {
    strokes.current.pop();
    redraw();
  }, [redraw]);

  return { canvasRef, strokeCount, onPointerDown, onPointerMove, endStroke, clear, undo };
}
