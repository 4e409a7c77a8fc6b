import { useCallback, useEffect, useRef, useState } from 'react';
import { inkFromRgba, preprocessDigit, type PreprocessedDigit } from '../../data/digitPreprocess.ts';

/** The pad's drawing resolution; CSS scales it to the space it has. */
export const PAD_SIZE = 280;
/** MNIST strokes are about 2 px of a 20 px digit; a digit drawn across most of the pad gets a brush in proportion. */
const BRUSH_WIDTH = Math.round(PAD_SIZE * 0.075);

type Point = readonly [number, number];

interface DrawPadProps {
  /** Called at most once per animation frame while the drawing changes; null when the pad is empty. */
  readonly onDigit: (digit: PreprocessedDigit | null, changedAt: number) => void;
}

function drawStroke(context: CanvasRenderingContext2D, stroke: readonly Point[]): void {
  const [first] = stroke;
  if (!first) return;
  context.beginPath();
  context.moveTo(first[0], first[1]);
  // A lone point still leaves a round dot.
  if (stroke.length === 1) context.lineTo(first[0] + 0.01, first[1]);
  for (const [x, y] of stroke.slice(1)) context.lineTo(x, y);
  context.stroke();
}

/** A square pad for mouse, pen and finger: round strokes, undo of the last stroke, Clear and Escape. */
export function DrawPad({ onDigit }: DrawPadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const activePointer = useRef<number | null>(null);
  const frame = useRef<number | null>(null);
  const changedAt = useRef(0);
  const inkBuffer = useRef(new Float32Array(PAD_SIZE * PAD_SIZE));
  const [strokeCount, setStrokeCount] = useState(0);

  const context = () => canvasRef.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  /** Reads the pad at most once a frame, however many pointer events arrived. */
  const scheduleRead = useCallback(() => {
    changedAt.current = performance.now();
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const ctx = context();
      if (!ctx) return;
      const rgba = ctx.getImageData(0, 0, PAD_SIZE, PAD_SIZE).data;
      onDigit(preprocessDigit(inkFromRgba(rgba, PAD_SIZE, PAD_SIZE, inkBuffer.current)), changedAt.current);
    });
  }, [onDigit]);

  const redraw = useCallback(() => {
    const ctx = context();
    if (!ctx) return;
    ctx.clearRect(0, 0, PAD_SIZE, PAD_SIZE);
    strokes.current.forEach((stroke) => drawStroke(ctx, stroke));
    setStrokeCount(strokes.current.length);
    scheduleRead();
  }, [scheduleRead]);

  useEffect(() => {
    const ctx = context();
    if (!ctx) return;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = BRUSH_WIDTH;
    ctx.strokeStyle = '#ffffff';
    return () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    };
  }, []);

  const pointOf = (event: React.PointerEvent | PointerEvent): Point => {
    const box = canvasRef.current!.getBoundingClientRect();
    return [((event.clientX - box.left) / box.width) * PAD_SIZE, ((event.clientY - box.top) / box.height) * PAD_SIZE];
  };

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (activePointer.current !== null || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus({ preventScroll: true });
    activePointer.current = event.pointerId;
    strokes.current.push([pointOf(event)]);
    const ctx = context();
    if (ctx) drawStroke(ctx, strokes.current.at(-1)!);
    setStrokeCount(strokes.current.length);
    scheduleRead();
  };

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerId !== activePointer.current) return;
    const stroke = strokes.current.at(-1);
    const ctx = context();
    if (!stroke || !ctx) return;
    // Coalesced events keep fast strokes smooth: the browser may deliver several positions per frame.
    const events = event.nativeEvent.getCoalescedEvents?.() ?? [];
    const points = (events.length > 0 ? events : [event.nativeEvent]).map(pointOf);
    const last = stroke.at(-1)!;
    ctx.beginPath();
    ctx.moveTo(last[0], last[1]);
    for (const point of points) {
      ctx.lineTo(point[0], point[1]);
      stroke.push(point);
    }
    ctx.stroke();
    scheduleRead();
  };

  const endStroke = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerId === activePointer.current) activePointer.current = null;
  };

  const clear = useCallback(() => {
    strokes.current = [];
    redraw();
  }, [redraw]);

  const undo = useCallback(() => {
    strokes.current.pop();
    redraw();
  }, [redraw]);

  return (
    <div className="pad">
      <canvas
        ref={canvasRef}
        width={PAD_SIZE}
        height={PAD_SIZE}
        className="pad-canvas"
        tabIndex={0}
        role="img"
        aria-label="Drawing pad: draw a digit from 0 to 9. Escape clears it."
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endStroke}
        onPointerCancel={endStroke}
        onKeyDown={(event) => {
          if (event.key === 'Escape') clear();
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
            event.preventDefault();
            undo();
          }
        }}
      />
      {strokeCount === 0 && (
        <p className="pad-invitation" aria-hidden="true">
          Draw a digit here
        </p>
      )}
      <div className="pad-actions">
        <button type="button" onClick={undo} disabled={strokeCount === 0}>
          Undo stroke
        </button>
        <button type="button" onClick={clear} disabled={strokeCount === 0}>
          Clear
        </button>
      </div>
    </div>
  );
}
