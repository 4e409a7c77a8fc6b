/**
 * Keras/tfjs model.json → editor layers, from what Keras 2, Keras 3 and tfjs write (a bare topology, a model.json with
 * modelTopology, or modelTopology.model_config). Trusts nothing: reads only own data properties, never recurses, caps sizes,
 * and turns every unsupported or malformed part into a message.
 */
import { formatThousands } from './summary.ts';
import { BATCH_NORM_EPSILON, BATCH_NORM_MOMENTUM, MAX_IMPORTED_LAYERS } from './topology.ts';
import type { Activation, LayerSpec, LayerType, Padding, Pair } from '../modelSpec.ts';
import { MNIST_INPUT_SHAPE } from '../modelSpec.ts';
import { isRecord, items, own } from '../untrustedJson.ts';

export type TopologyImport = { readonly ok: true; readonly layers: LayerSpec[] } | { readonly ok: false; readonly message: string };

// Records, so a new layer type or activation that import does not know about fails to compile here.
const LAYER_TYPES = Object.keys({
  Conv2D: true,
  MaxPooling2D: true,
  AveragePooling2D: true,
  Flatten: true,
  Dense: true,
  Dropout: true,
  BatchNormalization: true,
} satisfies Record<LayerType, true>);
const ACTIVATIONS = Object.keys({ relu: true, softmax: true, sigmoid: true, tanh: true, linear: true } satisfies Record<Activation, true>) as Activation[];
const inWords = (names: readonly string[]) => `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
const EDITOR_LAYERS = inWords(LAYER_TYPES);
const EDITOR_ACTIVATIONS = inWords(ACTIVATIONS);

/** A short, safe rendering of a value from the file, however large or odd it is. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) {
    const shown = value.length <= 4 ? items(value) : [];
    const isShort = shown.length > 0 && shown.every((v) => typeof v === 'number' || v === null);
    return isShort ? `[${shown.map(String).join(', ')}]` : `a list of ${formatThousands(value.length)} items`;
  }
  return value === undefined ? 'nothing' : 'an object';
}

const isPositiveInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
const isAbsentOr = (value: unknown, ...defaults: readonly unknown[]) => value === undefined || defaults.includes(value);
const isNearly = (value: unknown, expected: number) => typeof value === 'number' && Math.abs(value - expected) <= 1e-6 * expected;

/** Reads one layer's config, keeping the first problem; readers return a placeholder after a problem. */
function readConfig(config: object) {
  let problem: string | null = null;
  const fail = <T>(message: string, placeholder: T): T => {
    problem ??= message;
    return placeholder;
  };
  const wrong = (key: string, expected: string, value: unknown) =>
    value === undefined ? `${key} is missing; it must be ${expected}` : `${key} must be ${expected}, not ${describeValue(value)}`;
  const reader = {
    problem: () => problem,
    positiveInteger(key: string): number {
      const value = own(config, key);
      return isPositiveInteger(value) ? value : fail(wrong(key, 'a positive integer', value), 1);
    },
    /** Keras writes (3, 3); its constructors also take a single 3. */
    pair(key: string, fallback?: Pair): Pair {
      const value = own(config, key);
      if (value === undefined && fallback) return fallback;
      if (isPositiveInteger(value)) return [value, value];
      const pair = Array.isArray(value) && value.length === 2 ? items(value) : [];
      const [a, b] = pair;
      return isPositiveInteger(a) && isPositiveInteger(b) ? [a, b] : fail(wrong(key, 'two positive integers', value), [1, 1]);
    },
    /** Keras' strides=None, or strides equal to the pool, both mean "step by the pool size". */
    poolStrides(poolSize: Pair): Pair | null {
      if (own(config, 'strides') == null) return null;
      const strides = reader.pair('strides');
      return strides[0] === poolSize[0] && strides[1] === poolSize[1] ? null : strides;
    },
    padding(): Padding {
      const value = own(config, 'padding');
      if (value === undefined) return 'valid';
      return value === 'valid' || value === 'same' ? value : fail(wrong('padding', '"valid" or "same"', value), 'valid');
    },
    activation(): Activation {
      const value = own(config, 'activation') ?? 'linear';
      const known = ACTIVATIONS.find((name) => name === value);
      return known ?? fail(`activation ${describeValue(value)} is not supported: the editor has ${EDITOR_ACTIVATIONS}`, 'linear');
    },
    rate(): number {
      const value = own(config, 'rate');
      const isFraction = typeof value === 'number' && value >= 0 && value < 1;
      return isFraction ? value : fail(wrong('rate', 'a fraction from 0 up to (not including) 1', value), 0);
    },
    /** Settings the editor has no field for must hold Keras' default, or the import would change the model. */
    require(key: string, holds: (value: unknown) => boolean, message: string): void {
      // A replacer function, so "$&" in a hostile value is not read as a replacement pattern.
      if (!holds(own(config, key))) fail(message.replace('%s', () => describeValue(own(config, key))), null);
    },
    requireNull(...keys: string[]): void {
      keys.forEach((key) => reader.require(key, (v) => v == null, `${key} is not supported: the editor has no regularizers or constraints`));
    },
  };
  return reader;
}

type ConfigReader = ReturnType<typeof readConfig>;

function readWindowed(read: ConfigReader): void {
  read.require('data_format', (v) => v == null || v === 'channels_last', 'data_format %s is not supported: MNIST images are channels_last');
}

function readWeighted(read: ConfigReader): void {
  read.require('use_bias', (v) => isAbsentOr(v, true), 'use_bias %s is not supported: every Conv2D and Dense layer has a bias');
  read.requireNull('kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint');
}

function readPooling(type: 'MaxPooling2D' | 'AveragePooling2D') {
  return (read: ConfigReader): LayerSpec => {
    const poolSize = read.pair('pool_size', [2, 2]);
    const layer = { type, poolSize, strides: read.poolStrides(poolSize), padding: read.padding() };
    readWindowed(read);
    return layer;
  };
}

const isOne = (v: unknown) => isAbsentOr(v, 1) || (Array.isArray(v) && v.length === 2 && items(v).every((x) => x === 1));

/** Each supported class, by the names Keras writes (MaxPool2D and AvgPool2D are Keras' aliases). */
const LAYER_READERS = new Map<string, (read: ConfigReader, inputRank: number) => LayerSpec>([
  ['Conv2D', (read) => {
    const filters = read.positiveInteger('filters');
    const kernelSize = read.pair('kernel_size');
    const strides = read.pair('strides', [1, 1]);
    const layer = { type: 'Conv2D', filters, kernelSize, strides, padding: read.padding(), activation: read.activation() } as const;
    readWindowed(read);
    readWeighted(read);
    read.require('dilation_rate', isOne, 'dilation_rate %s is not supported: the editor has no dilated convolutions');
    read.require('groups', (v) => isAbsentOr(v, 1), 'groups %s is not supported: the editor has no grouped convolutions');
    return layer;
  }],
  ['MaxPooling2D', readPooling('MaxPooling2D')],
  ['MaxPool2D', readPooling('MaxPooling2D')],
  ['AveragePooling2D', readPooling('AveragePooling2D')],
  ['AvgPool2D', readPooling('AveragePooling2D')],
  ['Flatten', (read) => {
    readWindowed(read);
    return { type: 'Flatten' };
  }],
  ['Dense', (read) => {
    const layer = { type: 'Dense', units: read.positiveInteger('units'), activation: read.activation() } as const;
    readWeighted(read);
    return layer;
  }],
  ['Dropout', (read) => {
    const layer = { type: 'Dropout', rate: read.rate() } as const;
    read.require('noise_shape', (v) => v == null, 'noise_shape %s is not supported');
    return layer;
  }],
  ['BatchNormalization', (read, inputRank) => {
    // Keras 2 writes the normalised axis as -1, or after building as [3] for an image (the batch axis is 0).
    const isLastAxis = (v: unknown) => v === -1 || v === inputRank;
    const isAxisOk = (v: unknown) => v === undefined || isLastAxis(v) || (Array.isArray(v) && v.length === 1 && isLastAxis(own(v, '0')));
    read.require('axis', isAxisOk, 'axis %s is not supported: the editor normalises the last axis');
    const keras = (value: number) => `is not supported: the editor uses Keras' ${value}`;
    read.require('momentum', (v) => v === undefined || isNearly(v, BATCH_NORM_MOMENTUM), `momentum %s ${keras(BATCH_NORM_MOMENTUM)}`);
    read.require('epsilon', (v) => v === undefined || isNearly(v, BATCH_NORM_EPSILON), `epsilon %s ${keras(BATCH_NORM_EPSILON)}`);
    read.require('center', (v) => isAbsentOr(v, true), 'center %s is not supported: the editor learns the offset (beta)');
    read.require('scale', (v) => isAbsentOr(v, true), 'scale %s is not supported: the editor learns the scale (gamma)');
    read.requireNull('beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint');
    return { type: 'BatchNormalization' };
  }],
]);

/** The problem with a declared input shape (batch axis first), or null when it is MNIST's. */
function checkInputShape(declared: unknown): string | null {
  const dims = Array.isArray(declared) && declared.length >= 2 && declared.length <= 8 ? items(declared) : [];
  const [batch, ...shape] = dims;
  const isDim = (d: unknown) => d === null || isPositiveInteger(d);
  if (dims.length === 0 || !isDim(batch) || !shape.every(isDim)) {
    return `The model's input shape must be a list like [null, 28, 28, 1], not ${describeValue(declared)}.`;
  }
  const mnist = `(${MNIST_INPUT_SHAPE.join(', ')})`;
  const expected = `(${shape.map((d) => d ?? 'None').join(', ')})`;
  return expected === mnist ? null : `The model expects input ${expected}; MNIST digits are ${mnist}.`;
}

/** The topology in any of the wrappings Keras and tfjs write: bare, a model.json's modelTopology, or its model_config. */
export function unwrapTopology(json: unknown): unknown {
  let topology = json;
  for (const wrapper of ['modelTopology', 'model_config']) {
    if (isRecord(topology) && own(topology, wrapper) !== undefined) topology = own(topology, wrapper);
  }
  return topology;
}

/** The layer list and build_input_shape of a Sequential model in any of the wrappings Keras and tfjs write. */
function findSequential(json: unknown): { layers: readonly unknown[]; buildInputShape: unknown } | string {
  const notTopology = 'Not a model topology: expected a Sequential model.';
  const topology = unwrapTopology(json);
  if (!isRecord(topology)) return notTopology;
  const className = own(topology, 'class_name');
  if (className === 'Functional' || className === 'Model') {
    return `This is a functional model (class_name ${describeValue(className)}); only Sequential models can be imported.`;
  }
  if (className === undefined) return notTopology;
  if (className !== 'Sequential') return `Not a model topology: expected a Sequential model, not class_name ${describeValue(className)}.`;
  const config = own(topology, 'config');
  // Keras before 2.2 wrote a Sequential's config as the bare layer list.
  if (Array.isArray(config)) return { layers: config, buildInputShape: undefined };
  const layers = isRecord(config) ? own(config, 'layers') : undefined;
  if (!isRecord(config) || !Array.isArray(layers)) return 'The Sequential model has no config.layers list.';
  return { layers, buildInputShape: own(config, 'build_input_shape') };
}

/**
 * The layers of a Keras or tfjs Sequential model topology for 28×28×1 input, or what makes it unusable. Layers are
 * numbered from 1 as they appear in the file, an InputLayer included. Initializers, names, seeds and dtype are ignored:
 * the editor trains from scratch in float32. Layers that do not fit together are imported; findModelIssues says why.
 */
export function specFromTopology(json: unknown): TopologyImport {
  const found = findSequential(json);
  if (typeof found === 'string') return { ok: false, message: found };
  const count = found.layers.length;
  if (count === 0) return { ok: false, message: 'The Sequential model has no layers.' };
  if (count > MAX_IMPORTED_LAYERS) {
    return { ok: false, message: `The model has ${formatThousands(count)} layers; the editor takes at most ${MAX_IMPORTED_LAYERS}.` };
  }

  const entries = items(found.layers);
  // Keras takes the input shape from the first layer (or the InputLayer) and ignores it on later ones.
  const first = entries[0];
  const firstConfig = isRecord(first) ? own(first, 'config') : undefined;
  const firstInput = isRecord(firstConfig) ? (own(firstConfig, 'batch_input_shape') ?? own(firstConfig, 'batch_shape')) : undefined;
  const declaredInput = firstInput ?? found.buildInputShape;
  if (declaredInput === undefined) {
    const message = 'The model does not declare its input shape; give the first layer batch_input_shape [null, 28, 28, 1].';
    return { ok: false, message };
  }
  const inputProblem = checkInputShape(declaredInput);
  if (inputProblem !== null) return { ok: false, message: inputProblem };

  const layers: LayerSpec[] = [];
  let inputRank = MNIST_INPUT_SHAPE.length;
  for (const [i, entry] of entries.entries()) {
    const className = isRecord(entry) ? own(entry, 'class_name') : undefined;
    const config = isRecord(entry) ? own(entry, 'config') : undefined;
    if (typeof className !== 'string' || !isRecord(config)) {
      return { ok: false, message: `Layer ${i + 1} is not a layer: expected an object with class_name and config.` };
    }
    const label = `Layer ${i + 1} (${/^\w{1,40}$/.test(className) ? className : describeValue(className)})`;
    if (className === 'InputLayer') {
      if (i > 0) return { ok: false, message: `${label}: an InputLayer can only come first.` };
      continue;
    }
    const readLayer = LAYER_READERS.get(className);
    if (!readLayer) return { ok: false, message: `${label} is not supported: the editor has ${EDITOR_LAYERS}.` };
    const read = readConfig(config);
    const layer = readLayer(read, inputRank);
    read.require('trainable', (v) => isAbsentOr(v, true), 'trainable %s (a frozen layer) is not supported');
    const problem = read.problem();
    if (problem !== null) return { ok: false, message: `${label}: ${problem}.` };
    if (layer.type === 'Flatten') inputRank = 1;
    layers.push(layer);
  }
  return layers.length > 0 ? { ok: true, layers } : { ok: false, message: 'The Sequential model has no layers after its InputLayer.' };
}
