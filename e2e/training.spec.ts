import { expect, test, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';
import { NOT_MEASURED } from './support/rememberedBackend.ts';

/** Records main-thread long tasks from the first script on, so a training run can be checked for jank. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const durations: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = durations;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => durations.push(entry.duration))).observe({ type: 'longtask', buffered: true });
  });
}

// This test checks the measurement's choice itself, so its page measures afresh (see e2e/support/rememberedBackend.ts).
test.describe(() => {
  test.use({ storageState: NOT_MEASURED });

  test('trains the default model on a small subset in the worker: curves grow, loss falls, test accuracy appears', async ({ page }) => {
    await watchLongTasks(page);
    const app = new PlaygroundPage(page);
    await app.open();
    await app.waitUntilReady();
    // Measured here (no GPU): WebGL runs on SwiftShader, so wasm trains fastest.
    await expect(page.getByLabel('Backend', { exact: true })).toContainText('WASM');
    await app.setSettings({ 'Training images': 480, 'Batch size': 32, Epochs: 1, 'Validation split': 0.2, 'Test images': 300 });
    await expect(page.getByText('384 images per epoch, 96 held out for validation')).toBeVisible();
    const longTasksBefore = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);

    await app.trainButton.click();
    await expect(app.status).toHaveText('Training');
    await expect.poll(() => app.chartPoints(app.lossChart), { timeout: 120_000 }).toBeGreaterThan(0);
    const early = await app.chartPoints(app.lossChart);
    await expect.poll(() => app.chartPoints(app.lossChart), { timeout: 120_000 }).toBeGreaterThan(early);

    await expect(app.testAccuracy).toBeVisible({ timeout: 180_000 });
    await expect(app.status).toHaveText('Finished');
    const accuracy = Number((await app.testAccuracy.textContent())?.replace('%', ''));
    expect(accuracy).toBeGreaterThan(30);
    expect(await app.chartPoints(app.lossChart)).toBe(12);
    expect(await app.accuracyChart.getAttribute('data-validation-points')).toBe('1');

    const losses = await app.batchLosses();
    expect(losses).toHaveLength(12);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-3))).toBeLessThan(mean(losses.slice(0, 3)));

    // What the model gets wrong: every evaluated image is counted once, and each number opens its images.
    const matrix = page.getByRole('table', { name: 'Confusion matrix' });
    const counts = (await matrix.getByRole('button').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count')))));
    expect(counts).toHaveLength(100);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
    const diagonal = counts.filter((_, i) => Math.floor(i / 10) === i % 10).reduce((a, b) => a + b, 0);
    expect(diagonal / 300).toBeCloseTo(accuracy / 100, 3);
    const ones = page.getByRole('button', { name: /^True 1, read as 1: \d+ images$/ });
    const onesCount = Number(await ones.getAttribute('data-count'));
    await ones.click();
    const cellGallery = page.getByRole('region', { name: 'True 1, read as 1' });
    await expect(cellGallery.getByRole('img')).toHaveCount(Math.min(onesCount, 24));
    await expect(cellGallery.getByRole('img').first()).toHaveAccessibleName(/a 1$/);
    const mistakes = page.getByRole('region', { name: 'Most confident mistakes' });
    const wrong = 300 - diagonal;
    await expect(mistakes.getByRole('listitem')).toHaveCount(Math.min(wrong, 24));
    if (wrong > 0) await expect(mistakes.getByRole('listitem').first()).toContainText(/true \d → read \d/);

    const longTasks = await page.evaluate((from) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(from), longTasksBefore);
    expect(longTasks.filter((d) => d > 200)).toEqual([]);
  });
});

test('Pause holds training, Resume continues it, Stop ends it mid-epoch, and Train works again; the page opens with the chapter-5 model and its Keras summary', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await expect(app.summary).toContainText('Total params: 93,322');
  await expect(app.summary).toContainText('conv2d_1 (Conv2D)            (None, 26, 26, 32)        320');
  await expect(page.getByLabel('Total parameters')).toHaveText('93,322');
  await app.waitUntilReady();
  await expect(page.getByLabel('Backend', { exact: true })).toContainText(/WASM|WebGL|CPU/);

  await app.setSettings({ 'Training images': 3200, 'Batch size': 32, Epochs: 1, 'Test images': 100 });
  await app.trainButton.click();
  await expect.poll(() => app.completedSteps(), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);

  await app.pauseButton.click();
  await expect(app.status).toHaveText('Paused');
  const pausedAt = await app.completedSteps();
  await page.waitForTimeout(2500);
  expect(await app.completedSteps()).toBe(pausedAt);

  await app.resumeButton.click();
  await expect(app.status).toHaveText('Training');
  await expect.poll(() => app.completedSteps(), { timeout: 60_000 }).toBeGreaterThan(pausedAt);

  await app.stopButton.click();
  await expect(app.status).toHaveText('Stopped');
  const stoppedAt = await app.completedSteps();
  expect(stoppedAt).toBeLessThan(100);
  await expect(page.getByText(`Stopped after ${stoppedAt} batches`)).toBeVisible();
  await expect(app.testAccuracy).toHaveCount(0);

  await expect(app.trainButton).toBeEnabled();
  await app.trainButton.click();
  await expect(app.status).toHaveText('Training');
  await expect.poll(() => app.completedSteps(), { timeout: 60_000 }).toBeGreaterThan(0);
  await app.stopButton.click();
  await expect(app.status).toHaveText('Stopped');
});
