/**
 * A small colour dataset of simple shapes, made by the test in the browser (OffscreenCanvas, PNG): red circles,
 * green squares and blue triangles at random places and sizes on a light background, 32×32, so none is 28×28.
 */
import type { Page } from '@playwright/test';

export interface ShapeFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export const SHAPE_CLASSES = ['circles', 'squares', 'triangles'] as const;

export async function makeShapeImages(page: Page, perClass: number, side = 32): Promise<ShapeFile[]> {
  const made = await page.evaluate(
    async ({ perClass, side, classes }) => {
      let seed = 12345;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const out: { path: string; bytes: number[] }[] = [];
      for (const [label, name] of classes.entries()) {
        for (let i = 0; i < perClass; i++) {
          const canvas = new OffscreenCanvas(side, side);
          const context = canvas.getContext('2d')!;
          context.fillStyle = `rgb(${220 + random() * 35}, ${220 + random() * 35}, ${220 + random() * 35})`;
          context.fillRect(0, 0, side, side);
          const size = side * (0.3 + random() * 0.35);
          const x = random() * (side - size);
          const y = random() * (side - size);
          context.fillStyle = ['rgb(220, 30, 30)', 'rgb(30, 170, 40)', 'rgb(30, 60, 220)'][label]!;
          context.beginPath();
          if (label === 0) context.arc(x + size / 2, y + size / 2, size / 2, 0, 2 * Math.PI);
          else if (label === 1) context.rect(x, y, size, size);
          else {
            context.moveTo(x + size / 2, y);
            context.lineTo(x + size, y + size);
            context.lineTo(x, y + size);
          }
          context.fill();
          const blob = await canvas.convertToBlob({ type: 'image/png' });
          out.push({ path: `${name}/${name}-${i}.png`, bytes: [...new Uint8Array(await blob.arrayBuffer())] });
        }
      }
      return out;
    },
    { perClass, side, classes: [...SHAPE_CLASSES] },
  );
  return made.map(({ path, bytes }) => ({ path, bytes: Uint8Array.from(bytes) }));
}
