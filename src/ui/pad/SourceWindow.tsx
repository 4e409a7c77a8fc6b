import { useEffect, useRef } from 'react';
import type { ExplanationSource } from '../../domain/explain/explanations.ts';
import type { InputWindow } from '../../domain/explain/windows.ts';
import type { FeatureMapLayer } from '../../training/protocol.ts';

/** Drawn this many CSS pixels wide at most, whatever the map's size. */
const DRAWN = 168;

interface SourceWindowProps {
  readonly source: ExplanationSource;
  readonly window: InputWindow;
  /** The input channel shown. */
  readonly channel: number;
  readonly digit: Float32Array;
  readonly featureMaps: readonly FeatureMapLayer[] | null;
}

/** One channel of what the cell reads (the digit, or an earlier layer's map) as 0–255, or null when that layer is not drawn. */
function sourcePixels({ source, channel, digit, featureMaps }: Omit<SourceWindowProps, 'window'>): Uint8ClampedArray | null {
  if (source.layerIndex < 0) return Uint8ClampedArray.from(digit, (v) => v * 255);
  const map = featureMaps?.find((m) => m.layerIndex === source.layerIndex);
  if (!map || map.height !== source.height || map.width !== source.width) return null;
  const size = map.height * map.width;
  return map.pixels.subarray(channel * size, (channel + 1) * size);
}

/** The cell's window outlined on the picture of what it reads; padding shows as the outline passing the edge. */
export function SourceWindow(props: SourceWindowProps) {
  const { source, window, channel } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const pixels = sourcePixels(props);
  const scale = Math.max(1, Math.floor(DRAWN / Math.max(source.height, source.width)));
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context || !pixels) return;
    for (let y = 0; y < source.height; y++) {
      for (let x = 0; x < source.width; x++) {
        const v = pixels[y * source.width + x] ?? 0;
        context.fillStyle = `rgb(${v} ${v} ${v})`;
        context.fillRect(x * scale, y * scale, scale, scale);
      }
    }
    context.strokeStyle = '#f59e0b';
    context.lineWidth = 2;
    context.strokeRect(window.left * scale + 1, window.top * scale + 1, window.width * scale - 2, window.height * scale - 2);
  }, [pixels, source, window, scale]);
  const where = `rows ${window.top + 1}–${window.top + window.height}, columns ${window.left + 1}–${window.left + window.width}`;
  const name = source.layerIndex < 0 ? 'the 28×28 input' : `${source.layerName}${source.channels > 1 ? `, channel ${channel + 1}` : ''}`;
  if (!pixels) {
    return (
      <p className="muted small">
        It reads {where} of {source.layerName} ({source.layerType}), which is not drawn as a map; its numbers are below.
      </p>
    );
  }
  return (
    <figure className="source-window">
      <canvas ref={canvasRef} width={source.width * scale} height={source.height * scale} role="img" aria-label={`The window it reads, outlined on ${name}: ${where}`} />
      <figcaption>
        Reads {where} of {name}
      </figcaption>
    </figure>
  );
}
