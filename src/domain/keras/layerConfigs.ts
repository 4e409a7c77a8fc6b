/**
 * One Keras layer config read as untrusted JSON into an editor layer: a reader per supported class, each keeping the
 * first problem it meets. topologyImport.ts walks the layer list and uses these.
 */
import { formatCount } from '../format.ts';
import type { Activation, LayerSpec, Padding, Pair } from '../modelSpec.ts';
import { ACTIVATIONS, LAYER_TYPES } from '../modelSpec.ts';
import { items, own } from '../untrustedJson.ts';
import { BATCH_NORM_EPSILON, BATCH_NORM_MOMENTUM } from './topology.ts';

const inWords = (names: readonly string[]) => `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
/** What the editor has, for the message about a layer or activation it has not. */
export const EDITOR_LAYERS = inWords(LAYER_TYPES);
const EDITOR_ACTIVATIONS = inWords(ACTIVATIONS);

/** A short, safe rendering of a value from the file, however large or odd it is. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) {
    const shown = value.length <= 4 ? items(value) : [];
    const isShort = shown.length > 0 && shown.every((v) => typeof v === 'number' || v === null);
    return isShort ? `[${shown.map(String).join(', ')}]` : `a list of ${formatCount(value.length)} items`;
  }
  return value === undefined ? 'nothing' : 'an object';
}

export const isPositiveInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
export const isAbsentOr = (value: unknown, ...defaults: readonly unknown[]) => value === undefined || defaults.includes(value);
const isNearly = (value: unknown, expected: number) => typeof value === 'number' && Math.abs(value - expected) <= 1e-6 * expected;

/** Reads one layer's config, keeping the first problem; readers return a placeholder after a problem. */
export function readConfig(config: object) {
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

export type ConfigReader = ReturnType<typeof readConfig>;

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
export const LAYER_READERS = new Map<string, (read: ConfigReader, inputRank: number) => LayerSpec>([
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
