import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { encodeModelFragment } from '../src/domain/shareCodec.ts';
import { BOOK_TRAINING } from '../src/domain/defaults.ts';
import type { LayerSpec } from '../src/domain/modelSpec.ts';
import { EditorPanel } from './pages/EditorPanel.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

test('exports Keras code equal to the golden, copies it, and downloads the topology', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new PlaygroundPage(page);
  await app.open();
  const golden = readFileSync(fixture('chapter5-keras.py'), 'utf8');
  const code = page.getByLabel('Keras Python code');
  expect(await code.textContent()).toBe(golden);

  await page.getByRole('button', { name: 'Copy code' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(golden);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download model.json' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('model.json');
  const topology = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8'));
  expect(topology.class_name).toBe('Sequential');
  expect(topology.config.layers.map((l: { class_name: string }) => l.class_name)).toEqual([
    'Conv2D',
    'MaxPooling2D',
    'Conv2D',
    'MaxPooling2D',
    'Conv2D',
    'Flatten',
    'Dense',
    'Dense',
  ]);

  await page.getByRole('radio', { name: 'Keras 3' }).check();
  await expect(app.summary).toContainText('Model: "sequential"');
  await expect(app.summary).toContainText('Total params: 93,322 (364.54 KB)');
});

test('switches to PyTorch code of the same model, and downloads it as a notebook with a cell per step', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await page.getByRole('radio', { name: 'PyTorch', exact: true }).check();
  const code = page.getByLabel('PyTorch Python code');
  await expect(code).toBeVisible();
  await expect(page.getByLabel('Keras Python code')).toHaveCount(0);
  const text = (await code.textContent()) ?? '';
  expect(text).toBe(readFileSync(fixture('chapter5-pytorch.py'), 'utf8'));
  // The book's layers, named as Keras names them, and Keras' parameter count.
  for (const layer of [
    "('conv2d_1', nn.Sequential(nn.Conv2d(1, 32, (3, 3)), nn.ReLU()))",
    "('max_pooling2d_1', nn.MaxPool2d((2, 2)))",
    "('conv2d_2', nn.Sequential(nn.Conv2d(32, 64, (3, 3)), nn.ReLU()))",
    "('max_pooling2d_2', nn.MaxPool2d((2, 2)))",
    "('conv2d_3', nn.Sequential(nn.Conv2d(64, 64, (3, 3)), nn.ReLU()))",
    "('flatten_1', FlattenChannelsLast())",
    "('dense_1', nn.Sequential(nn.Linear(576, 64), nn.ReLU()))",
    "('dense_2', nn.Sequential(nn.Linear(64, 10), nn.Softmax(dim=1)))",
  ]) {
    expect(text).toContain(layer);
  }
  expect(text).toContain('# Total params: 93,322');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download notebook (.ipynb)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('mnist_convnet_pytorch.ipynb');
  const notebook = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8'));
  expect([notebook.nbformat, notebook.nbformat_minor, notebook.metadata.kernelspec.name]).toEqual([4, 5, 'python3']);
  expect(notebook.cells.map((cell: { id: string; cell_type: string }) => `${cell.cell_type} ${cell.id}`)).toEqual([
    'markdown intro',
    'code data',
    'code model',
    'code summary',
    'code compile',
    'code fit',
    'code evaluate',
  ]);
  const cell = (id: string): string => notebook.cells.find((c: { id: string }) => c.id === id).source.join('');
  expect(cell('intro')).toContain('(93,322 parameters)');
  expect(cell('data')).toContain('fit_set, validation_set, test_set = load_data()');
  expect(cell('model')).toContain("('dense_2', nn.Sequential(nn.Linear(64, 10), nn.Softmax(dim=1)))");
  expect(cell('summary')).toContain('print(model)');
  expect(cell('compile')).toContain('torch.optim.RMSprop(model.parameters(), lr=0.001, alpha=0.9, eps=1e-07)');
  expect(cell('fit')).toContain('fit(model, optimizer, fit_set, validation_set, epochs=5, batch_size=64)');
  expect(cell('evaluate')).toContain('test_loss, test_acc = evaluate(model, test_set)');

  await page.getByRole('radio', { name: 'Keras', exact: true }).check();
  expect(await page.getByLabel('Keras Python code').textContent()).toBe(readFileSync(fixture('chapter5-keras.py'), 'utf8'));
});

test('imports a tfjs-written model.json; a file it cannot use is named and changes nothing', async ({ page }) => {
  const app = new PlaygroundPage(page);
  const editor = new EditorPanel(page);
  await app.open();
  const input = page.getByLabel('Model topology file to import');

  await input.setInputFiles(fixture('unsupported-lstm.json'));
  await expect(page.getByRole('alert').filter({ hasText: 'unsupported-lstm.json' })).toContainText(/LSTM.*not supported.*Your model is unchanged/);
  await editor.expectTotal('93,322');

  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"modelTopology": ') });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.json' })).toContainText('is not JSON');
  await editor.expectTotal('93,322');

  await input.setInputFiles(fixture('lenet5-tfjs-model.json'));
  await expect(page.getByText('Imported 8 layers from lenet5-tfjs-model.json')).toBeVisible();
  expect(await editor.layerTypes()).toEqual(['Conv2D', 'AveragePooling2D', 'Conv2D', 'AveragePooling2D', 'Flatten', 'Dense', 'Dense', 'Dense']);
  await editor.expectTotal('61,706');
  await expect(editor.field('Activation of layer 1')).toHaveValue('tanh');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await editor.expectTotal('93,322');
});

test('an edit shows its new shapes within one frame on a 30-layer model', async ({ page }) => {
  const conv = (padding: 'same' | 'valid'): LayerSpec => ({ type: 'Conv2D', filters: 8, kernelSize: [3, 3], strides: [1, 1], padding, activation: 'relu' });
  const layers: LayerSpec[] = [];
  for (let i = 0; i < 13; i++) layers.push(conv('same'), { type: 'BatchNormalization' });
  layers.push({ type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' }, { type: 'Flatten' }, { type: 'Dense', units: 32, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'softmax' });
  expect(layers).toHaveLength(30);
  const app = new PlaygroundPage(page);
  await app.open(`#${encodeModelFragment({ layers, training: BOOK_TRAINING })}`);
  const editor = new EditorPanel(page);
  await expect(editor.layers).toHaveCount(30);
  // Our kernels train the rest; the page says which layers fall back to TensorFlow.js' own.
  await expect(page.getByLabel('Training engine')).toHaveText('our SIMD kernels (relaxed SIMD); BatchNormalization on TensorFlow.js kernels');
  const lastDense = page.getByLabel('Output of layer 29');
  await expect(lastDense).toHaveText('(None, 32) · 50,208 params');

  await editor.field('Filters of layer 25').focus();
  await page.keyboard.press('ControlOrMeta+A');
  // Text of layer 29's output at the first animation frame after each keystroke's input event.
  await page.evaluate(() => {
    const label = document.querySelector('[aria-label="Output of layer 29"]');
    const seen: string[] = [];
    (window as unknown as { __framesSeen: string[] }).__framesSeen = seen;
    document.addEventListener('input', () => requestAnimationFrame(() => seen.push(label?.textContent ?? '')), { capture: true });
  });
  // One key at a time: under load two keystrokes could share a frame, hiding the first one's update.
  await page.keyboard.type('1');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __framesSeen: string[] }).__framesSeen.length)).toBe(1);
  await page.keyboard.type('6');
  await expect(lastDense).toHaveText('(None, 32) · 100,384 params');
  // The text can change before that frame's callback has run: wait for the frame, then look at what it saw.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __framesSeen: string[] }).__framesSeen.length)).toBe(2);
  const framesSeen = await page.evaluate(() => (window as unknown as { __framesSeen: string[] }).__framesSeen);
  // "1" then "16" filters: 14×14×1 and 14×14×16 inputs to Dense(32).
  expect(framesSeen).toEqual(['(None, 32) · 6,304 params', '(None, 32) · 100,384 params']);
});

test('a PyTorch nn.Sequential printout becomes the same layers; one it cannot use is refused at its line, the model unchanged', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await page.getByRole('button', { name: 'Clear all' }).click();
  await page.getByText('Import from PyTorch').click();
  const printout = page.getByLabel(/What print\(model\) shows/);
  await printout.fill(
    [
      'Sequential(',
      '  (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))',
      '  (1): ReLU()',
      '  (2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)',
      '  (3): Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1))',
      '  (4): ReLU()',
      '  (5): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)',
      '  (6): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1))',
      '  (7): ReLU()',
      '  (8): Flatten(start_dim=1, end_dim=-1)',
      '  (9): Linear(in_features=576, out_features=64, bias=True)',
      '  (10): ReLU()',
      '  (11): Linear(in_features=64, out_features=10, bias=True)',
      '  (12): Softmax(dim=1)',
      ')',
    ].join('\n'),
  );
  await page.getByRole('button', { name: 'Import layers' }).click();
  await expect(page.getByText('Imported 8 layers from the PyTorch printout')).toBeVisible();
  await expect(app.summary).toContainText('Total params: 93,322');

  await printout.fill('Sequential(\n  (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))\n  (1): GELU(approximate=\'none\')\n)');
  await page.getByRole('button', { name: 'Import layers' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Line 3' })).toContainText('GELU');
  await expect(page.getByRole('alert').filter({ hasText: 'Line 3' })).toContainText('Your model is unchanged.');
  await expect(app.summary).toContainText('Total params: 93,322');
});
