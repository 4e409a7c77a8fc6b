import { useEffect, useRef } from 'react';

const MNIST_SHAPE = [28, 28, 1] as const;

interface DigitImageProps {
  /** All evaluated images, H×W×C bytes each. */
  readonly images: Uint8Array;
  readonly index: number;
  readonly size?: number;
  readonly label: string;
  /** H, W, C of each image: MNIST's 28×28×1 unless told; C 3 is colour. */
  readonly shape?: readonly [number, number, number];
}

/** One image as the network sees it (an MNIST digit white on black, or the dataset's colours), enlarged without blurring. */
export function DigitImage({ images, index, size = 56, label, shape = MNIST_SHAPE }: DigitImageProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [height, width, channels] = shape;
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const count = height * width;
    const pixels = images.subarray(index * count * channels, (index + 1) * count * channels);
    const image = context.createImageData(width, height);
    for (let i = 0; i < count; i++) {
      const at = i * channels;
      const red = pixels[at] ?? 0;
      image.data.set(channels >= 3 ? [red, pixels[at + 1] ?? 0, pixels[at + 2] ?? 0, 255] : [red, red, red, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [images, index, height, width, channels]);
  const style = { width: size, height: Math.round((size * height) / width) };
  return <canvas ref={canvas} className="digit" width={width} height={height} style={style} role="img" aria-label={label} />;
}
