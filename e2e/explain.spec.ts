import { expect, test } from '@playwright/test';
import { DrawPadPanel } from './pages/DrawPadPanel.ts';
import { ExplainPanel } from './pages/ExplainPanel.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';

const SIDE = 28;

/** The share of the map's magnitude on pixels within `reach` of ink (above 0.1): the same sum as domain's shareNearInk. */
function shareNearInk(values: number[], ink: number[], reach: number): number {
  let near = 0;
  let total = 0;
  values.forEach((value, i) => {
    const [y, x] = [Math.floor(i / SIDE), i % SIDE];
    let inked = false;
    for (let dy = -reach; dy <= reach && !inked; dy++) {
      for (let dx = -reach; dx <= reach && !inked; dx++) {
        const [yy, xx] = [y + dy, x + dx];
        inked = yy >= 0 && yy < SIDE && xx >= 0 && xx < SIDE && (ink[yy * SIDE + xx] ?? 0) > 0.1;
      }
    }
    total += Math.abs(value);
    if (inked) near += Math.abs(value);
  });
  return near / total;
}

test.beforeEach(async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await expect(new DrawPadPanel(page).modelChoice(/^Pretrained \(shipped/)).toBeChecked({ timeout: 60_000 });
});

test('a drawn 7: the heat map lies on the ink, for its answer and for "why not a 1?", by each method', async ({ page }) => {
  const pad = new DrawPadPanel(page);
  const explain = new ExplainPanel(page);
  await pad.drawDigit(7, { size: 0.7, left: 0.15, top: 0.12 });
  expect(await pad.readDigit()).toBe(7);

  const gradient = await explain.heatMapNumbers(7);
  expect(gradient.values).toHaveLength(784);
  expect(gradient.values.some((v) => v !== 0)).toBe(true);
  // Gradient × input is zero off the ink by its definition; 1 pixel of reach covers the faint anti-aliased edge.
  expect(shareNearInk(gradient.values, gradient.ink, 1)).toBeGreaterThan(0.95);

  await explain.classPicker.selectOption('1');
  await expect(explain.attribution).toContainText('Why not a 1?');
  const whyNotOne = await explain.heatMapNumbers(1);
  expect(whyNotOne.values).not.toEqual(gradient.values);

  await explain.classPicker.selectOption('');
  await explain.method('Occlusion').check();
  await expect(explain.attribution).toContainText('Where it misleads: Coarse');
  await expect(explain.attribution).toContainText('Occlusion, computed in');
  const occlusion = await explain.heatMapNumbers(7);
  // A 4×4 patch that covers no ink changes nothing: the mass lies within the patch's reach of the strokes, most of it on them.
  expect(shareNearInk(occlusion.values, occlusion.ink, 3)).toBeGreaterThan(0.99);
  expect(shareNearInk(occlusion.values, occlusion.ink, 1)).toBeGreaterThan(0.6);

  await explain.method('Grad-CAM').check();
  await expect(explain.attribution).toContainText('Grad-CAM, computed in');
  await expect(explain.heatMap.getByRole('img', { name: /Heat map over your digit/ })).toBeVisible();
  await explain.heatMap.getByText('The map as numbers').click();
  await expect(explain.heatMap.getByRole('table')).toContainText('rows 1–4');

  // An empty pad has nothing to explain: the view goes, and no answer still on its way brings it back.
  await pad.pad.press('Escape');
  await expect(explain.attribution).toHaveCount(0);
});

test('a clicked conv cell shows its window, kernel and products, and a sum equal to the value shown; pooling and softmax too', async ({ page }) => {
  const pad = new DrawPadPanel(page);
  const explain = new ExplainPanel(page);
  await pad.drawDigit(3, { size: 0.7, left: 0.15, top: 0.12 });
  await pad.waitForSettledAnswer();

  // conv2d_1: 32 tiles of 26×26 in 8 columns. The cell at row 10, column 12 of the first channel.
  await explain.clickCell('conv2d_1', 10, 12, 26, 8);
  await expect(explain.cellView).toContainText('conv2d_1 (Conv2D), row 11, column 13, channel 1');
  await expect(explain.cellView.getByRole('img', { name: /outlined on the 28×28 input: rows 11–13, columns 13–15/ })).toBeVisible();
  const [window, kernel, products] = [await explain.grid(/^Window/), await explain.grid(/^Kernel weights/), await explain.grid(/^Products/)];
  expect([window.length, kernel.length, products.length]).toEqual([9, 9, 9]);
  products.forEach((product, i) => expect(product).toBeCloseTo((window[i] ?? 0) * (kernel[i] ?? 0), 2));
  const { sum, bias, value, modelValue } = await explain.sums();
  expect(products.reduce((a, b) => a + b, 0)).toBeCloseTo(sum, 1);
  expect(value).toBeCloseTo(Math.max(0, sum + bias), 5);
  expect(value).toBeCloseTo(modelValue, 4);
  await expect(explain.cellView.locator('.cell-check')).toContainText('the same number');

  // The neighbouring cell, by keyboard.
  await explain.cellView.getByRole('button', { name: 'Cell right' }).press('Enter');
  await expect(explain.cellView).toContainText('row 11, column 14, channel 1');

  // Enter on a focused grid explains its brightest cell: conv2d_2 reads all 32 channels of max_pooling2d_1.
  await explain.featureMap('conv2d_2').focus();
  await page.keyboard.press('Enter');
  await expect(explain.cellView).toContainText('conv2d_2 (Conv2D)');
  await expect(explain.cellView.getByLabel('Input channel shown')).toBeVisible();
  const deep = await explain.sums();
  expect(deep.value).toBeCloseTo(deep.modelValue, 4);

  await explain.clickCell('max_pooling2d_1', 5, 5, 13, 8);
  await expect(explain.cellView).toContainText('max_pooling2d_1 (MaxPooling2D)');
  await expect(explain.cellView).toContainText('The largest of the window');

  await explain.softmaxButton.click();
  const softmax = explain.cellView.getByRole('table', { name: /^Softmax/ });
  await expect(softmax.locator('tbody tr')).toHaveCount(10);
  const shownProbabilities = (await softmax.locator('tbody tr td:nth-child(4)').allTextContents()).map((t) => Number(t.replace('%', '')) / 100);
  const bars = await pad.probabilities();
  shownProbabilities.forEach((p, k) => expect(p).toBeCloseTo(bars[k] ?? 0, 2));
  await page.keyboard.press('Escape');
  await expect(explain.cellView).toHaveCount(0);
});

test('watch it learn: the filters change between epochs of a short run, and the epochs can be scrubbed; an open explanation follows the new model', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const pad = new DrawPadPanel(page);
  const explain = new ExplainPanel(page);
  await app.waitUntilReady();
  await pad.drawDigit(2, { size: 0.7, left: 0.15, top: 0.12 });
  await pad.waitForSettledAnswer();
  await explain.softmaxButton.click();
  const pretrained = await explain.sums();
  await app.setSettings({ 'Training images': 320, 'Batch size': 32, Epochs: 2, 'Validation split': 0, 'Test images': 100 });
  await app.trainButton.click();
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
  const panel = page.getByRole('region', { name: 'Watch it learn' });
  const scrubber = panel.getByRole('slider', { name: /Epoch/ });
  await expect(scrubber).toHaveAttribute('max', '2');
  const frame = panel.locator('.learning-frame');
  const filtersAt = async (epoch: number) => {
    await expect(frame).toHaveAttribute('data-epoch', String(epoch));
    return frame.getAttribute('data-filters');
  };
  const after2 = await filtersAt(2);
  await scrubber.press('ArrowLeft');
  const after1 = await filtersAt(1);
  await scrubber.press('ArrowLeft');
  const before = await filtersAt(0);
  await expect(panel).toContainText('before training');
  await expect(panel).toContainText(/Making these 3 pictures took the training worker \d+ ms in all/);
  expect(new Set([before, after1, after2]).size).toBe(3);
  expect(before?.split(' ')).toHaveLength(32 * 9);
  // The pad switched to the model just trained, and the explanation left open was worked out again from it.
  await expect(pad.modelChoice(/^Yours: /)).toBeChecked();
  await expect.poll(async () => (await explain.sums()).modelValue, { timeout: 30_000 }).not.toBeCloseTo(pretrained.modelValue, 6);
  const trained = await explain.sums();
  expect(trained.value).toBeCloseTo(trained.modelValue, 4);
});
