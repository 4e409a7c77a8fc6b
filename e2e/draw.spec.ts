import { expect, test } from '@playwright/test';
import { DrawPadPanel } from './pages/DrawPadPanel.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';

/** Ten digits at different sizes and places on the pad: small and off-centre, large, near each corner. */
const DRAWINGS = [
  { digit: 0, size: 0.7, left: 0.15, top: 0.12 },
  { digit: 1, size: 0.5, left: 0.1, top: 0.08 },
  { digit: 2, size: 0.8, left: 0.12, top: 0.1 },
  { digit: 3, size: 0.55, left: 0.4, top: 0.38 },
  { digit: 4, size: 0.65, left: 0.3, top: 0.05 },
  { digit: 5, size: 0.6, left: 0.05, top: 0.35 },
  { digit: 6, size: 0.75, left: 0.25, top: 0.2 },
  { digit: 7, size: 0.45, left: 0.5, top: 0.1 },
  { digit: 8, size: 0.7, left: 0.2, top: 0.15 },
  { digit: 9, size: 0.6, left: 0.35, top: 0.3 },
];

test('the shipped model reads ten digits drawn with the mouse, at once on first open; Clear empties pad and prediction', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const reader = new DrawPadPanel(page);
  await app.open();
  await expect(reader.modelChoice(/^Pretrained/)).toBeChecked({ timeout: 60_000 });
  await expect(reader.prediction).toContainText('Draw a digit');

  const read: number[] = [];
  for (const [i, { digit, ...placement }] of DRAWINGS.entries()) {
    // Two samples per curve segment, not four: half the mouse moves (each one the pad reads, about 80 ms apiece on
    // this 2-core machine), through the same control points.
    await reader.drawDigit(digit, placement, 2);
    const { digit: answer, probabilities } = await reader.readAnswer();
    read.push(answer);
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 1);
    // Clear by button and by Escape, alternately; either way the pad and the prediction are empty.
    if (i % 2 === 0) await reader.clearButton.click();
    else await reader.pad.press('Escape');
    await expect(reader.predictedDigit).toHaveCount(0);
    await expect(reader.prediction).toContainText('Draw a digit and the network reads it');
  }
  expect(read).toEqual(DRAWINGS.map((d) => d.digit));
});

test('what the network sees: feature maps of every conv and pooling layer, and the first layer filters, named on hover', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const reader = new DrawPadPanel(page);
  await app.open();
  await expect(reader.modelChoice(/^Pretrained/)).toBeChecked({ timeout: 60_000 });
  await reader.drawDigit(7, { size: 0.7, left: 0.15, top: 0.15 });
  await expect(reader.predictedDigit).toHaveAttribute('data-digit', '7');

  const maps = page.locator('.feature-map');
  await expect(maps.locator('figcaption')).toHaveText([
    'First layer filters (3×3 kernels it learned)',
    'conv2d_1 (Conv2D)',
    'max_pooling2d_1 (MaxPooling2D)',
    'conv2d_2 (Conv2D)',
    'max_pooling2d_2 (MaxPooling2D)',
    'conv2d_3 (Conv2D)',
  ]);
  const firstConv = maps.nth(1);
  const canvas = firstConv.locator('canvas');
  await canvas.hover({ position: { x: 2, y: 2 } });
  await expect(firstConv.locator('figcaption')).toHaveText('conv2d_1 (Conv2D), channel 1 of 32 (26×26)');
  await canvas.focus();
  await canvas.press('ArrowRight');
  await expect(firstConv.locator('figcaption')).toHaveText(/channel \d+ of 32/);

  // The maps are the digit's: a different digit lights different pixels.
  const pixelsOf = () => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const before = await pixelsOf();
  await reader.clearButton.click();
  await reader.drawDigit(1, { size: 0.7, left: 0.2, top: 0.15 });
  await expect(reader.predictedDigit).toHaveAttribute('data-digit', '1');
  expect(await pixelsOf()).not.toBe(before);

  // The image the network receives is on screen, white on black.
  await expect(page.getByRole('img', { name: 'The 28×28 image the network receives' })).toBeVisible();
});

test('after training, your model answers; the switch says which model is reading and goes back to the shipped one', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const reader = new DrawPadPanel(page);
  await app.open();
  await app.waitUntilReady();
  await reader.drawDigit(3, { size: 0.7, left: 0.15, top: 0.15 });
  await expect(reader.prediction).toContainText('by Pretrained chapter-5 model');
  const pretrained = await reader.probabilities();

  // A deliberately weak model (a few hundred images), so its answers differ from the shipped one's.
  await app.setSettings({ 'Training images': 320, 'Batch size': 32, Epochs: 1, 'Test images': 100 });
  await app.trainButton.click();
  await expect(app.status).toHaveText('Finished', { timeout: 120_000 });
  await expect(reader.modelChoice(/^Yours: Run 1/)).toBeChecked();
  await expect(reader.prediction).toContainText('by Run 1');
  const yours = await reader.probabilities();
  expect(yours).not.toEqual(pretrained);

  await reader.modelChoice(/^Pretrained/).check();
  await expect(reader.prediction).toContainText('by Pretrained chapter-5 model');
  expect(await reader.probabilities()).toEqual(pretrained);
});

test('the pad keeps reading while a model trains in the same worker', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const reader = new DrawPadPanel(page);
  await app.open();
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 60_000, 'Batch size': 64, Epochs: 1, 'Test images': 100 });
  await app.trainButton.click();
  await expect(app.status).toHaveText('Training');
  await reader.drawDigit(7, { size: 0.7, left: 0.15, top: 0.15 });
  await expect(reader.predictedDigit).toHaveAttribute('data-digit', '7');
  await expect(reader.prediction).toContainText('by Pretrained chapter-5 model');
  const latency = Number(await reader.prediction.getAttribute('data-latency-ms'));
  expect(latency).toBeLessThan(1000);
  await expect(app.status).toHaveText('Training');
  await app.stopButton.click();
  await expect(app.status).toHaveText('Stopped');
});

test.describe('on a phone, with a finger and with a pen', () => {
  test.use({ hasTouch: true, viewport: { width: 412, height: 915 } });

  test('digits drawn by touch and by pen are read, and the page does not scroll under the finger', async ({ page }) => {
    const app = new PlaygroundPage(page);
    const reader = new DrawPadPanel(page);
    await app.open();
    await expect(reader.modelChoice(/^Pretrained/)).toBeChecked({ timeout: 60_000 });
    // The test's own record of what reached the pad, to show the strokes came as touch and pen.
    await reader.pad.evaluate((pad) => {
      const seen: string[] = [];
      (window as unknown as { padPointers: string[] }).padPointers = seen;
      for (const type of ['pointerdown', 'pointercancel']) pad.addEventListener(type, (e) => seen.push(`${type}:${(e as PointerEvent).pointerType}`));
    });
    for (const [pointer, digit] of [['touch', 3], ['pen', 2], ['touch', 7], ['pen', 8]] as const) {
      await reader.drawDigitWith(pointer, digit, { size: 0.7, left: 0.15, top: 0.12 });
      expect(await reader.readDigit(), `${digit} drawn by ${pointer}`).toBe(digit);
      // Scrolled into view first (the next drawing would do it), so only a stroke could move the page after this.
      await reader.pad.scrollIntoViewIfNeeded();
      const scrolled = await page.evaluate(() => window.scrollY);
      await reader.drawDigitWith(pointer, 1, { size: 0.2, left: 0.1, top: 0.7 });
      expect(await page.evaluate(() => window.scrollY), 'a stroke must not scroll the page').toBe(scrolled);
      await reader.clearButton.click();
      await expect(reader.predictedDigit).toHaveCount(0);
    }
    const seen = await page.evaluate(() => (window as unknown as { padPointers: string[] }).padPointers);
    expect(new Set(seen)).toEqual(new Set(['pointerdown:touch', 'pointerdown:pen']));
  });
});
