import { expect, test, type Locator } from '@playwright/test';
import { encodeIdx } from '../src/data/idx.ts';
import { EditorPanel } from './pages/EditorPanel.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';
import { TestImagePicker } from './pages/TestImagePicker.ts';
import { YourImagesPanel, type FileToUpload } from './pages/YourImagesPanel.ts';
import { framelessPageAxe } from './support/axe.ts';
import { makeShapeImages, SHAPE_CLASSES } from './support/shapeImages.ts';

const PER_CLASS = 40;
const text = (path: string, words: string): FileToUpload => ({ path, bytes: new TextEncoder().encode(words) });

/** Pixels of a canvas that are clearly red: a red circle drawn in colour has many. */
function countReddish(canvas: Locator): Promise<number> {
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const data = element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 0) > 180 && (data[i + 1] ?? 0) < 90) count++;
    return count;
  });
}

test('a generated colour shapes dataset: chosen as a folder and as a ZIP, previewed, kept across a reload, its Keras code the same', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  const yours = new YourImagesPanel(page);
  await playground.open();
  await yours.choose();
  const shapes = await makeShapeImages(page, PER_CLASS);

  // A folder at 16×16 greyscale, with a README beside the class folders and a .DS_Store: skipped and counted.
  await yours.setOptions({ size: 16, colour: 'Greyscale' });
  await yours.uploadFolder('shapes', [...shapes, text('README.txt', 'three shapes'), text('circles/.DS_Store', 'x')]);
  await expect(yours.notice).toHaveText(`Imported ${3 * PER_CLASS} images in 3 classes; 1 hidden file (such as __MACOSX, .DS_Store) skipped; 1 file outside the class folders skipped; ${3 * PER_CLASS} resized to 16×16.`);
  await expect(yours.facts).toContainText(`shapes: ${3 * PER_CLASS} images of 16×16×1 in 3 classes (96 train, 24 test)`);
  // The book's convnet does not fit 16×16: the preset says why and cannot be loaded.
  await expect(page.getByLabel('Preset')).toHaveValue('chapter5');
  await expect(page.getByRole('button', { name: 'Load preset' })).toBeDisabled();
  await expect(page.getByText('Needs larger images than 16×16×1: at its layer 5 (Conv2D), kernel 3×3 is larger than its 2×2 input.')).toBeVisible();

  // The same images as a ZIP with a top folder and macOS's __MACOSX, at 32×32 in colour: this one replaces it.
  await yours.setOptions({ size: 32, colour: 'Colour (RGB)' });
  await yours.uploadZip('shapes.zip', [...shapes.map((file) => ({ ...file, path: `shapes/${file.path}` })), text('__MACOSX/shapes/._circles', 'x'), text('shapes/squares/notes.txt', 'hi')]);
  await expect(yours.notice).toHaveText(`Imported ${3 * PER_CLASS} images in 3 classes; 1 non-image file skipped; 1 hidden file (such as __MACOSX, .DS_Store) skipped.`);
  await expect(yours.facts).toContainText(`shapes.zip: ${3 * PER_CLASS} images of 32×32×3 in 3 classes (96 train, 24 test)`);
  for (const name of SHAPE_CLASSES) await expect(yours.classPreview(name)).toHaveAccessibleName(`Class ${name}: ${PER_CLASS} images, 32 for training and 8 for testing`);
  // The preview is in colour: a circle's thumbnail has red pixels.
  const reddest = await yours.classPreview('circles').locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 0) > 180 && (data[i + 1] ?? 0) < 90) count++;
    return count;
  });
  expect(reddest).toBeGreaterThan(50);
  const { violations } = await framelessPageAxe(page).include('section.your-images').analyze();
  expect(violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${v.help} — ${node.target.join(' > ')}`))).toEqual([]);

  await page.reload();
  await yours.choose();
  await expect(yours.facts).toContainText(`shapes.zip: ${3 * PER_CLASS} images of 32×32×3 in 3 classes`);
  await expect(yours.previews).toHaveCount(3);
  const code = (await page.getByLabel('Keras Python code').textContent()) ?? '';
  expect(code).toContain(`image_dataset_from_directory('images', class_names=["circles", "squares", "triangles"], label_mode='categorical', color_mode='rgb', image_size=(32, 32)`);
  expect(code).toContain('validation_split=0.2');
  expect(code).toContain('seed=1337');

  // A preset takes the data's shape and classes; the PyTorch code reads the same folder the same way.
  await page.getByLabel('Preset').selectOption({ label: 'Chapter 2 dense network' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  await expect(page.getByText('Loaded “Chapter 2 dense network”, ending in Dense(3) for this dataset\'s 3 classes.')).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Input' })).toContainText('(None, 32, 32, 3) · 32×32 colour image');
  await expect(playground.summary).toContainText(/flatten_1 \(Flatten\)\s+\(None, 3072\)/);
  // 32·32·3 = 3,072 inputs: 3,072·512 + 512, then 512·3 + 3.
  await expect(playground.summary).toContainText('Total params: 1,574,915');
  await page.getByRole('radio', { name: 'PyTorch', exact: true }).check();
  const pytorch = page.getByLabel('PyTorch Python code');
  await expect(pytorch).toContainText('CLASS_NAMES = ["circles", "squares", "triangles"]');
  await expect(pytorch).toContainText('transforms.Compose([transforms.Resize((32, 32)), transforms.ToTensor()])');
  await expect(pytorch).toContainText('test_fraction=0.2, seed=1337');
  await expect(pytorch).toContainText("('dense_2', nn.Sequential(nn.Linear(512, 3), nn.Softmax(dim=1))),  # (None, 3)");
});

test('the book’s convnet, ending in Dense(3), trains on the imported shapes to clearly better than chance', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  const yours = new YourImagesPanel(page);
  await playground.open();
  await yours.choose();
  await yours.setOptions({ size: 32, colour: 'Colour (RGB)' });
  await yours.uploadZip('shapes.zip', await makeShapeImages(page, PER_CLASS));
  await expect(yours.facts).toContainText('(96 train, 24 test)');
  // 96 training images, scored on the 24 held out.
  await playground.waitUntilReady();
  await new EditorPanel(page).typeInto('Units of layer 8', '3');
  // The summary follows the data: 32×32×3 in (conv1 3·3·3·32 + 32 = 896 parameters), 3 classes out.
  await expect(playground.summary).toContainText('(None, 30, 30, 32)');
  await expect(playground.summary).toContainText(/conv2d_1 \(Conv2D\)\s+\(None, 30, 30, 32\)\s+896/);
  await expect(playground.summary).toContainText('Total params: 122,115');
  await playground.setSettings({ 'Training images': 96, 'Batch size': 16, Epochs: 6, 'Validation split': 0, 'Test images': 24 });
  await playground.trainButton.click();
  await expect(playground.testAccuracy).toBeVisible({ timeout: 120_000 });
  const accuracy = Number((await playground.testAccuracy.textContent())?.replace('%', ''));
  expect(accuracy, 'clearly better than chance (33%)').toBeGreaterThanOrEqual(70);

  // The evaluation names the shapes and draws them in colour: a circle read as a circle is red.
  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  await expect(matrix.getByRole('columnheader')).toHaveText(['true ↓ / read →', 'circles', 'squares', 'triangles', 'accuracy']);
  await matrix.getByRole('button', { name: /^True circles, read as circles: \d+ images$/ }).click();
  const circlesRead = page.getByRole('region', { name: 'True circles, read as circles' }).getByRole('img').first();
  await expect(circlesRead).toHaveAccessibleName(/^Test image \d+: a circles$/);
  expect(await countReddish(circlesRead), 'a red circle drawn in colour').toBeGreaterThan(50);

  // 32×32 colour is not the pad's: the panel offers the test images instead, in colour, and the trained model reads one by class name.
  await expect(page.getByRole('heading', { name: 'Pick a test image' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Drawing pad/ })).toHaveCount(0);
  const tests = new TestImagePicker(page, 'Your images');
  await expect(tests.images).toHaveCount(24);
  await expect(tests.images.first()).toHaveAccessibleName(/^Test image \d+: circles$/);
  expect(await countReddish(tests.images.first().locator('canvas')), 'a red circle drawn in colour').toBeGreaterThan(50);
  await tests.pick(0);
  await expect(tests.answer).toContainText('True class: circles');
  await expect(tests.classBars.getByRole('listitem')).toHaveText([/^circles/, /^squares/, /^triangles/]);
  await expect(tests.answer.getByLabel(/^conv2d_1 \(Conv2D\): 32 channels/)).toBeVisible();
  const picking = await framelessPageAxe(page).include('section[aria-labelledby="draw-heading"]').analyze();
  expect(picking.violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${v.help} — ${node.target.join(' > ')}`))).toEqual([]);
  // The shipped model is MNIST's: it does not read these, and says so.
  await tests.model(/^Pretrained/).check();
  await expect(page.getByText('The shipped model was trained on MNIST digits: it reads 28×28 greyscale digits, not 32×32×3 images.')).toBeVisible();
  await expect(tests.answer).toHaveCount(0);
});

test('MNIST-format files are imported; bad input is refused by name and the kept dataset stays', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  const yours = new YourImagesPanel(page);
  await playground.open();
  await yours.choose();
  const images = (count: number) => encodeIdx([count, 28, 28], Uint8Array.from({ length: count * 784 }, (_, i) => (i * 7) % 256));
  const labels = (count: number, classes = 3) => encodeIdx([count], Uint8Array.from({ length: count }, (_, i) => i % classes));
  const idx = (over: Record<string, Uint8Array> = {}): FileToUpload[] =>
    Object.entries({ 'train-images-idx3-ubyte': images(30), 'train-labels-idx1-ubyte': labels(30), 't10k-images-idx3-ubyte': images(9), 't10k-labels-idx1-ubyte': labels(9), ...over }).map(([path, bytes]) => ({ path, bytes }));
  await yours.uploadMnistFiles(idx());
  await expect(yours.notice).toHaveText('Imported 39 images in 3 classes.');
  await expect(yours.facts).toContainText('39 images of 28×28×1 in 3 classes (30 train, 9 test)');

  const shapes = await makeShapeImages(page, 3);
  const refusals: [string, () => Promise<void>, string][] = [
    ['one class only', () => yours.uploadZip('cats.zip', shapes.filter((f) => f.path.startsWith('circles/'))), 'Only one class folder, “circles”'],
    ['a path escaping the folder', () => yours.uploadZip('evil.zip', [...shapes, { path: '../evil.png', bytes: shapes[0]!.bytes }]), '“../evil.png” points outside the folder'],
    ['a truncated image', () => yours.uploadZip('cut.zip', [...shapes, { path: 'squares/cut.png', bytes: shapes[0]!.bytes.slice(0, 40) }]), '“squares/cut.png”'],
    ['an IDX file of the wrong magic', () => yours.uploadMnistFiles(idx({ 't10k-images-idx3-ubyte': text('x', 'not idx at all').bytes })), '“t10k-images-idx3-ubyte” is not an MNIST-format (IDX) file: not an IDX file (bad magic number)'],
    ['labels out of range', () => yours.uploadMnistFiles(idx({ 't10k-labels-idx1-ubyte': labels(9, 5) })), 'the label 3 at position 4, which no training image has'],
  ];
  for (const [what, upload, message] of refusals) {
    await upload();
    await expect(yours.problem, what).toContainText(message);
    await expect(yours.facts, `${what}: the kept dataset stays`).toContainText('39 images of 28×28×1');
  }
  await page.reload();
  await yours.choose();
  await expect(yours.facts).toContainText('39 images of 28×28×1 in 3 classes');
  await yours.deleteButton.click();
  await expect(yours.facts).toBeHidden();
  await expect(yours.notice).toHaveText('Your images were deleted from this browser.');
});
