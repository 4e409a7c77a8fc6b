import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';
import { DistServer } from './support/distServer.ts';

const server = new DistServer('/convnet-playground/');
let baseUrl = '';
test.beforeAll(async () => {
  baseUrl = await server.start();
});
test.afterAll(() => server.stop());

test('the production build works from a sub-path, and after the first visit it opens and trains offline', async ({ page, context }) => {
  const app = new PlaygroundPage(page);
  await page.goto(baseUrl);
  await app.waitUntilReady();
  await expect(app.summary).toContainText('Total params: 93,322');
  // The offline cache is complete once the service worker controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);

  // This host sends no isolation headers: the first visit trains on one thread; the service worker adds them, so the
  // next visit is cross-origin isolated and wasm trains on every core.
  const backend = page.getByLabel('Backend', { exact: true });
  await expect(backend).toContainText('1 thread');
  await page.reload();
  await app.waitUntilReady();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(backend).toContainText(`${cores} threads`);
  // The service worker also sent the site's Content-Security-Policy with the training worker's script: no eval there.
  // (In a task of the worker's own: DevTools' evaluate itself is exempt from the policy.)
  const evalInWorker = () =>
    app.trainingWorker().evaluate(
      () =>
        new Promise<string>((resolve) =>
          setTimeout(() => {
            try {
              resolve((0, eval)('"eval ran"') as string);
            } catch (error) {
              resolve((error as Error).name);
            }
          }),
        ),
    );
  expect(await evalInWorker()).toBe('EvalError');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'ConvNet Playground' })).toBeVisible();
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 64, 'Batch size': 32, Epochs: 1, 'Test images': 50 });
  await app.trainButton.click();
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
  await expect(app.testAccuracy).toBeVisible();
  await context.setOffline(false);
});
