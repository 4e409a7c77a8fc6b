import { expect, test } from '@playwright/test';
import { BOOK_BASE_SUMMARY, BOOK_FULL_SUMMARY } from '../src/domain/lesson/bookSummaries.ts';
import { DrawPadPanel } from './pages/DrawPadPanel.ts';
import { EditorPanel } from './pages/EditorPanel.ts';
import { LessonPanel } from './pages/LessonPanel.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';

const BASE = ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Conv2D'];
const trimmed = (text: string) => text.trim().split('\n').map((line) => line.trimEnd()).join('\n');

/** The tiniest data that still trains both models and scores them on the same test images. */
async function useTinySubset(editor: EditorPanel): Promise<void> {
  await editor.typeInto('Training images', '256');
  await editor.typeInto('Test images', '200');
}

async function trainToTheEnd(app: PlaygroundPage, editor: EditorPanel): Promise<void> {
  await editor.pressButton('Train');
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
}

test('the whole lesson walked with the keyboard, each check passing on the real page; a reload resumes it', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new PlaygroundPage(page);
  const editor = new EditorPanel(page);
  const lesson = new LessonPanel(page);
  const pad = new DrawPadPanel(page);
  await app.open();
  await app.waitUntilReady();
  await lesson.open();

  await lesson.expectStep('A convnet reads your digit', '1 of 8');
  await expect(lesson.check).toHaveText('Not yet: The pad is empty: draw a digit on it.');
  await lesson.press('Next');
  await expect(lesson.heading).toHaveText('A convnet reads your digit');
  await pad.drawDigit(7, { size: 0.7, left: 0.15, top: 0.15 });
  await lesson.expectPassed(/reads your drawing as \d/);
  await lesson.next();

  await lesson.expectStep('Build the convolutional base', '2 of 8');
  await editor.pressButton('Clear all');
  await expect(lesson.check).toHaveText('Not yet: 0 of 5 layers right; next: Conv2D with 32 filters, 3×3, relu.');
  await editor.pressButton('+ Conv2D');
  await expect(lesson.numbers.getByRole('listitem').first()).toContainText('26 = 28 − 3 + 1');
  await expect(lesson.numbers.getByRole('listitem').first()).toContainText('320 = 3·3·1·32 + 32');
  for (const type of BASE.slice(1)) await editor.pressButton(`+ ${type}`);
  await expect(lesson.check).toHaveText('Not yet: 2 of 5 layers right; layer 3 should be Conv2D with 64 filters, 3×3, relu.');
  await editor.typeInto('Filters of layer 3', '64');
  await editor.typeInto('Filters of layer 5', '64');
  await lesson.expectPassed('The summary equals the book’s first summary (55,744 parameters)');
  expect(trimmed(await app.summary.innerText())).toBe(BOOK_BASE_SUMMARY);
  await lesson.expectNoAxeViolations('with the base built and its numbers explained');
  await lesson.next();

  await lesson.expectStep('Add the classifier', '3 of 8');
  for (const type of ['Flatten', 'Dense', 'Dense']) await editor.pressButton(`+ ${type}`);
  await editor.typeInto('Units of layer 8', '10');
  await editor.field('Activation of layer 8').focus();
  await page.keyboard.type('softmax');
  await lesson.expectPassed('The summary equals the book’s second summary (93,322 parameters)');
  expect(trimmed(await app.summary.innerText())).toBe(BOOK_FULL_SUMMARY);
  await expect(lesson.numbers.getByRole('listitem').last()).toContainText('650 = 64·10 + 10');
  await lesson.next();

  await lesson.expectStep('Train it', '4 of 8');
  await lesson.press(/^Use a quick subset/);
  await expect(page.getByLabel('Training images', { exact: true })).toHaveValue('2000');
  await useTinySubset(editor);

  // A reload mid-lesson opens the lesson again at the same step, with the model and settings kept.
  await page.reload();
  await app.waitUntilReady();
  await lesson.expectStep('Train it', '4 of 8');
  await expect(page.getByLabel('Training images', { exact: true })).toHaveValue('256');
  await expect(lesson.check).toContainText('Not yet: No finished run of the chapter-5 convnet yet');

  await trainToTheEnd(app, editor);
  await lesson.expectPassed(/The convnet trained: \d+\.\d% on 200 test images/);
  await lesson.next();

  await lesson.expectStep('Against a dense network', '5 of 8');
  await lesson.press('Put the dense network in the editor');
  await editor.expectTotal('407,050');
  await trainToTheEnd(app, editor);
  await expect(lesson.check).toContainText('Overlay both on the charts');
  for (const run of ['Run 1', 'Run 2']) {
    await page.getByRole('checkbox', { name: new RegExp(`^Overlay ${run}:`) }).focus();
    await page.keyboard.press('Space');
  }
  await lesson.expectPassed(/Convnet \d+\.\d%, dense network \d+\.\d% on the same 200 test images; both on the charts/);
  // Both confusion matrices, read per digit side by side.
  await expect(lesson.region.getByRole('table', { name: 'Accuracy per digit, both runs' }).getByRole('row')).toHaveCount(11);
  await lesson.next();

  await lesson.expectStep('Local patterns, anywhere', '6 of 8');
  await expect(lesson.check).toHaveText('Not yet: No measurements yet: run the experiment on both models.');
  await lesson.press('Score both models on moved test images');
  // The worker's measurements for both models, side by side: the book's convnet and the dense network just trained.
  const scores = lesson.region.getByRole('table', { name: 'Test accuracy on moved images' });
  await expect(scores.getByRole('columnheader')).toHaveCount(3, { timeout: 60_000 });
  await expect(scores.getByRole('row', { name: /shifted 4 px right and down/ }).getByRole('cell')).toHaveText([/^\d+\.\d%$/, /^\d+\.\d%$/]);
  const measured = '\\d+\\.\\d% as they are, \\d+\\.\\d% shifted 2 px, \\d+\\.\\d% shifted 4 px';
  await lesson.expectPassed(new RegExp(`^Done: On 1,000 test images — .+: ${measured}; .+: ${measured}\\.$`));
  await lesson.expectNoAxeViolations('with the experiment’s scores');
  console.log(`lesson experiment: ${(await scores.innerText()).replace(/\s+/g, ' ')}`);
  // The learner's own digit (the pad's drawing went with the reload: draw again), moved into the corners and read by both models.
  await pad.drawDigit(3, { size: 0.7, left: 0.15, top: 0.15 });
  await lesson.press('Move your digit and read it with both models');
  const moved = lesson.region.getByRole('table', { name: 'Your digit, moved' });
  await expect(moved.getByRole('row', { name: /bottom-right corner/ }).getByRole('cell')).toHaveText([/^\d \(\d+%\)$/, /^\d \(\d+%\)$/], { timeout: 30_000 });
  await expect(moved.getByRole('row')).toHaveCount(6);
  await expect(moved.getByRole('row', { name: /scaled to 60%/ }).getByRole('cell')).toHaveText([/^\d \(\d+%\)$/, /^\d \(\d+%\)$/]);
  // One first-layer filter's map at each of the five positions and sizes, side by side.
  await expect(lesson.region.getByLabel(/filter \d+, with your digit centred, top-left corner, bottom-right corner, shifted 3 px right, scaled to 60%: 5 positions/)).toBeVisible();
  console.log(`lesson own digit: ${(await moved.innerText()).replace(/\s+/g, ' ')}`);
  await lesson.next();

  // The same drawing: the first filters beside a deeper convolution's maps for it, the layer chosen with the keyboard.
  await lesson.expectStep('Hierarchies', '7 of 8');
  await expect(lesson.check).toHaveText('Not yet: Choose a deeper layer to see its feature maps for your digit.');
  await expect(lesson.region.getByLabel(/^First-layer filters of the book’s convnet: 32 filters/)).toBeVisible();
  await lesson.region.getByLabel('Deeper layer, for your digit').focus();
  await page.keyboard.press('ArrowDown');
  await lesson.expectPassed(/The first layer’s filters are beside .+’s feature maps for your \d\./);
  await expect(lesson.region.getByLabel(/feature maps for your digit: 64 channels/)).toBeVisible();
  await lesson.next();

  await lesson.expectStep('What to try next', '8 of 8');
  await lesson.press('Put the chapter-5 convnet in the editor');
  await editor.expectTotal('93,322');
  await expect(lesson.check).toHaveText('Not yet: The model and the data are the book’s: make one of the changes below.');
  await lesson.press('Add Dropout(0.5) after Flatten');
  await lesson.expectPassed('The model has a Dropout layer now');
  // The other data is one click away too: the page's own picker follows.
  await lesson.press('Train on Fashion-MNIST instead');
  await expect(page.getByRole('radio', { name: 'Fashion-MNIST' })).toBeChecked();
  await lesson.expectPassed('The page trains on other data now');

  await page.keyboard.press('Escape');
  await expect(lesson.region).toBeHidden();
  await expect(lesson.openButton).toBeFocused();
});
