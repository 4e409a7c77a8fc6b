import { expect, test } from '@playwright/test';
import { BOOK_TRAINING } from '../src/domain/defaults.ts';
import { MAX_LAYERS, type LayerSpec } from '../src/domain/modelSpec.ts';
import { encodeModelFragment } from '../src/domain/shareCodec.ts';
import { EditorPanel } from './pages/EditorPanel.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';
import { REMEMBERED_BACKEND_STATE } from './support/rememberedBackend.ts';

const CHAPTER5 = ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'Flatten', 'Dense', 'Dense'];

test('builds the chapter-5 model from an empty stack with the keyboard alone', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPanel(page);
  await app.open();
  await editor.pressButton('Clear all');
  await expect(editor.layers).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: 'The model has no layers' })).toBeVisible();

  for (const type of CHAPTER5) await editor.pressButton(`+ ${type}`);
  await editor.typeInto('Filters of layer 3', '64');
  await editor.typeInto('Filters of layer 5', '64');
  await editor.typeInto('Units of layer 8', '10');
  await editor.field('Activation of layer 8').focus();
  await page.keyboard.type('softmax');
  await expect(editor.field('Activation of layer 8')).toHaveValue('softmax');

  expect(await editor.layerTypes()).toEqual(CHAPTER5);
  await editor.expectTotal('93,322');
  await expect(app.summary).toContainText('dense_2 (Dense)              (None, 10)                650');

  // Keyboard drag and drop: pick up layer 1 with Space, move it down one place, drop it.
  await page.getByRole('button', { name: 'Drag layer 1 (Conv2D) to reorder' }).focus();
  // Each key waits for what a screen reader would hear, so the next key lands on a settled list.
  const announcer = page.locator('[id^="DndLiveRegion"]');
  await page.keyboard.press('Space');
  await expect(announcer).toHaveText(/^Picked up layer 1 \(Conv2D\)/);
  // dnd-kit listens for arrows only once the pick-up has settled; a key pressed before that is lost, not queued.
  await expect(async () => {
    await page.keyboard.press('ArrowDown');
    await expect(announcer).toHaveText('layer 1 (Conv2D) is over the place of layer 2 (MaxPooling2D).', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Space');
  await expect(announcer).toHaveText(/^Dropped /);
  await expect.poll(() => editor.layerTypes()).toEqual(['MaxPooling2D', 'Conv2D', ...CHAPTER5.slice(2)]);
  await editor.pressButton('Undo');
  await expect.poll(() => editor.layerTypes()).toEqual(CHAPTER5);
});

test('reorders layers by dragging with the mouse', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPanel(page);
  await app.open();
  const handle = page.getByRole('button', { name: 'Drag layer 7 (Dense) to reorder' });
  const target = editor.layers.nth(5);
  await handle.scrollIntoViewIfNeeded();
  // What arrives after the page opens moves the editor down: the banner's status lines, and the pad's first-layer
  // filters once the shipped model is loaded (slower when the whole suite runs). Drag only after both, once the handle
  // stays where it is, or the pointer goes down beside it (flaky in CI once the backend was no longer measured).
  await expect(page.getByRole('figure', { name: /First layer filters/ })).toBeVisible();
  let settled = JSON.stringify(await handle.boundingBox());
  await expect.poll(async () => {
    await page.waitForTimeout(250);
    const now = JSON.stringify(await handle.boundingBox());
    const still = now === settled;
    settled = now;
    return still;
  }).toBe(true);
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('layers not laid out');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(50);
  // Drag up in small steps, as a hand would, until the pointer is over the Flatten card's upper half.
  const targetY = to.y + to.height / 4;
  for (let step = 1; step <= 20; step++) {
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + ((targetY - from.y - from.height / 2) * step) / 20);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(400);
  await page.mouse.up();
  await expect.poll(() => editor.layerTypes()).toEqual(['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'Dense', 'Flatten', 'Dense']);
  // Dense before Flatten is valid Keras (it acts on the last axis), so the arithmetic follows it.
  await expect(page.getByLabel('Output of layer 6')).toContainText('(None, 3, 3, 64) · 4,160 params');
});

test('a broken model is explained at the layer, disables Train, and recovers when fixed', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPanel(page);
  await app.open();
  await app.waitUntilReady();
  await expect(app.trainButton).toBeEnabled();

  await editor.typeInto('Kernel height of layer 5', '9');
  const card = editor.layers.nth(4);
  await expect(card.getByRole('alert')).toHaveText(/kernel 9×3 is larger than its 5×5 input/);
  await expect(app.trainButton).toBeDisabled();
  await expect(page.getByText(/Fix the model first: layer 5/)).toBeVisible();

  await editor.typeInto('Filters of layer 1', '0');
  await expect(editor.field('Filters of layer 1')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.layers.nth(0).getByRole('alert')).toHaveText('At least 1 filters.');
  await editor.typeInto('Filters of layer 1', '32');
  await editor.typeInto('Kernel height of layer 5', '3');
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expect(app.trainButton).toBeEnabled();
  await editor.expectTotal('93,322');
});

test('the model survives a reload, travels in its share link, and a bad link changes nothing', async ({ page, browser }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPanel(page);
  await app.open();
  await editor.typeInto('Units of layer 7', '128');
  await app.setSettings({ Epochs: 2 });
  await editor.expectTotal('130,890');

  await page.reload();
  await expect(editor.field('Units of layer 7')).toHaveValue('128');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('2');
  await editor.expectTotal('130,890');

  const shareUrl = page.url();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(shareUrl);
  await expect(other.getByText('Loaded the model from the shared link.')).toBeVisible();
  await expect(other.getByLabel('Units of layer 7', { exact: true })).toHaveValue('128');
  await expect(other.getByLabel('Total parameters')).toHaveText('130,890');

  await other.goto(`${shareUrl.split('#')[0]}#model=${shareUrl.split('model=')[1]?.slice(0, 40)}`);
  await other.reload();
  await expect(other.getByRole('status').filter({ hasText: 'Your own model is unchanged' })).toBeVisible();
  await expect(other.getByLabel('Total parameters')).toHaveText('130,890');
  await fresh.close();
});

test('undo and redo every edit, with buttons and shortcuts; a preset never silently discards work', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPanel(page);
  await app.open();
  await editor.typeInto('Filters of layer 1', '16');
  await editor.expectTotal('83,946');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await editor.expectTotal('93,322');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await editor.expectTotal('83,946');

  await page.getByLabel('Preset').selectOption({ label: 'Chapter 2 dense network' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  await editor.expectTotal('407,050');
  await expect(page.getByText('Undo brings back the model you had')).toBeVisible();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await editor.expectTotal('83,946');
  await expect(editor.field('Filters of layer 1')).toHaveValue('16');
});

test('fits a phone screen: nothing is wider than 390 px', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, storageState: REMEMBERED_BACKEND_STATE });
  const page = await phone.newPage();
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.close();
});

test('a model too large to checkpoint says so before training, and the note goes when it shrinks', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  const note = page.getByText(/^No checkpoints for this model: each would be about/);
  await expect(note).toHaveCount(0);
  // Flatten gives 3·3·256 = 2,304 values, × 8,192 units: about 19 million weights, 228 MB with RMSprop's two slots.
  await page.getByLabel('Filters of layer 5', { exact: true }).fill('256');
  await page.getByLabel('Units of layer 7', { exact: true }).fill('8192');
  await expect(note).toContainText('(the limit is 128.0 MB), so a crash or a reload during training loses the run');
  await page.getByLabel('Optimizer', { exact: true }).selectOption('sgd');
  await expect(note).toHaveCount(0);
});

test(`a model of ${MAX_LAYERS} layers (the most a link can keep) takes no more: the palette and Duplicate say so, until one is removed`, async ({ page }) => {
  const layers: LayerSpec[] = [{ type: 'Flatten' }, ...Array.from({ length: MAX_LAYERS - 2 }, () => ({ type: 'Dropout', rate: 0.1 }) as const), { type: 'Dense', units: 10, activation: 'softmax' }];
  await page.goto(`./#${encodeModelFragment({ layers, training: BOOK_TRAINING })}`);
  const palette = page.getByRole('group', { name: 'Add a layer' });
  await expect(palette.getByRole('button', { name: '+ Dense' })).toBeDisabled();
  await expect(palette).toContainText(`A model holds at most ${MAX_LAYERS} layers: remove one to add another.`);
  await expect(page.getByRole('button', { name: 'Duplicate layer 2', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Remove layer 2', exact: true }).click();
  await expect(palette.getByRole('button', { name: '+ Dense' })).toBeEnabled();
  await page.getByRole('button', { name: 'Duplicate layer 2', exact: true }).click();
  await expect(palette.getByRole('button', { name: '+ Dense' })).toBeDisabled();
  await page.reload();
  await expect(page.getByLabel('Layers').getByRole('listitem')).toHaveCount(MAX_LAYERS + 1);
});
