import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';
import { DistServer } from './support/distServer.ts';

const server = new DistServer();
let baseUrl = '';
test.beforeAll(async () => {
  baseUrl = await server.start();
});
test.afterAll(() => server.stop());
test.afterEach(() => server.faults.clear());

test('a corrupt MNIST file gives a clear message with a retry, and the model stays on screen', async ({ page }) => {
  server.faults.set('/mnist/train-labels-idx1-ubyte.gz.bin', (original) => {
    const body = Buffer.from(original);
    const at = body.length - 20;
    body[at] = (body[at] ?? 0) ^ 0xff;
    return { status: 200, body };
  });
  const app = new PlaygroundPage(page);
  await page.goto(baseUrl);
  const alert = page.getByRole('alert').filter({ hasText: 'MNIST file train-labels-idx1-ubyte.gz.bin' });
  await expect(alert).toContainText(/is corrupt/);
  await expect(app.summary).toContainText('Total params: 93,322');
  await expect(app.trainButton).toBeDisabled();
  await expect(page.getByText('MNIST could not be loaded.')).toBeVisible();

  server.faults.clear();
  await page.getByRole('button', { name: 'Retry loading MNIST' }).click();
  await expect(page.getByLabel('MNIST data')).toContainText('MNIST ready');
  await expect(alert).toHaveCount(0);
  await expect(app.trainButton).toBeEnabled();
});

test('a truncated MNIST file is named as truncated', async ({ page }) => {
  server.faults.set('/mnist/t10k-labels-idx1-ubyte.gz.bin', (original) => ({ status: 200, body: original.subarray(0, 1000) }));
  await page.goto(baseUrl);
  await expect(page.getByRole('alert').filter({ hasText: 't10k-labels-idx1-ubyte.gz.bin' })).toContainText(/is (truncated|corrupt)/);
});

test('a missing MNIST file says which one, with its HTTP status', async ({ page }) => {
  server.faults.set('/mnist/t10k-images-idx3-ubyte.gz.bin', () => ({ status: 404, body: 'Not found' }));
  await page.goto(baseUrl);
  await expect(page.getByRole('alert').filter({ hasText: 't10k-images-idx3-ubyte.gz.bin' })).toContainText('could not be downloaded (HTTP 404)');
});

test('invalid training settings are explained at the field and disable Train', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  const cases: [string, string, RegExp][] = [
    ['Batch size', '0', /at least 1/],
    ['Learning rate', '-1', /greater than 0/],
    ['Learning rate', '1e309', /Enter a number/],
    ['Training images', '70000', /At most 60,000/],
    ['Epochs', '2.5', /whole number/],
    ['Epochs', '', /Enter a whole number/],
    ['Validation split', 'abc', /between 0 and 0.9/],
  ];
  for (const [label, value, message] of cases) {
    const field = page.getByLabel(label, { exact: true });
    const original = await field.inputValue();
    await field.fill(value);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field.locator('xpath=..').getByRole('alert')).toHaveText(message);
    await expect(app.trainButton).toBeDisabled();
    await expect(page.getByText('Fix the training settings marked above.')).toBeVisible();
    await field.fill(original);
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  }
  await expect(app.trainButton).toBeEnabled();
});

test('strange values in every layer field are explained at the field and never break the page', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await page.getByRole('button', { name: '+ Dropout' }).click();
  const fields = ['Filters of layer 1', 'Kernel height of layer 1', 'Strides width of layer 1', 'Pool height of layer 2', 'Units of layer 7', 'Rate of layer 9'];
  for (const label of fields) {
    const field = page.getByLabel(label, { exact: true });
    const original = await field.inputValue();
    for (const value of ['', '-1', '1e309', 'abc', '2.5', '0', '99999999']) {
      await field.fill(value);
      await expect(page.getByRole('heading', { name: 'ConvNet Playground' })).toBeVisible();
      if (!(label.startsWith('Rate') && value === '0')) await expect(app.trainButton).toBeDisabled();
      await expect(page.getByLabel('Keras Python code')).toBeVisible();
    }
    await field.fill(original);
  }
  await expect(page.getByLabel('Total parameters')).toHaveText('93,322');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a learning rate of 10 makes training diverge: the run stops at once, the chart marks where, and a smaller rate is suggested', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await page.goto(baseUrl);
  await app.waitUntilReady();
  await app.setSettings({ 'Learning rate': 10, 'Training images': 6400, 'Batch size': 64, Epochs: 1, 'Test images': 100 });
  await app.trainButton.click();
  await expect(app.status).toHaveText('Failed', { timeout: 120_000 });
  const message = page.getByRole('alert').filter({ hasText: 'Training diverged' });
  await expect(message).toContainText(/Training diverged at batch \d+ of epoch 1: .*Try a smaller learning rate \(now 10\)\./);
  // It stopped at once: well before the 100 batches of the epoch.
  const batch = Number(/at batch (\d+)/.exec((await message.textContent()) ?? '')?.[1]);
  expect(batch).toBeLessThan(100);
  const markedAt = Number(await app.lossChart.getAttribute('data-diverged-at'));
  expect(markedAt).toBeCloseTo(batch / 100, 5);
  await expect(app.lossChart).toContainText('diverged');
});
