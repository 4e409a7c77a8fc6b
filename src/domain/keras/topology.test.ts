/**
 * topologyFromSpec against tfjs' own model.toJSON() (cpu backend in Node) as the oracle, and specFromTopology on what
 * tfjs, Keras 2 and Keras 3 write, on broken files, and on hostile input.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../data/batching.ts';
import { buildModel } from '../../training/buildModel.ts';
import { analyzeModel } from '../analysis.ts';
import { CHAPTER5_LAYERS } from '../defaults.ts';
import { randomBatchNorm, randomConv, randomDense, randomDropout, randomFlatten, randomLayers, randomPooling, type RecipeStep } from '../randomLayers.ts';
import { MAX_IMPORTED_LAYERS, topologyFromSpec } from './topology.ts';
import { specFromTopology } from './topologyImport.ts';
import type { LayerSpec } from '../modelSpec.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

const HAND_PICKED: Record<string, readonly LayerSpec[]> = {
  'chapter 5': CHAPTER5_LAYERS,
  'chapter 2 dense': [{ type: 'Flatten' }, { type: 'Dense', units: 512, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'softmax' }],
  'every layer type, same padding, stride 2': [
    { type: 'Conv2D', filters: 8, kernelSize: [5, 3], strides: [2, 2], padding: 'same', activation: 'tanh' },
    { type: 'BatchNormalization' },
    { type: 'AveragePooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
    { type: 'MaxPooling2D', poolSize: [3, 3], strides: [2, 1], padding: 'same' },
    { type: 'Dense', units: 4, activation: 'sigmoid' },
    { type: 'Flatten' },
    { type: 'Dropout', rate: 0.25 },
    { type: 'Dense', units: 16, activation: 'linear' },
    { type: 'BatchNormalization' },
    { type: 'Dense', units: 10, activation: 'softmax' },
  ],
};

/** Valid random models of every layer type, in any order. */
const ANY_ORDER: readonly RecipeStep[] = [
  {
    repeat: [2, 12],
    from: [
      randomConv({ maxFilters: 8, activations: ['relu', 'tanh', 'sigmoid', 'linear', 'softmax'] }),
      randomPooling({ maxPoolSize: 3, nullStridesChance: 0.4 }),
      randomFlatten,
      randomDense({ maxUnits: 16, activations: ['relu', 'softmax', 'linear'] }),
      randomDropout,
      randomBatchNorm,
    ],
  },
];

const random = createRandom(52_026);
const RANDOM: Record<string, readonly LayerSpec[]> = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`random #${i}`, randomLayers(random, ANY_ORDER)]));

/**
 * Fields that legitimately differ from tfjs' toJSON():
 * - names: tfjs counts per class across every model in the process (conv2d_Conv2D7, sequential_3); we write Keras 2's
 *   per-model names (conv2d_1). The class's snake-case prefix is still compared.
 * - seed: buildModel seeds initializers and Dropout so runs repeat; a topology leaves them null, as Keras does.
 * - keras_version: tfjs writes its installed release; the "tfjs-layers" part is still compared.
 */
function normalise(topology: unknown): unknown {
  return JSON.parse(JSON.stringify(topology), (key: string, value: unknown) => {
    if (key === 'name' && typeof value === 'string') return value.replace(/_[^_]*$/, '');
    if (key === 'seed') return null;
    if (key === 'keras_version' && typeof value === 'string') return value.split(' ')[0];
    return value;
  });
}

function tfjsTopology(layers: readonly LayerSpec[]): unknown {
  const model = buildModel(layers);
  try {
    return model.toJSON(null, false);
  } finally {
    model.dispose();
  }
}

/** Strides equal to the pool size and strides null are one model; Keras writes both as the pool size. */
function canonical(layers: readonly LayerSpec[]): LayerSpec[] {
  return layers.map((layer) =>
    (layer.type === 'MaxPooling2D' || layer.type === 'AveragePooling2D') && layer.strides?.[0] === layer.poolSize[0] && layer.strides[1] === layer.poolSize[1]
      ? { ...layer, strides: null }
      : layer,
  );
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('topologyFromSpec', () => {
  it.each(Object.entries({ ...HAND_PICKED, ...RANDOM }))('equals tfjs model.toJSON() for %s', (_name, layers) => {
    expect(normalise(topologyFromSpec(layers))).toEqual(normalise(tfjsTopology(layers)));
  });

  it('is plain JSON with Keras 2 layer names', () => {
    const topology = topologyFromSpec(HAND_PICKED['every layer type, same padding, stride 2'] ?? []);
    expect(clone(topology)).toEqual(topology);
    expect(JSON.stringify(topology)).not.toMatch(/"seed":[^n]/);
    expect(topology.config.layers.map((layer) => layer.config['name'])).toEqual([
      'conv2d_1',
      'batch_normalization_1',
      'average_pooling2d_1',
      'max_pooling2d_1',
      'dense_1',
      'flatten_1',
      'dropout_1',
      'dense_2',
      'batch_normalization_2',
      'dense_3',
    ]);
  });

  it.each(Object.entries(HAND_PICKED))('loads in tfjs as the same model for %s', async (_name, layers) => {
    const topology = topologyFromSpec(layers);
    const analysis = analyzeModel(layers);
    const model = await tf.models.modelFromJSON({ modelTopology: clone(topology) as unknown as tf.io.ModelJSON['modelTopology'] });
    try {
      expect(normalise(model.toJSON(null, false))).toEqual(normalise(topology));
      expect(model.countParams()).toBe(analysis.ok && analysis.totalParams);
    } finally {
      model.dispose();
    }
  });
});

describe('specFromTopology reads back', () => {
  it.each(Object.entries({ ...HAND_PICKED, ...RANDOM }))('what tfjs writes for %s', (_name, layers) => {
    expect(specFromTopology(tfjsTopology(layers))).toEqual({ ok: true, layers: canonical(layers) });
  });

  it.each(Object.entries({ ...HAND_PICKED, ...RANDOM }))('what topologyFromSpec writes for %s', (_name, layers) => {
    expect(specFromTopology(topologyFromSpec(layers))).toEqual({ ok: true, layers: canonical(layers) });
  });

  const chapter5 = () => clone(topologyFromSpec(CHAPTER5_LAYERS));
  const keras3 = () => {
    const topology = chapter5();
    const first = { ...topology.config.layers[0]?.config };
    delete first['batch_input_shape'];
    return {
      module: 'keras',
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 28, 28, 1], dtype: 'float32', name: 'input_layer' } },
          { ...topology.config.layers[0], config: first },
          ...topology.config.layers.slice(1),
        ],
      },
    };
  };
  it.each([
    ['a tfjs model.json', () => ({ format: 'layers-model', generatedBy: 'TensorFlow.js', modelTopology: chapter5(), weightsManifest: [] })],
    ['a converted Keras model.json', () => ({ modelTopology: { keras_version: '2.15.0', backend: 'tensorflow', model_config: chapter5() } })],
    ['a Keras 3 config with an InputLayer', keras3],
    ['a Keras 2.1 config that is the bare layer list', () => ({ class_name: 'Sequential', config: chapter5().config.layers })],
    ['an input shape only in build_input_shape', () => {
      const topology = chapter5();
      delete (topology.config.layers[0]?.config as Record<string, unknown>)['batch_input_shape'];
      return { ...topology, config: { ...topology.config, build_input_shape: [null, 28, 28, 1] } };
    }],
  ])('%s', (_name, makeJson) => {
    expect(specFromTopology(makeJson())).toEqual({ ok: true, layers: CHAPTER5_LAYERS });
  });

  it('takes what Keras accepts besides its own output: single integers, aliases, axis [3], no optional fields', () => {
    const json = {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'Conv2D', config: { filters: 4, kernel_size: 3, batch_input_shape: [32, 28, 28, 1] } },
          { class_name: 'BatchNormalization', config: { axis: [3], momentum: 0.99, epsilon: 0.001 } },
          { class_name: 'MaxPool2D', config: { strides: null } },
          { class_name: 'AvgPool2D', config: { pool_size: [3, 3], strides: 1, padding: 'same' } },
          { class_name: 'Flatten', config: {} },
          { class_name: 'BatchNormalization', config: { axis: 1 } },
          { class_name: 'Dense', config: { units: 10, activation: null } },
        ],
      },
    };
    expect(specFromTopology(json)).toEqual({
      ok: true,
      layers: [
        { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'linear' },
        { type: 'BatchNormalization' },
        { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
        { type: 'AveragePooling2D', poolSize: [3, 3], strides: [1, 1], padding: 'same' },
        { type: 'Flatten' },
        { type: 'BatchNormalization' },
        { type: 'Dense', units: 10, activation: 'linear' },
      ],
    });
  });
});

/** The chapter-5 topology behind an InputLayer, so its Conv2D is layer 2 and its first Dense is layer 8. */
function chapter5With(layerIndex: number, patch: Record<string, unknown>, className?: string): unknown {
  type EditableTopology = { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  const topology = clone(topologyFromSpec(CHAPTER5_LAYERS)) as unknown as EditableTopology;
  const first = topology.config.layers[0];
  if (first) delete first.config['batch_input_shape'];
  topology.config.layers.unshift({ class_name: 'InputLayer', config: { batch_input_shape: [null, 28, 28, 1] } });
  const layer = topology.config.layers[layerIndex - 1];
  if (layer) {
    layer.config = { ...layer.config, ...patch };
    if (className) layer.class_name = className;
  }
  return topology;
}

const sequential = (layers: unknown[]) => ({ class_name: 'Sequential', config: { name: 'sequential_1', layers } });
const MNIST_BATCH_SHAPE = [null, 28, 28, 1];
const conv = (config: Record<string, unknown>) => ({
  class_name: 'Conv2D',
  config: { filters: 8, kernel_size: [3, 3], batch_input_shape: MNIST_BATCH_SHAPE, ...config },
});

const EDITOR_LAYERS = 'Conv2D, MaxPooling2D, AveragePooling2D, Flatten, Dense, Dropout and BatchNormalization';

describe('specFromTopology refuses, naming the problem', () => {
  const notTopology = 'Not a model topology: expected a Sequential model.';
  it.each<[string, unknown, string]>([
    [
      'an unsupported layer',
      chapter5With(3, {}, 'LSTM'),
      'Layer 3 (LSTM) is not supported: the editor has Conv2D, MaxPooling2D, AveragePooling2D, Flatten, Dense, Dropout and BatchNormalization.',
    ],
    ['an empty object', {}, notTopology],
    ['null', null, notTopology],
    ['a list', [], notTopology],
    ['a model.json without a topology', { format: 'layers-model', modelTopology: 'x' }, notTopology],
    ['another class', { class_name: 'Dense', config: {} }, 'Not a model topology: expected a Sequential model, not class_name "Dense".'],
    [
      'a functional model',
      { class_name: 'Functional', config: { layers: [] } },
      'This is a functional model (class_name "Functional"); only Sequential models can be imported.',
    ],
    [
      'a Keras 2 functional model',
      { modelTopology: { model_config: { class_name: 'Model', config: {} } } },
      'This is a functional model (class_name "Model"); only Sequential models can be imported.',
    ],
    ['no layer list', { class_name: 'Sequential', config: { layers: {} } }, 'The Sequential model has no config.layers list.'],
    ['no layers', sequential([]), 'The Sequential model has no layers.'],
    [
      'only an InputLayer',
      sequential([{ class_name: 'InputLayer', config: { batch_shape: [null, 28, 28, 1] } }]),
      'The Sequential model has no layers after its InputLayer.',
    ],
    [
      'a bad kernel_size',
      chapter5With(2, { kernel_size: [3, 0] }),
      'Layer 2 (Conv2D): kernel_size must be two positive integers, not [3, 0].',
    ],
    [
      'a missing kernel_size',
      sequential([{ class_name: 'Conv2D', config: { filters: 8, batch_input_shape: [null, 28, 28, 1] } }]),
      'Layer 1 (Conv2D): kernel_size is missing; it must be two positive integers.',
    ],
    [
      'CIFAR input',
      sequential([conv({ batch_input_shape: [null, 32, 32, 3] })]),
      'The model expects input (32, 32, 3); MNIST digits are (28, 28, 1).',
    ],
    [
      'flat input',
      sequential([{ class_name: 'Dense', config: { units: 10, batch_input_shape: [null, 784] } }]),
      'The model expects input (784); MNIST digits are (28, 28, 1).',
    ],
    [
      'an open input size',
      sequential([conv({ batch_input_shape: [null, null, null, 1] })]),
      'The model expects input (None, None, 1); MNIST digits are (28, 28, 1).',
    ],
    [
      'a junk input shape',
      sequential([conv({ batch_input_shape: 'big' })]),
      'The model\'s input shape must be a list like [null, 28, 28, 1], not "big".',
    ],
    [
      'no input shape',
      sequential([conv({ batch_input_shape: undefined })]),
      'The model does not declare its input shape; give the first layer batch_input_shape [null, 28, 28, 1].',
    ],
    ['an InputLayer later on', chapter5With(4, {}, 'InputLayer'), 'Layer 4 (InputLayer): an InputLayer can only come first.'],
    [
      'an unsupported activation',
      chapter5With(2, { activation: 'elu' }),
      'Layer 2 (Conv2D): activation "elu" is not supported: the editor has relu, softmax, sigmoid, tanh and linear.',
    ],
    [
      'dilation',
      chapter5With(2, { dilation_rate: [2, 2] }),
      'Layer 2 (Conv2D): dilation_rate [2, 2] is not supported: the editor has no dilated convolutions.',
    ],
    [
      'channels_first',
      chapter5With(2, { data_format: 'channels_first' }),
      'Layer 2 (Conv2D): data_format "channels_first" is not supported: MNIST images are channels_last.',
    ],
    [
      'no bias',
      chapter5With(8, { use_bias: false }),
      'Layer 8 (Dense): use_bias false is not supported: every Conv2D and Dense layer has a bias.',
    ],
    [
      'a regularizer',
      chapter5With(8, { kernel_regularizer: { class_name: 'L2', config: { l2: 0.01 } } }),
      'Layer 8 (Dense): kernel_regularizer is not supported: the editor has no regularizers or constraints.',
    ],
    ['a frozen layer', chapter5With(2, { trainable: false }), 'Layer 2 (Conv2D): trainable false (a frozen layer) is not supported.'],
    ['causal padding', chapter5With(3, { padding: 'causal' }), 'Layer 3 (MaxPooling2D): padding must be "valid" or "same", not "causal".'],
    [
      'a dropout rate of 1',
      chapter5With(8, { rate: 1 }, 'Dropout'),
      'Layer 8 (Dropout): rate must be a fraction from 0 up to (not including) 1, not 1.',
    ],
    [
      'a noise shape',
      chapter5With(8, { rate: 0.5, noise_shape: [null, 1] }, 'Dropout'),
      'Layer 8 (Dropout): noise_shape [null, 1] is not supported.',
    ],
    [
      'batch norm momentum',
      chapter5With(2, { momentum: 0.9 }, 'BatchNormalization'),
      "Layer 2 (BatchNormalization): momentum 0.9 is not supported: the editor uses Keras' 0.99.",
    ],
    [
      'batch norm on the channels of a flat input',
      chapter5With(8, { axis: 3 }, 'BatchNormalization'),
      'Layer 8 (BatchNormalization): axis 3 is not supported: the editor normalises the last axis.',
    ],
    [
      'batch norm without scale',
      chapter5With(2, { scale: false }, 'BatchNormalization'),
      'Layer 2 (BatchNormalization): scale false is not supported: the editor learns the scale (gamma).',
    ],
    [
      'a grouped convolution',
      chapter5With(2, { groups: 2 }),
      'Layer 2 (Conv2D): groups 2 is not supported: the editor has no grouped convolutions.',
    ],
    [
      'a layer without config',
      sequential([conv({}), { class_name: 'Flatten' }]),
      'Layer 2 is not a layer: expected an object with class_name and config.',
    ],
    ['a layer that is a number', sequential([conv({}), 7]), 'Layer 2 is not a layer: expected an object with class_name and config.'],
  ])('%s', (_name, json, message) => {
    expect(specFromTopology(json)).toEqual({ ok: false, message });
  });

  it(`takes at most ${MAX_IMPORTED_LAYERS} layers`, () => {
    const dense = { class_name: 'Dense', config: { units: 10, batch_input_shape: [null, 28, 28, 1] } };
    expect(specFromTopology(sequential(Array.from({ length: MAX_IMPORTED_LAYERS }, () => dense))).ok).toBe(true);
    expect(specFromTopology(sequential(Array.from({ length: MAX_IMPORTED_LAYERS + 1 }, () => dense)))).toEqual({
      ok: false,
      message: 'The model has 201 layers; the editor takes at most 200.',
    });
  });
});

describe('specFromTopology on hostile input', () => {
  const filtersMessage = (shown: string) => `Layer 1 (Conv2D): filters must be a positive integer, not ${shown}.`;
  it.each<[string, unknown, string]>([
    ['a string for a number', sequential([conv({ filters: '32' })]), filtersMessage('"32"')],
    ['NaN', sequential([conv({ filters: NaN })]), filtersMessage('NaN')],
    [
      '1e309',
      JSON.parse(`{"class_name":"Sequential","config":{"layers":[${JSON.stringify(conv({})).replace('"filters":8', '"filters":1e309')}]}}`),
      filtersMessage('Infinity'),
    ],
    ['a fraction', sequential([conv({ filters: 2.5 })]), filtersMessage('2.5')],
    ['an unsafe integer', sequential([conv({ filters: 2 ** 60 })]), filtersMessage(String(2 ** 60))],
    [
      'a huge list',
      sequential([conv({ kernel_size: new Array(1_000_000).fill(3) })]),
      'Layer 1 (Conv2D): kernel_size must be two positive integers, not a list of 1,000,000 items.',
    ],
    ['a huge layer list', sequential(new Array(10_000_000)), 'The model has 10,000,000 layers; the editor takes at most 200.'],
    [
      'a huge class name',
      sequential([{ class_name: 'x'.repeat(1_000_000), config: { batch_input_shape: [null, 28, 28, 1] } }]),
      `Layer 1 ("${'x'.repeat(40)}…") is not supported: the editor has ${EDITOR_LAYERS}.`,
    ],
    [
      'a replacement pattern in a value',
      sequential([conv({ data_format: '$&$`' })]),
      'Layer 1 (Conv2D): data_format "$&$`" is not supported: MNIST images are channels_last.',
    ],
    [
      'a prototype key as class name',
      sequential([{ class_name: '__proto__', config: { batch_input_shape: [null, 28, 28, 1] } }]),
      `Layer 1 (__proto__) is not supported: the editor has ${EDITOR_LAYERS}.`,
    ],
    [
      'constructor as class name',
      sequential([{ class_name: 'constructor', config: { batch_input_shape: [null, 28, 28, 1] } }]),
      `Layer 1 (constructor) is not supported: the editor has ${EDITOR_LAYERS}.`,
    ],
    [
      'an inherited field',
      sequential([conv({}), { class_name: 'Dense', config: Object.create({ units: 10 }) as object }]),
      'Layer 2 (Dense): units is missing; it must be a positive integer.',
    ],
    [
      'a getter',
      sequential([{ class_name: 'Dense', config: { batch_input_shape: [null, 28, 28, 1], get units(): number { throw new Error('read a getter'); } } }]),
      'Layer 1 (Dense): units is missing; it must be a positive integer.',
    ],
  ])('%s', (_name, json, message) => {
    expect(specFromTopology(json)).toEqual({ ok: false, message });
  });

  it('reads __proto__ keys as data and pollutes nothing', () => {
    const json: unknown = JSON.parse(
      '{"__proto__":{"polluted":1},"class_name":"Sequential","config":{"__proto__":{"layers":[]},"layers":[' +
        '{"class_name":"Dense","config":{"__proto__":{"units":3},"units":10,"batch_input_shape":[null,28,28,1]}},' +
        '{"class_name":"Dense","config":{"__proto__":{"units":3}}}]}}',
    );
    expect(specFromTopology(json)).toEqual({ ok: false, message: 'Layer 2 (Dense): units is missing; it must be a positive integer.' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['units']).toBeUndefined();
  });

  it('survives deeply nested junk wherever it appears', () => {
    let junk: unknown = 1;
    for (let depth = 0; depth < 100_000; depth++) junk = depth % 2 ? [junk] : { class_name: junk, config: junk, layers: junk, modelTopology: junk };
    const placements = [
      junk,
      sequential([junk]),
      sequential([conv({ kernel_size: junk })]),
      sequential([conv({ batch_input_shape: junk })]),
      sequential([conv({}), { class_name: 'Dense', config: junk }]),
    ];
    for (const json of placements) {
      const result = specFromTopology(json);
      expect(result.ok).toBe(false);
      expect(result.ok || result.message.length < 300).toBe(true);
    }
  });

  it('neither throws nor mutates on 500 seeded corruptions of valid topologies', () => {
    const rand = createRandom(404);
    const junkValues: unknown[] = [null, undefined, NaN, Infinity, -1, 0, 1.5, 2 ** 53, '', '3', 'same', true];
    junkValues.push([], [3], [3, 3, 3], {}, Object.create(null), [null, 28, 28, 1]);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    for (let run = 0; run < 500; run++) {
      const json = deepFreeze(corrupt(clone(topologyFromSpec(pick([CHAPTER5_LAYERS, ...Object.values(RANDOM)]))), rand, () => pick(junkValues)));
      const result = specFromTopology(json);
      if (!result.ok) expect(result.message).toMatch(/^\S.{10,299}$/s);
      else expect(analyzeModel(result.layers)).toBeDefined();
    }
  });
});

/** Replaces one value somewhere in the tree with junk. */
function corrupt(json: unknown, rand: () => number, junk: () => unknown): unknown {
  if (typeof json !== 'object' || json === null || rand() < 0.15) return junk();
  const keys = Object.keys(json);
  const key = keys[Math.floor(rand() * keys.length)];
  if (key !== undefined) (json as Record<string, unknown>)[key] = corrupt((json as Record<string, unknown>)[key], rand, junk);
  return json;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) Object.values(Object.freeze(value)).forEach(deepFreeze);
  return value;
}
