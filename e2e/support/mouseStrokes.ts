import type { Locator, Page } from '@playwright/test';

/** Strokes in fractions of the target's box (0–1 across and down). */
export type Strokes = readonly (readonly (readonly [number, number])[])[];

/**
 * Draws strokes on an element with page.mouse: down, one move per point, up, stroke after stroke. The box is read in
 * the page's coordinates, so this works for a pad inside an iframe too.
 */
export async function drawWithMouse(page: Page, target: Locator, strokes: Strokes): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('the pad is not on screen');
  for (const stroke of strokes) {
    const [first, ...rest] = stroke.map(([x, y]) => [box.x + x * box.width, box.y + y * box.height] as const);
    if (!first) continue;
    await page.mouse.move(first[0], first[1]);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(x, y);
    await page.mouse.up();
  }
}
