/**
 * The PyTorch export's loading of the person's own images, against torchvision itself: a tiny image folder (three
 * classes of plain-coloured PNGs of odd sizes, a GIF, a README and hidden files) is written in a temp dir, and the
 * exported scripts' load_data() must give the page's classes in the page's order, the page's size, colour mode and
 * [0, 1] scaling, and the page's own split (src/data/splitDataset.ts) for the same seed; the page's own import
 * (training/imageImport.ts) of the same files listed in another order must hold out the same images; main() trains on it. Runs
 * where Debian's /usr/bin/python3 has torch and torchvision (python3-torchvision); skipped with the reason elsewhere.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../data/batching.ts';
import { fakePngHeader } from '../../data/fakePng.fixture.ts';
import { compareAsImageFolder } from '../../data/imageFolderOrder.ts';
import { pixelsFromRgba } from '../../data/imagePixels.ts';
import { splitByClass } from '../../data/splitDataset.ts';
import { importFolder, type DecodeImage } from '../../training/imageImport.ts';
import { analyzeModel } from '../analysis.ts';
import type { DatasetInfo } from '../datasets.ts';
import { formatCount } from '../format.ts';
import { CHAPTER5_LAYERS } from '../defaults.ts';
import type { LayerSpec, ModelSpec } from '../modelSpec.ts';
import { exportPytorchScript } from './exportPytorch.ts';

const PYTHON = '/usr/bin/python3';
const MEASURE_SCRIPT = fileURLToPath(new URL('./measureImageFolder.py', import.meta.url));

function whyNoTorchvision(): string | null {
  const probe = spawnSync(PYTHON, ['-c', "import importlib.util as u, sys; sys.exit(u.find_spec('torch') is None or u.find_spec('torchvision') is None)"]);
  if (probe.error) return `${PYTHON} is missing`;
  return probe.status === 0 ? null : `${PYTHON} cannot import torch and torchvision (apt-get install python3-torchvision)`;
}

const CLASSES = ['circles', 'squares', 'triangles'] as const;
const COLOURS: Record<(typeof CLASSES)[number], readonly [number, number, number]> = { circles: [230, 20, 40], squares: [10, 180, 60], triangles: [30, 60, 250] };
const PER_CLASS = 7;
const SEED = 7;
const TEST_FRACTION = 0.25;

interface ImageFile {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly colour: readonly [number, number, number];
  readonly format: 'PNG' | 'GIF';
}

/**
 * Names that sort differently as text and as numbers (img10 before img2), sizes other than the export's, one GIF, and
 * circles in sub-folders: ImageFolder lists a folder's own files before its sub-folders' ('zz.png' before 'more/…'),
 * and 'more' before 'more-b' though 'more-b/…' < 'more/…' as whole paths.
 */
const IMAGES: readonly ImageFile[] = CLASSES.flatMap((name) => {
  const shaded = (i: number) => COLOURS[name].map((value) => Math.round(value * (1 - i / 12))) as unknown as readonly [number, number, number];
  const files = Array.from({ length: PER_CLASS }, (_, i): ImageFile => {
    const gif = name === 'squares' && i === 3;
    return { path: `images/${name}/img${i * 5}.${gif ? 'gif' : 'png'}`, width: 20 + i, height: 12, colour: shaded(i), format: gif ? 'GIF' : 'PNG' };
  });
  const nested = ['more-b/img1.png', 'more/img2.png', 'zz.png'].map((path, i): ImageFile => ({ path: `images/${name}/${path}`, width: 14, height: 14, colour: shaded(PER_CLASS + i), format: 'PNG' }));
  return name === 'circles' ? [...files, ...nested] : files;
});
const SKIPPED = [
  { path: 'images/circles/.DS_Store', text: 'x' },
  { path: 'images/squares/README.txt', text: 'not an image' },
  { path: 'images/__MACOSX/circles/._img0.png', text: 'x' },
];

/** The files in the order ImageFolder lists them: class by class (the names sort so), each class's files as the page takes them. */
const LISTED = [...IMAGES].sort((a, b) => compareAsImageFolder(a.path, b.path));
const LABELS = Uint8Array.from(LISTED, (file) => CLASSES.findIndex((name) => file.path.startsWith(`images/${name}/`)));
const PAGE_MASK = [...splitByClass(LABELS, CLASSES.length, TEST_FRACTION, SEED)];
const testCount = PAGE_MASK.filter((bit) => bit === 1).length;

/** The browser's decoding, faked: the file's one colour at the size asked. */
const decodeByFile: DecodeImage = async (bytes, side) => {
  const file = IMAGES[bytes[29] ?? -1];
  if (!file) return null;
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) rgba.set([...file.colour, 255], i * 4);
  return rgba;
};

const datasetOf = (side: number, channels: 1 | 3): DatasetInfo => ({
  id: 'your-images',
  title: 'Your images',
  inputShape: [side, side, channels],
  classNames: CLASSES,
  source: 'a test folder',
  drawable: false,
  trainCount: LISTED.length - testCount,
  testCount,
  imageFolder: { testFraction: TEST_FRACTION, seed: SEED },
});

/** The book's convnet is too deep for 16×16: two small convolutions, ending in Dense(3). */
const SMALL_LAYERS: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
  { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Flatten' },
  { type: 'Dense', units: 3, activation: 'softmax' },
];
const TRAINING = { optimizer: 'adam', learningRate: 0.01, batchSize: 4, epochs: 2, trainSize: 12, validationSplit: 0.25, testSize: 4 } as const;

const CASES = [
  { title: '16×16 colour', dataset: datasetOf(16, 3), spec: { layers: SMALL_LAYERS, training: TRAINING } as ModelSpec, runMain: true },
  { title: '8×8 greyscale', dataset: datasetOf(8, 1), spec: { layers: [{ type: 'Flatten' }, ...SMALL_LAYERS.slice(3)], training: TRAINING } as ModelSpec, runMain: false },
] as const;

interface Fact {
  readonly error?: string;
  readonly classNames: readonly string[];
  readonly labels: readonly number[];
  readonly testMask: readonly number[];
  readonly imageShape: readonly number[];
  readonly means: readonly (readonly number[])[];
  readonly range: readonly [number, number];
  readonly sizes: readonly [number, number, number];
  readonly draws: readonly number[];
  readonly mainPrintout?: string;
}

const torchvisionMissing = whyNoTorchvision();

describe.skipIf(torchvisionMissing !== null)(`the PyTorch export's image folder, loaded by torchvision${torchvisionMissing ? ` (skipped: ${torchvisionMissing})` : ''}`, () => {
  let facts: readonly Fact[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'pytorch-images-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  beforeAll(async () => {
    const scripts = CASES.map(({ spec, dataset, runMain }, i) => {
      const script = exportPytorchScript(spec, dataset);
      if (!script.ok) throw new Error(script.message);
      const path = join(directory, `exported_${i}.py`);
      writeFileSync(path, script.value);
      return { path, runMain };
    });
    const manifest = join(directory, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ root: join(directory, 'data'), files: [...IMAGES, ...SKIPPED], scripts, seed: SEED }));
    const { stdout } = await promisify(execFile)(PYTHON, [MEASURE_SCRIPT, manifest], { maxBuffer: 16 * 1024 * 1024 });
    facts = JSON.parse(stdout) as Fact[];
  }, 300_000);

  const factOf = (i: number): Fact => {
    const fact = facts[i];
    if (!fact || fact.error) throw new Error(`Python failed on this script:\n${fact?.error ?? 'no result'}`);
    return fact;
  };

  it.each(CASES.map((c, i) => [c.title, i] as const))('%s: the classes in the page’s order, every image, nothing hidden', (_title, i) => {
    const fact = factOf(i);
    expect(fact.classNames).toEqual(CLASSES);
    expect(fact.labels).toEqual([...LABELS]);
  });

  it.each(CASES.map((c, i) => [c.title, i] as const))('%s: the page’s split for the same seed, and its sizes', (_title, i) => {
    const fact = factOf(i);
    expect(fact.testMask).toEqual(PAGE_MASK);
    expect(fact.draws).toEqual(Array.from({ length: 5 }, createRandom(SEED)));
    const { fit, test } = { fit: TRAINING.trainSize - Math.floor(TRAINING.trainSize * TRAINING.validationSplit), test: TRAINING.testSize };
    expect(fact.sizes).toEqual([fit, TRAINING.trainSize - fit, test]);
  });

  it.each(CASES.map((c, i) => [c.title, i] as const))('%s: the page’s size and colour mode, scaled to [0, 1]', (_title, i) => {
    const fact = factOf(i);
    const [side, , channels] = CASES[i]!.dataset.inputShape;
    expect(fact.imageShape).toEqual([LISTED.length, channels, side, side]);
    expect(fact.range[0]).toBeGreaterThanOrEqual(0);
    expect(fact.range[1]).toBeLessThanOrEqual(1);
    // Each image is one colour: its mean is the page's pixel; PIL's grey weighs 0.299 where the page weighs 0.2989.
    const expected = LISTED.map((file) => [...pixelsFromRgba(Uint8Array.from([...file.colour, 255]), channels as 1 | 3)].map((v) => v / 255));
    fact.means.forEach((means, image) => means.forEach((mean, channel) => expect(Math.abs(mean - (expected[image]?.[channel] ?? NaN)), `image ${image} channel ${channel}`).toBeLessThanOrEqual(1.01 / 255)));
  });

  it("the page's own import of the same files, listed backwards, takes them in ImageFolder's order and holds out the same images", async () => {
    const fact = factOf(0);
    const listedBackwards = [...IMAGES.map((file, id) => ({ path: file.path, bytes: fakePngHeader(file.width, file.height, id) })), ...SKIPPED.map(({ path, text }) => ({ path, bytes: new TextEncoder().encode(text) }))].reverse();
    const answer = await importFolder(listedBackwards, { origin: 'zip', sourceName: 'images.zip', now: 0 }, { side: 16, colourMode: 'rgb', testFraction: TEST_FRACTION, seed: SEED }, decodeByFile);
    if (!answer.ok) throw new Error(answer.message);
    const { labels, testMask, images } = answer.dataset;
    expect([...labels]).toEqual(fact.labels);
    expect([...testMask]).toEqual(fact.testMask);
    // Each image is one colour: the page's i-th image is torchvision's i-th.
    const pixelBytes = 16 * 16 * 3;
    fact.means.forEach((means, image) => means.forEach((mean, channel) => expect(Math.abs(mean - (images[image * pixelBytes + channel] ?? NaN) / 255), `image ${image} channel ${channel}`).toBeLessThanOrEqual(1.01 / 255)));
  });

  it('trains on the folder: main() prints the parameters and a test accuracy', () => {
    const printout = factOf(0).mainPrintout ?? '';
    const analysis = analyzeModel(SMALL_LAYERS, [16, 16, 3]);
    expect(printout.split('\n')).toContain(`Total params: ${formatCount(analysis.ok ? analysis.totalParams : NaN)}`);
    expect(printout).toMatch(/^Epoch 2\/2\n3\/3 - \d+s - loss: [\d.]+ - accuracy: [\d.]+ - val_loss: [\d.]+ - val_accuracy: [\d.]+$/m);
    expect(printout).toMatch(/^test_acc: [\d.]+$/m);
  });
});

it('refuses the book’s convnet on 16×16 images, where its third convolution has no room, naming the layer', () => {
  expect(exportPytorchScript({ layers: CHAPTER5_LAYERS, training: TRAINING }, datasetOf(16, 3))).toMatchObject({ ok: false, message: expect.stringContaining('layer 5 (Conv2D)') });
});
