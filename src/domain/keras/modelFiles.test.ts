/**
 * validateModelFiles on model files built here as tfjs' model.save(browserDownloads()) writes them, on broken and hostile
 * files, and against tfjs itself (cpu backend) as the oracle for weight order and shapes.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../training/buildModel.ts';
import { analyzeModel, nameLayers } from '../analysis.ts';
import { DEFAULT_MODEL } from '../defaults.ts';
import type { ModelFiles, WeightsFile } from './modelFiles.ts';
import { MODEL_FILE_LIMITS, validateModelFiles } from './modelFiles.ts';
import { expectedWeights } from './weights.ts';
import { countLayerParams } from '../params.ts';
import { topologyFromSpec } from './topology.ts';
import type { LayerSpec } from '../modelSpec.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

const BATCH_NORM_MODEL: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'valid', activation: 'relu' },
  { type: 'BatchNormalization' },
  { type: 'Dense', units: 3, activation: 'linear' },
  { type: 'Flatten' },
  { type: 'Dropout', rate: 0.5 },
  { type: 'Dense', units: 10, activation: 'softmax' },
];
const MODELS: Record<string, readonly LayerSpec[]> = {
  'chapter 5': DEFAULT_MODEL.layers,
  'BatchNormalization and Dense on an image': BATCH_NORM_MODEL,
  'dense only, BatchNormalization last': [{ type: 'Flatten' }, { type: 'Dense', units: 32, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'softmax' }, { type: 'BatchNormalization' }],
};

const CHAPTER5_PARAMS = 93_322;
const FILE_NAME = 'model.weights.bin';

interface ManifestWeight {
  name: string;
  shape: number[];
  dtype: string;
}
interface ModelJson {
  modelTopology: unknown;
  format: string;
  generatedBy: string;
  convertedBy: null;
  weightsManifest: { paths: string[]; weights: ManifestWeight[] }[];
}

function weightsOf(layers: readonly LayerSpec[]) {
  const expected = expectedWeights(layers);
  if (!expected.ok) throw new Error(expected.message);
  return expected.weights;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** model.json and weights as tfjs writes them, with Keras 2 layer names and a distinct value at every position. */
function makeFiles(layers: readonly LayerSpec[] = DEFAULT_MODEL.layers) {
  const names = nameLayers(layers);
  const weights = weightsOf(layers).map((w) => ({ name: `${names[w.layerIndex]}/${w.role}`, shape: [...w.shape], dtype: 'float32' }));
  const values = Float32Array.from({ length: weights.reduce((sum, w) => sum + size(w.shape), 0) }, (_, i) => i / 1000);
  const json: ModelJson = {
    modelTopology: topologyFromSpec(layers),
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    weightsManifest: [{ paths: [`./${FILE_NAME}`], weights }],
  };
  return { json, values, files: [{ name: FILE_NAME, bytes: values.buffer }] as WeightsFile[] };
}

function validate(json: unknown, files: WeightsFile[]): ModelFiles {
  return validateModelFiles({ modelJson: typeof json === 'string' ? json : JSON.stringify(json), weightsFiles: files });
}

function messageOf(result: ModelFiles): string {
  if (result.ok) throw new Error('expected a rejection, but the files were accepted');
  return result.message;
}

/** The manifest's only weights list, to edit. */
const manifestWeights = (json: ModelJson) => json.weightsManifest[0]?.weights ?? [];

describe('expectedWeights', () => {
  it("lists chapter 5's kernels and biases in tfjs' order, 93,322 values in all", () => {
    const weights = weightsOf(DEFAULT_MODEL.layers);
    expect(weights.map((w) => [w.layerIndex, w.role, w.shape])).toEqual([
      [0, 'kernel', [3, 3, 1, 32]], [0, 'bias', [32]],
      [2, 'kernel', [3, 3, 32, 64]], [2, 'bias', [64]],
      [4, 'kernel', [3, 3, 64, 64]], [4, 'bias', [64]],
      [6, 'kernel', [576, 64]], [6, 'bias', [64]],
      [7, 'kernel', [64, 10]], [7, 'bias', [10]],
    ]);
    expect(weights.reduce((sum, w) => sum + size(w.shape), 0)).toBe(CHAPTER5_PARAMS);
  });

  it.each(Object.entries(MODELS))('agrees with the parameter counts, layer by layer: %s', (_, layers) => {
    const analysis = analyzeModel(layers);
    if (!analysis.ok) throw new Error(analysis.message);
    const weights = weightsOf(layers);
    layers.forEach((layer, i) => {
      const mine = weights.filter((w) => w.layerIndex === i);
      const counted = countLayerParams(layer, i === 0 ? [28, 28, 1] : (analysis.rows[i - 1]?.outputShape ?? []));
      expect(mine.filter((w) => w.trainable).reduce((sum, w) => sum + size(w.shape), 0)).toBe(counted.trainable);
      expect(mine.filter((w) => !w.trainable).reduce((sum, w) => sum + size(w.shape), 0)).toBe(counted.nonTrainable);
    });
    expect(weights.reduce((sum, w) => sum + size(w.shape), 0)).toBe(analysis.totalParams);
  });

  it.each(Object.entries(MODELS))("has the shapes and order of tfjs' model.weights (moving statistics last): %s", (_, layers) => {
    const model = buildModel(layers);
    const oracle = model.weights.map((w) => [w.shape, w.trainable, w.originalName.split('/').at(-1)]);
    model.dispose();
    expect(weightsOf(layers).map((w) => [w.shape, w.trainable, w.role])).toEqual(oracle);
  });

  it("passes on inferShapes' reason when the layers do not fit together", () => {
    const result = expectedWeights([{ type: 'Conv2D', filters: 1, kernelSize: [30, 30], strides: [1, 1], padding: 'valid', activation: 'relu' }]);
    expect(result).toMatchObject({ ok: false, layerIndex: 0, message: expect.stringContaining('larger than its 28×28 input') });
  });
});

describe('validateModelFiles accepts', () => {
  it('the chapter 5 model with its weights, unchanged', () => {
    const { json, values, files } = makeFiles();
    const result = validate(json, files);
    if (!result.ok) throw new Error(result.message);
    expect(result.layers).toEqual(DEFAULT_MODEL.layers);
    expect(result.weightData.byteLength).toBe(CHAPTER5_PARAMS * 4);
    expect(new Float32Array(result.weightData)).toEqual(values);
    expect(result.weightSpecs).toEqual(manifestWeights(json));
    expect(result.meta).toEqual({ generatedBy: 'TensorFlow.js tfjs-layers v4.22.0', convertedBy: null });
  });

  it("what tfjs' model.save writes, and tfjs loads the result to the same predictions", async () => {
    const model = buildModel(BATCH_NORM_MODEL, 7);
    // Distinct positive values everywhere, so a gamma mistaken for a moving variance would show.
    model.setWeights(model.weights.map((w, i) => tf.randomUniform(w.shape as number[], 0.5, 1.5, 'float32', i)));
    const artifacts = await new Promise<tf.io.ModelArtifacts>((resolve) => {
      void model.save(tf.io.withSaveHandler(async (saved) => (resolve(saved), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    });
    const { modelTopology, format, generatedBy, convertedBy, weightSpecs, weightData } = artifacts;
    const modelJson = { modelTopology, format, generatedBy, convertedBy, weightsManifest: [{ paths: [`./${FILE_NAME}`], weights: weightSpecs }] };
    const result = validate(modelJson, [{ name: FILE_NAME, bytes: weightData as ArrayBuffer }]);
    if (!result.ok) throw new Error(result.message);
    expect(result.layers).toEqual(BATCH_NORM_MODEL);
    expect(result.weightSpecs).toEqual(weightSpecs);

    const loadedSpecs = result.weightSpecs.map((spec) => ({ ...spec, shape: [...spec.shape] }));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology, weightSpecs: loadedSpecs, weightData: result.weightData }));
    const rebuilt = buildModel(result.layers);
    rebuilt.setWeights(Object.values(tf.io.decodeWeights(result.weightData, loadedSpecs)));
    const input = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 3);
    const [original, fromMemory, fromSpec] = [model, loaded, rebuilt].map((m) => {
      const output = m.predict(input) as tf.Tensor;
      const values = output.arraySync();
      output.dispose();
      m.dispose();
      return values;
    });
    input.dispose();
    expect(fromMemory).toEqual(original);
    expect(fromSpec).toEqual(original);
  });

  it("weights listed layer by layer, as Keras' converter writes them, and puts them in tfjs' order", () => {
    const { json, values } = makeFiles(BATCH_NORM_MODEL);
    const tfjsOrder = manifestWeights(json).map((w) => w.name);
    const slices = new Map<string, Float32Array>();
    manifestWeights(json).reduce((start, w) => (slices.set(w.name, values.subarray(start, start + size(w.shape))), start + size(w.shape)), 0);
    // tfjs lists the moving statistics last; Keras' converter lists them after their layer's beta.
    const weights = manifestWeights(json);
    weights.splice(4, 0, ...weights.splice(-2, 2));
    const layerByLayer = new Float32Array(values.length);
    weights.reduce((start, w) => (layerByLayer.set(slices.get(w.name) ?? [], start), start + size(w.shape)), 0);

    const result = validate(json, [{ name: FILE_NAME, bytes: layerByLayer.buffer }]);
    if (!result.ok) throw new Error(result.message);
    expect(weights.map((w) => w.name).slice(2, 6)).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance'].map((r) => `batch_normalization_1/${r}`));
    expect(result.weightSpecs.map((w) => w.name)).toEqual(tfjsOrder);
    expect(new Float32Array(result.weightData)).toEqual(values);
  });

  it('brackets inside names, however many, which are text and not nesting', () => {
    const { json, files } = makeFiles();
    const result = validate({ ...json, generatedBy: `[{\\"${'['.repeat(500)}` }, files);
    expect(result.ok && result.meta.generatedBy).toBe(`[{\\"${'['.repeat(96)}`);
  });

  it('a single weights file under another name, since people rename downloads', () => {
    const { json, files } = makeFiles();
    const renamed = files.map((f) => ({ ...f, name: 'my-model (1).weights.bin' }));
    expect(validate(json, renamed).ok).toBe(true);
  });

  it('a group of weights split over two files, as tfjs shards them', () => {
    const { json, values } = makeFiles();
    const group = json.weightsManifest[0];
    if (group) group.paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
    const files = [
      { name: 'group1-shard2of2.bin', bytes: values.buffer.slice(1000) },
      { name: 'group1-shard1of2.bin', bytes: values.buffer.slice(0, 1000) },
    ];
    const result = validate(json, files);
    expect(result.ok && new Float32Array(result.weightData)).toEqual(values);
  });
});

describe('validateModelFiles rejects, saying why', () => {
  it('a missing weights file', () => {
    const { json } = makeFiles();
    expect(messageOf(validate(json, []))).toBe(`model.json names weights file '${FILE_NAME}' but it was not provided — choose both files together.`);
  });

  it('one of two shards missing, and a file the manifest does not name', () => {
    const { json, values } = makeFiles();
    const group = json.weightsManifest[0];
    if (group) group.paths = ['shard1.bin', 'shard2.bin'];
    const halves = [values.buffer.slice(0, 1000), values.buffer.slice(1000)];
    expect(messageOf(validate(json, [{ name: 'shard1.bin', bytes: halves[0]! }, { name: 'other.bin', bytes: halves[1]! }]))).toContain(
      "names weights file 'shard2.bin' but it was not provided",
    );
    const three = [{ name: 'shard1.bin', bytes: halves[0]! }, { name: 'shard2.bin', bytes: halves[1]! }, { name: 'notes.bin', bytes: new ArrayBuffer(4) }];
    expect(messageOf(validate(json, three))).toContain("The file 'notes.bin' is not one of the weights files model.json names");
  });

  it('truncated weights, with the bytes expected and got', () => {
    const { json, values } = makeFiles();
    const message = messageOf(validate(json, [{ name: FILE_NAME, bytes: values.buffer.slice(0, -4) }]));
    expect(message).toBe(
      `The weights file '${FILE_NAME}' has 373,284 bytes, but model.json's weights need 373,288 (93,322 float32 values): it is truncated.`,
    );
  });

  it('padded weights', () => {
    const { json, values } = makeFiles();
    const padded = new Uint8Array(values.byteLength + 6);
    padded.set(new Uint8Array(values.buffer));
    expect(messageOf(validate(json, [{ name: FILE_NAME, bytes: padded.buffer }]))).toContain('has 373,294 bytes, but model.json\'s weights need 373,288 (93,322 float32 values): it has 6 extra bytes');
  });

  it("a weight whose shape is not what its layer needs, naming both", () => {
    const { json, files } = makeFiles();
    const kernel = manifestWeights(json).find((w) => w.name === 'conv2d_2/kernel');
    if (kernel) kernel.shape = [3, 3, 64, 32];
    expect(messageOf(validate(json, files))).toBe(
      "Weight 'conv2d_2/kernel' has shape [3, 3, 64, 32] in model.json's weightsManifest, but the Conv2D layer 'conv2d_2' needs [3, 3, 32, 64] for its kernel: the weights do not fit the model's layers.",
    );
  });

  it('a topology whose layers do not match the weights (Dense units changed)', () => {
    const { json, files } = makeFiles();
    json.modelTopology = topologyFromSpec(DEFAULT_MODEL.layers.map((l, i) => (i === 6 ? { type: 'Dense', units: 32, activation: 'relu' } : l)));
    expect(messageOf(validate(json, files))).toContain("Weight 'dense_1/kernel' has shape [576, 64] in model.json's weightsManifest, but the Dense layer 'dense_1' needs [576, 32]");
  });

  it('a manifest with a weight too few, one listed twice, or one of no layer', () => {
    const { json, files } = makeFiles();
    const weights = manifestWeights(json);
    const last = weights.pop();
    expect(messageOf(validate(json, files))).toContain("model.json's weightsManifest lists 9 weights, but its model needs 10");
    weights.push({ ...weights[0]! });
    expect(messageOf(validate(json, files))).toBe("Weight 'conv2d_1/kernel' is listed twice in model.json's weightsManifest.");
    weights.splice(-1, 1, { ...last!, name: 'dense_9/bias' });
    expect(messageOf(validate(json, files))).toContain("Weight 'dense_9/bias' in model.json's weightsManifest belongs to none of the model's layers");
  });

  it('weights that are not float32, or quantized', () => {
    const { json, files } = makeFiles();
    const bias = manifestWeights(json)[1]!;
    bias.dtype = 'int32';
    expect(messageOf(validate(json, files))).toBe("Weight 'conv2d_1/bias' has dtype 'int32'; the editor loads float32 weights only.");
    bias.dtype = 'float32';
    Object.assign(bias, { quantization: { dtype: 'uint8', scale: 1, min: 0 } });
    expect(messageOf(validate(json, files))).toContain("Weight 'conv2d_1/bias' is quantized");
  });

  it.each([NaN, Infinity, -Infinity])('weights that hold %s, naming the weight and where', (bad) => {
    const { json, values } = makeFiles();
    const copy = values.slice();
    copy[288 + 32 + 5] = bad; // the sixth value of conv2d_2/kernel
    expect(messageOf(validate(json, [{ name: FILE_NAME, bytes: copy.buffer }]))).toBe(
      `Weight 'conv2d_2/kernel' holds ${bad} (value 6 of 18,432): training diverged, so these weights cannot be used.`,
    );
  });

  it.each([
    ['not JSON', '{"modelTopology": ', 'model.json is not JSON: '],
    ['a list', '[]', 'model.json must hold a JSON object with modelTopology and weightsManifest, not a list of 0 items.'],
    ['null', 'null', 'model.json must hold a JSON object with modelTopology and weightsManifest, not null.'],
    ['a number', '42', 'not 42.'],
    ['a string', '"model"', "not 'model'."],
    ['a deeply nested list', `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`, 'model.json nests lists or objects more than 100 deep'],
    ['an object without modelTopology', '{"weightsManifest": []}', 'model.json has no modelTopology'],
    ['modelTopology only under __proto__', '{"__proto__": {"modelTopology": {"class_name": "Sequential"}}}', 'model.json has no modelTopology'],
    ['a graph model', '{"format": "graph-model", "modelTopology": {}}', "model.json's format is 'graph-model'"],
    ['a functional model', '{"modelTopology": {"class_name": "Functional", "config": {}}}', 'only Sequential models can be imported'],
  ])('model.json that is %s', (_, text, phrase) => {
    expect(messageOf(validate(text, makeFiles().files))).toContain(phrase);
  });

  it('a model.json nested a million levels deep, within a second, before JSON.parse sees it', () => {
    // Found by fuzzing: JSON.parse took 5.7 s over 2 MB of brackets (4.1 s over 5 MB of {"a": …}) before refusing it.
    for (const text of [`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`, `${'{"a":'.repeat(870_000)}1${'}'.repeat(870_000)}`]) {
      const started = performance.now();
      expect(messageOf(validate(text, makeFiles().files))).toBe('model.json nests lists or objects more than 100 deep; a model saved by tfjs or Keras nests about 10.');
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('layers that do not fit together', () => {
    const { json, files } = makeFiles();
    json.modelTopology = topologyFromSpec([{ type: 'Conv2D', filters: 1, kernelSize: [30, 30], strides: [1, 1], padding: 'valid', activation: 'relu' }]);
    expect(messageOf(validate(json, files))).toContain('The model in model.json cannot be built: layer 1 (Conv2D): kernel 30×30 is larger than its 28×28 input');
  });

  it('a model.json with no weightsManifest', () => {
    const { json, files } = makeFiles();
    expect(messageOf(validate({ ...json, weightsManifest: undefined }, files))).toBe("model.json has no weightsManifest: it holds the model's layers but names no weights file.");
  });

  it('oversized files before reading them', () => {
    const { json, files } = makeFiles();
    const huge = ' '.repeat(MODEL_FILE_LIMITS.maxModelJsonChars + 1);
    expect(messageOf(validate(huge, files))).toBe('model.json is too large (5,242,881 characters); the editor reads at most 5 MB.');
    const tooMuch = [{ name: FILE_NAME, bytes: new ArrayBuffer(MODEL_FILE_LIMITS.maxWeightBytes + 4) }];
    expect(messageOf(validate('not even JSON', tooMuch))).toBe('The weights files are too large (104,857,604 bytes); the editor loads at most 100 MB.');
    const tight = validateModelFiles({ modelJson: JSON.stringify(json), weightsFiles: files, limits: { maxWeightBytes: 300_000 } });
    expect(messageOf(tight)).toBe('The weights files are too large (373,288 bytes); the editor loads at most 300,000 bytes.');
  });

  it('two chosen files with the same name', () => {
    const { json, files } = makeFiles();
    expect(messageOf(validate(json, [...files, ...files]))).toContain("Two of the chosen weights files are named 'model.weights.bin'");
  });
});

describe('validateModelFiles on a hostile manifest', () => {
  const entry = (patch: object) => ({ name: 'conv2d_1/kernel', shape: [3, 3, 1, 32], dtype: 'float32', ...patch });
  const group = (patch: object) => ({ paths: [FILE_NAME], weights: [entry({})], ...patch });
  const cases: [string, unknown, string][] = [
    ['a string for a manifest', 'weights', "model.json's weightsManifest must be a list of weight groups, not 'weights'"],
    ['an empty manifest', [], 'must be a list of weight groups'],
    ['paths that are not strings', [group({ paths: [1, 2] })], "weightsManifest[0].paths must hold weights file names like 'model.weights.bin', not 1"],
    ['a path that is a directory', [group({ paths: ['/'] })], 'must hold weights file names'],
    ['paths that are a string', [group({ paths: FILE_NAME })], "model.json's weightsManifest[0] must be an object with a paths list and a weights list"],
    ['a negative dimension', [group({ weights: [entry({ shape: [-1, 3, 1, 32] })] })], "Weight 'conv2d_1/kernel' has shape [-1, 3, 1, 32] in model.json; a shape must be a list of at most 8 positive whole numbers"],
    ['a fractional dimension', [group({ weights: [entry({ shape: [2.5] })] })], 'has shape [2.5] in model.json'],
    ['a string dimension', [group({ weights: [entry({ shape: ['3', [3]] })] })], "has shape ['3', a list] in model.json"],
    ['a rank of 100', [group({ weights: [entry({ shape: Array(100).fill(1) })] })], 'has shape a list of 100 items'],
    ['a name that is not a string', [group({ weights: [entry({ name: { toString: 1 } })] })], "weightsManifest[0].weights[0] must have a name like 'conv2d_1/kernel', not an object"],
    ['a huge name', [group({ weights: [entry({ name: 'x'.repeat(100_000) })] })], 'must have a name like'],
    ['100,000 weights', [group({ weights: Array(100_000).fill({}) })], "model.json's weightsManifest lists 100,000 or more weights; a model in the editor has at most 800"],
    ['100,000 paths', [group({ paths: Array(100_000).fill(FILE_NAME) })], 'must list between 1 and 100 weights files, not a list of 100,000 items'],
    ['100,000 groups', Array(100_000).fill({}), 'must be a list of weight groups, not a list of 100,000 items'],
  ];
  it.each(cases)('%s, quickly', (_, manifest, phrase) => {
    const { json, files } = makeFiles();
    const started = performance.now();
    const message = messageOf(validate({ ...json, weightsManifest: manifest }, files));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(message).toContain(phrase);
  });

  it('a group whose paths and weights sit under __proto__', () => {
    const { json, files } = makeFiles();
    const text = JSON.stringify({ ...json, weightsManifest: [{ ['__proto__']: json.weightsManifest[0] }] });
    expect(text).toContain('"__proto__":{"paths"');
    expect(messageOf(validate(text, files))).toBe("model.json's weightsManifest[0] must be an object with a paths list and a weights list.");
  });

  it('an absurd dimension where the model needs a real one', () => {
    const { json, files } = makeFiles();
    manifestWeights(json)[0]!.shape = [1e12, 3, 1, 32];
    expect(messageOf(validate(json, files))).toContain("Weight 'conv2d_1/kernel' has shape [1000000000000, 3, 1, 32]");
  });
});
