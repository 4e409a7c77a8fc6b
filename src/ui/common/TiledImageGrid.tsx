import { useEffect, useRef, useState } from 'react';

/** Channel-major grayscale images (count × height × width, 0–255) laid out as a grid of tiles on one canvas. */
export interface TiledImages {
  readonly label: string;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly pixels: Uint8ClampedArray;
  /** What one tile is called: "channel" for activations, "filter" for kernels. */
  readonly unit: string;
}

const GAP = 1;

function gridOf(images: TiledImages) {
  const columns = Math.min(images.count, images.width >= 20 || images.width < 8 ? 8 : 16);
  const rows = Math.ceil(images.count / columns);
  return { columns, rows, canvasWidth: columns * (images.width + GAP) - GAP, canvasHeight: rows * (images.height + GAP) - GAP };
}

/**
 * One canvas per layer (hundreds of small canvases would cost more than the prediction). Pointing at a tile, or moving
 * through them with the arrow keys once the grid has focus, says which layer and channel it is.
 */
export function TiledImageGrid({ images }: { readonly images: TiledImages }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const { columns, canvasWidth, canvasHeight } = gridOf(images);

  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    const picture = context.createImageData(canvasWidth, canvasHeight);
    const { count, height, width, pixels } = images;
    picture.data.fill(255);
    for (let tile = 0; tile < count; tile++) {
      const left = (tile % columns) * (width + GAP);
      const top = Math.floor(tile / columns) * (height + GAP);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const value = pixels[(tile * height + y) * width + x] ?? 0;
          const at = ((top + y) * canvasWidth + left + x) * 4;
          picture.data[at] = value;
          picture.data[at + 1] = value;
          picture.data[at + 2] = value;
        }
      }
    }
    context.putImageData(picture, 0, 0);
  }, [images, columns, canvasWidth, canvasHeight]);

  const describe = (tile: number) => `${images.label}, ${images.unit} ${tile + 1} of ${images.count} (${images.height}×${images.width})`;
  const tileAt = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * canvasWidth;
    const y = ((event.clientY - box.top) / box.height) * canvasHeight;
    const tile = Math.floor(y / (images.height + GAP)) * columns + Math.floor(x / (images.width + GAP));
    return tile >= 0 && tile < images.count ? tile : null;
  };
  const move = (step: number) => setSelected((tile) => Math.min(images.count - 1, Math.max(0, (tile ?? -step) + step)));

  return (
    <figure className="feature-map">
      <canvas
        ref={canvasRef}
        width={canvasWidth}
        height={canvasHeight}
        tabIndex={0}
        aria-label={`${images.label}: ${images.count} ${images.unit}s. Arrow keys step through them.`}
        // Kernels are 3×3: drawn larger than activations so they can be seen at all.
        style={{ width: Math.min(canvasWidth * (images.width < 8 ? 6 : 2), 340) }}
        onMouseMove={(event) => setSelected(tileAt(event))}
        onMouseLeave={() => setSelected(null)}
        onKeyDown={(event) => {
          const steps: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns };
          const step = steps[event.key];
          if (step === undefined) return;
          event.preventDefault();
          move(step);
        }}
      />
      <figcaption aria-live="polite">{selected === null ? images.label : describe(selected)}</figcaption>
    </figure>
  );
}
