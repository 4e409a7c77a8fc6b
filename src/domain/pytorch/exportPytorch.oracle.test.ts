/**
 * The exported PyTorch scripts against torch itself: the golden script and the scripts of the book's model and of
 * seeded random architectures are imported in one Python process (measureScripts.py), and what torch builds must
 * equal our analysis: every layer's name and output shape, the parameter counts, TensorFlow's 'same' padding and Dense
 * on images computed from their definitions; two training steps with the script's optimizer and loss, and its main()
 * on fake MNIST images. Runs where /usr/bin/python3 has torch (Debian's python3-torch); MNIST is never downloaded.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../data/batching.ts';
import { analyzeModel, type LayerRow } from '../analysis.ts';
import { BOOK_TRAINING, CHAPTER5_LAYERS } from '../defaults.ts';
import { FASHION_MNIST_INFO, type DatasetInfo } from '../datasets.ts';
import { formatCount } from '../format.ts';
import type { LayerSpec, ModelSpec, OptimizerName, Shape, TrainingSettings } from '../modelSpec.ts';
import { OPTIMIZERS } from '../modelSpec.ts';
import { imageThenFlatRecipe, randomLayers } from '../randomLayers.ts';
import { exportPytorchNotebook } from '../notebook.ts';
import { exportPytorchScript } from './exportPytorch.ts';

/** Debian's python3 by its path: the python3 on PATH may be a pyenv shim without torch. */
const PYTHON = '/usr/bin/python3';
const MEASURE_SCRIPT = fileURLToPath(new URL('./measureScripts.py', import.meta.url));
const GOLDEN_SCRIPT = fileURLToPath(new URL('../../../e2e/fixtures/chapter5-pytorch.py', import.meta.url));

/** Why the oracle cannot run here, or null. Looks torch up without importing it, which takes seconds. */
function whyNoTorch(): string | null {
  const probe = spawnSync(PYTHON, ['-c', "import importlib.util, sys; sys.exit(importlib.util.find_spec('torch') is None)"]);
  if (probe.error) return `${PYTHON} is missing`;
  return probe.status === 0 ? null : `${PYTHON} cannot import torch (apt-get install python3-torch)`;
}

const ARCHITECTURE_COUNT = 32;
const IMAGE_THEN_FLAT = imageThenFlatRecipe({ maxFilters: 8 });
const random = createRandom(18_052_025);
const RANDOM_ARCHITECTURES = Array.from({ length: ARCHITECTURE_COUNT }, () => randomLayers(random, IMAGE_THEN_FLAT));

/** main() on fake images: 72 to fit (3 batches of 32, the last one 8), 24 to validate, 40 to test, two epochs. */
const SMALL_RUN = { batchSize: 32, epochs: 2, trainSize: 96, validationSplit: 0.25, testSize: 40 } as const;
const smallRun = (optimizer: OptimizerName, learningRate: number): TrainingSettings => ({ ...SMALL_RUN, optimizer, learningRate });

/** The last epoch's line of a SMALL_RUN printout, as Keras' fit(verbose=2) writes it. */
const SMALL_RUN_LAST_EPOCH = /^Epoch 2\/2\n3\/3 - \d+s - loss: [\d.]+ - accuracy: [\d.]+ - val_loss: [\d.]+ - val_accuracy: [\d.]+$/m;

interface Case {
  readonly title: string;
  /** The script to write, or null to measure the golden file as it is. */
  readonly spec: ModelSpec | null;
  readonly layers: readonly LayerSpec[];
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly lastEpoch: RegExp;
  /** The data the script loads: MNIST unless told. Your images' scripts are built and stepped here, their main() run by exportPytorchImages.oracle.test.ts. */
  readonly dataset?: DatasetInfo;
}

const smallCase = (title: string, layers: readonly LayerSpec[], optimizer: OptimizerName, learningRate: number): Case => ({
  title,
  spec: { layers, training: smallRun(optimizer, learningRate) },
  layers,
  optimizer,
  learningRate,
  lastEpoch: SMALL_RUN_LAST_EPOCH,
});

/** Your images as the page describes them: a folder of `classes` classes, 100 images each, a fifth held out. */
const imagesOf = (inputShape: readonly [number, number, number], classes: number): DatasetInfo => ({
  id: 'your-images',
  title: 'Your images',
  inputShape,
  classNames: Array.from({ length: classes }, (_, i) => `class ${i}`),
  source: 'a test folder',
  drawable: false,
  trainCount: classes * 80,
  testCount: classes * 20,
  imageFolder: { testFraction: 0.2, seed: 1 },
});

const COLOUR_LAYERS: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 8, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
  { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Conv2D', filters: 16, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' },
  { type: 'Flatten' },
  { type: 'Dense', units: 3, activation: 'softmax' },
];

const CASES: readonly Case[] = [
  // The book's recipe on the 120 fake training images: 5 epochs of 2 batches of 64, no validation.
  { title: 'the golden chapter-5 script', spec: null, layers: CHAPTER5_LAYERS, optimizer: 'rmsprop', learningRate: 0.001, lastEpoch: /^Epoch 5\/5\n2\/2 - \d+s - loss: [\d.]+ - accuracy: [\d.]+$/m },
  ...OPTIMIZERS.map((optimizer) => smallCase(`the book's model with ${optimizer}`, CHAPTER5_LAYERS, optimizer, 0.002)),
  { ...smallCase("the book's model on Fashion-MNIST", CHAPTER5_LAYERS, 'rmsprop', 0.001), dataset: FASHION_MNIST_INFO },
  { ...smallCase('a colour convnet on 64×64 images of 3 classes', COLOUR_LAYERS, 'adam', 0.001), dataset: imagesOf([64, 64, 3], 3) },
  { ...smallCase('a dense network on 8×8 greyscale images of 2 classes', [{ type: 'Flatten' }, { type: 'Dense', units: 16, activation: 'relu' }, { type: 'Dense', units: 2, activation: 'softmax' }], 'sgd', 0.01), dataset: imagesOf([8, 8, 1], 2) },
  ...RANDOM_ARCHITECTURES.map((layers, i) =>
    smallCase(`#${i} ${layers.map((layer) => layer.type).join(' → ')}`, layers, OPTIMIZERS[i % OPTIMIZERS.length] ?? 'rmsprop', [0.001, 0.01, 0.0005][i % 3] ?? 0.001),
  ),
];
/** Run cell by cell, as Jupyter would. */
const NOTEBOOK_SPEC: ModelSpec = { layers: CHAPTER5_LAYERS, training: smallRun('adam', 0.001) };

interface Fact {
  readonly error?: string;
  readonly shapes: readonly { readonly name: string; readonly shape: readonly number[] }[];
  readonly countParams: readonly [number, number];
  readonly torchParams: number;
  readonly optimizer: string;
  readonly optimizerDefaults: Readonly<Record<string, unknown>>;
  readonly losses: readonly number[];
  readonly weightsChanged: boolean;
  readonly referenceErrors: readonly { readonly layer: string; readonly maxError: number | null }[];
  readonly mainPrintout?: string;
}

/** The layers measureScripts.py computes from Keras' definition: 'same' windows, Flatten, and Dense on an image. */
function layersWithReference(layers: readonly LayerSpec[], rows: readonly LayerRow[]): string[] {
  return layers.flatMap((layer, i) => {
    const onImage = i === 0 || rows[i - 1]?.outputShape.length === 3;
    const checked = ('padding' in layer && layer.padding === 'same') || layer.type === 'Flatten' || (layer.type === 'Dense' && onImage);
    return checked ? [rows[i]?.name ?? ''] : [];
  });
}

/** torch's (C, H, W) as our channels-last (H, W, C); vectors as they are. */
const channelsLast = (shape: readonly number[]): Shape => (shape.length === 3 ? [shape[1] ?? 0, shape[2] ?? 0, shape[0] ?? 0] : shape);

/** The torch optimizer and the settings each must have: Keras' defaults where torch's differ. */
const EXPECTED_OPTIMIZERS: Record<OptimizerName, { className: string; settings: Record<string, unknown> }> = {
  rmsprop: { className: 'RMSprop', settings: { alpha: 0.9, eps: 1e-7, momentum: 0, centered: false } },
  adam: { className: 'Adam', settings: { betas: [0.9, 0.999], eps: 1e-7, amsgrad: false } },
  sgd: { className: 'SGD', settings: { momentum: 0, nesterov: false } },
};

const torchMissing = whyNoTorch();

// CI installs torch (.ci/run): there a missing torch is a failure, not a quiet skip.
it.runIf(process.env.CI === 'true' && torchMissing !== null)('has torch in CI', () => {
  throw new Error(`${torchMissing}`);
});

describe.skipIf(torchMissing !== null)(`PyTorch scripts built by torch${torchMissing ? ` (skipped: ${torchMissing})` : ''}`, () => {
  let facts: readonly Fact[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'pytorch-export-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  beforeAll(async () => {
    type Entry = { path: string; layers: readonly LayerSpec[]; inputShape?: Shape; classes?: number; runMain?: boolean } | { path: string; notebook: true };
    const manifest: Entry[] = CASES.map((testCase, i) => {
      let path = GOLDEN_SCRIPT;
      if (testCase.spec) {
        const script = exportPytorchScript(testCase.spec, testCase.dataset);
        if (!script.ok) throw new Error(`${testCase.title} did not export: ${script.message}`);
        path = join(directory, `exported_${i}.py`);
        writeFileSync(path, script.value);
      }
      const { dataset } = testCase;
      if (!dataset) return { path, layers: testCase.layers };
      return { path, layers: testCase.layers, inputShape: dataset.inputShape, classes: dataset.classNames.length, runMain: dataset.id !== 'your-images' };
    });
    const notebook = exportPytorchNotebook(NOTEBOOK_SPEC);
    if (!notebook.ok) throw new Error(`the notebook did not export: ${notebook.message}`);
    writeFileSync(join(directory, 'pytorch.ipynb'), notebook.value);
    manifest.push({ path: join(directory, 'pytorch.ipynb'), notebook: true });
    const manifestPath = join(directory, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const { stdout } = await promisify(execFile)(PYTHON, [MEASURE_SCRIPT, manifestPath], { maxBuffer: 64 * 1024 * 1024 });
    facts = JSON.parse(stdout) as Fact[];
  }, 600_000);

  it.each(CASES.map((testCase, i) => [testCase.title, i] as const))('%s', (_title, i) => {
    const testCase = CASES[i] as Case;
    const fact = facts[i];
    if (!fact || fact.error) throw new Error(`Python failed on this script:\n${fact?.error ?? 'no result'}`);
    const analysis = analyzeModel(testCase.layers, testCase.dataset?.inputShape);
    if (!analysis.ok) throw new Error(`the case is not a valid model: ${analysis.message}`);

    expect(fact.shapes.map(({ name, shape }) => [name, channelsLast(shape)])).toEqual(analysis.rows.map((row) => [row.name, row.outputShape]));
    expect(fact.countParams).toEqual([analysis.trainableParams, analysis.nonTrainableParams]);
    expect(fact.torchParams).toBe(analysis.totalParams);
    expect(fact.referenceErrors.map(({ layer }) => layer)).toEqual(layersWithReference(testCase.layers, analysis.rows));
    for (const { layer, maxError } of fact.referenceErrors) expect(maxError, `${layer} against its definition`).not.toBeNull();
    for (const { layer, maxError } of fact.referenceErrors) expect(maxError ?? Infinity, `${layer} against its definition`).toBeLessThan(1e-4);

    const expected = EXPECTED_OPTIMIZERS[testCase.optimizer];
    expect(fact.optimizer).toBe(expected.className);
    expect(fact.optimizerDefaults).toMatchObject({ ...expected.settings, lr: testCase.learningRate });
    expect(fact.losses).toHaveLength(2);
    for (const loss of fact.losses) expect(Number.isFinite(loss)).toBe(true);
    expect(fact.weightsChanged).toBe(true);

    if (testCase.dataset?.id === 'your-images') return expect(fact.mainPrintout).toBeUndefined();
    const printout = fact.mainPrintout ?? '';
    expect(printout.split('\n')).toContain(`Total params: ${formatCount(analysis.totalParams)}`);
    expect(printout).toMatch(testCase.lastEpoch);
    expect(printout).toMatch(/^test_acc: [\d.]+$/m);
  });

  it('measures the golden file as checked in, which prints 93,322 parameters', () => {
    expect(CASES[0]?.spec).toBeNull();
    expect(facts[0]?.mainPrintout?.split('\n')).toContain('Total params: 93,322');
  });

  it('runs the PyTorch notebook cell by cell', () => {
    const fact = facts[CASES.length];
    if (!fact || fact.error) throw new Error(`Python failed on the notebook:\n${fact?.error ?? 'no result'}`);
    const printout = fact.mainPrintout ?? '';
    expect(printout).toContain('(conv2d_1): Sequential(');
    expect(printout.split('\n')).toContain('Total params: 93,322');
    expect(printout).toMatch(SMALL_RUN_LAST_EPOCH);
    expect(printout).toMatch(/^test_acc: [\d.]+$/m);
  });
});

describe('the random architectures', () => {
  const scripts = RANDOM_ARCHITECTURES.map((layers) => exportPytorchScript({ layers, training: BOOK_TRAINING }));
  const text = scripts.map((script) => (script.ok ? script.value : '')).join('\n');

  it('all export', () => {
    expect(scripts.filter((script) => !script.ok)).toEqual([]);
  });

  it.each([
    ['even same padding on Conv2d', /nn\.Conv2d\(\d+, \d+, \(\d, \d\)(, stride=\(\d, \d\))?, padding=\(/],
    ['uneven same padding before Conv2d', /nn\.ZeroPad2d\(/],
    ['-inf padding before MaxPool2d', /nn\.ConstantPad2d\(\([\d, ]+\), float\('-inf'\)\), nn\.MaxPool2d/],
    ['even same padding on MaxPool2d', /nn\.MaxPool2d\(\(\d, \d\)(, stride=\(\d, \d\))?, padding=\(/],
    ['even same padding on AvgPool2d', /count_include_pad=False/],
    ['uneven same padding on average pooling', /AvgPool2dSame\(\(/],
    ['pooling with its own stride', /Pool2d\(\(\d, \d\), stride=/],
    ['Dense on images', /LinearOnChannels\(\d/],
    ['BatchNorm on images and on vectors', /nn\.BatchNorm2d\([\s\S]*nn\.BatchNorm1d\(|nn\.BatchNorm1d\([\s\S]*nn\.BatchNorm2d\(/],
    ['Dropout', /nn\.Dropout\(p=/],
  ])('cover %s', (_what, pattern) => {
    expect(text).toMatch(pattern);
  });
});
