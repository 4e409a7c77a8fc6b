import { useEffect, useRef } from 'react';

const SIDE = 28;

interface DigitImageProps {
  /** All evaluated images, 784 bytes each. */
  readonly images: Uint8Array;
  readonly index: number;
  readonly size?: number;
  readonly label: string;
}

/** One 28×28 MNIST image, white on black as the network sees it, enlarged without blurring. */
export function DigitImage({ images, index, size = 56, label }: DigitImageProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const pixels = images.subarray(index * SIDE * SIDE, (index + 1) * SIDE * SIDE);
    const image = context.createImageData(SIDE, SIDE);
    pixels.forEach((value, i) => {
      image.data.set([value, value, value, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  }, [images, index]);
  return <canvas ref={canvas} className="digit" width={SIDE} height={SIDE} style={{ width: size, height: size }} role="img" aria-label={label} />;
}
