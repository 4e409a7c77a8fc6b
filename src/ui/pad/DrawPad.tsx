import { PAD_SIZE, type Point } from './padCanvas.ts';
import type { DigitListener } from './usePadReading.ts';
import { useStrokes } from './useStrokes.ts';

interface DrawPadProps {
  /** Called at most once per animation frame while the drawing changes; null when the pad is empty. */
  readonly onDigit: DigitListener;
  /** Hears the strokes whenever one ends, is undone or all are cleared. */
  readonly onStrokes?: (strokes: readonly (readonly Point[])[]) => void;
  /** What to draw, with its article ("a digit"), for the empty pad's invitation and its accessible name. */
  readonly item?: string;
  /** The keys 0–9 keep the drawing as an example of that digit (keepOnDigitKey): only where the examples can be kept. */
  readonly digitKeysKeep?: boolean;
}

/** The pad's accessible name: what to draw, as the heading says, and what its keys do here. */
function padLabel(item: string, digitKeysKeep: boolean): string {
  return `Drawing pad: draw ${item}. Escape clears it${digitKeysKeep ? '; 0–9 keep it as an example of that digit' : ''}.`;
}

/** A square pad for mouse, pen and finger: round strokes, undo of the last stroke, Clear and Escape. */
export function DrawPad({ onDigit, onStrokes, item = 'a digit', digitKeysKeep = false }: DrawPadProps) {
  const { canvasRef, strokeCount, onPointerDown, onPointerMove, endStroke, clear, undo } = useStrokes(onDigit, onStrokes);

  return (
    <div className="pad">
      <canvas
        ref={canvasRef}
        width={PAD_SIZE}
        height={PAD_SIZE}
        className="pad-canvas"
        tabIndex={0}
        role="img"
        aria-label={padLabel(item, digitKeysKeep)}
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
          Draw {item} here
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
