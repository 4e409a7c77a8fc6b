import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_REF, MNIST_REF } from './datasetRef.ts';
import { BOOK_TRAINING, DEFAULT_MODEL } from './defaults.ts';
import { decodeModelFragment, encodeModelFragment, MAX_FRAGMENT_LENGTH } from './shareCodec.ts';
import { PRESETS } from './presets.ts';
import { MAX_LAYERS, type ModelSpec } from './modelSpec.ts';

const encodeRaw = (value: unknown) => `model=${Buffer.from(JSON.stringify(value)).toString('base64url')}`;

describe('model URL fragment', () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))('round-trips the %s preset', (_name, preset) => {
    const spec: ModelSpec = { layers: preset.layers, training: { ...BOOK_TRAINING, learningRate: 0.0005, validationSplit: 0.1, trainSize: 2000 } };
    expect(decodeModelFragment(`#${encodeModelFragment(spec)}`)).toEqual({ ok: true, spec, dataset: MNIST_REF });
  });

  it('keeps pooling strides and same padding', () => {
    const spec: ModelSpec = {
      layers: [{ type: 'AveragePooling2D', poolSize: [3, 2], strides: [2, 1], padding: 'same' }, { type: 'BatchNormalization' }, { type: 'Flatten' }],
      training: BOOK_TRAINING,
    };
    expect(decodeModelFragment(encodeModelFragment(spec))).toEqual({ ok: true, spec, dataset: MNIST_REF });
  });

  it('keeps blank fields blank (NaN), so unfinished work survives a reload', () => {
    const spec: ModelSpec = { layers: [{ type: 'Dense', units: NaN, activation: 'relu' }], training: { ...BOOK_TRAINING, epochs: NaN } };
    const result = decodeModelFragment(encodeModelFragment(spec));
    expect(result.ok === true && result.spec.layers[0]).toEqual({ type: 'Dense', units: NaN, activation: 'relu' });
    expect(result.ok === true && result.spec.training.epochs).toBeNaN();
  });

  it('keeps a blank custom pooling stride blank, rather than reading it as "the pool size"', () => {
    // Found by fuzzing: [2, NaN] came back as strides null, so a reload turned unfinished work into a different model.
    const spec: ModelSpec = { layers: [{ type: 'MaxPooling2D', poolSize: [2, 2], strides: [2, NaN], padding: 'valid' }], training: BOOK_TRAINING };
    expect(decodeModelFragment(encodeModelFragment(spec))).toEqual({ ok: true, spec, dataset: MNIST_REF });
  });

  it('reads pooling strides from links written before custom strides were marked', () => {
    const old = (strides: unknown[]) => encodeRaw({ v: 1, l: [['M', 2, 2, ...strides, 'v']], t: ['rmsprop', 0.001, 64, 5, 60000, 0, 10000] });
    const pool = (strides: readonly [number, number] | null) => ({ type: 'MaxPooling2D', poolSize: [2, 2], strides, padding: 'valid' });
    expect(decodeModelFragment(old([2, 1]))).toMatchObject({ ok: true, spec: { layers: [pool([2, 1])] } });
    expect(decodeModelFragment(old([null, null]))).toMatchObject({ ok: true, spec: { layers: [pool(null)] } });
  });

  it('keeps a model of MAX_LAYERS layers written with the longest numbers, so the editor keeps it over a reload', () => {
    // Found by fuzzing: 200 Conv2D layers made a link over the old 8,000-character limit, refused as "too long".
    const conv = { type: 'Conv2D', filters: 512, kernelSize: [11, 11], strides: [3, 3], padding: 'same', activation: 'sigmoid' } as const;
    const longest = -0.0000012345678901234567;
    for (const layer of [conv, { ...conv, filters: longest, kernelSize: [longest, longest], strides: [longest, longest] } as const]) {
      const spec: ModelSpec = { layers: Array.from({ length: MAX_LAYERS }, () => layer), training: { ...BOOK_TRAINING, learningRate: longest } };
      const fragment = encodeModelFragment(spec);
      expect(fragment.length).toBeLessThanOrEqual(MAX_FRAGMENT_LENGTH + 'model='.length);
      expect(decodeModelFragment(fragment)).toEqual({ ok: true, spec, dataset: MNIST_REF });
    }
  });

  it('is short enough to share: the default model fits in under 400 characters', () => {
    expect(encodeModelFragment(DEFAULT_MODEL).length).toBeLessThan(400);
  });

  it('says nothing when the fragment carries no model', () => {
    expect(decodeModelFragment('')).toEqual({ ok: 'empty' });
    expect(decodeModelFragment('#section-2')).toEqual({ ok: 'empty' });
  });

  const good = encodeModelFragment(DEFAULT_MODEL);
  it.each([
    ['truncated', good.slice(0, good.length - 17), /damaged or cut short|does not describe/],
    ['with foreign characters', `${good}<script>`, /characters a model link never has/],
    ['not base64 JSON', 'model=aGVsbG8', /damaged or cut short/],
    ['from a future version', encodeRaw({ v: 2, l: [], t: ['rmsprop', 0.001, 64, 5, 60000, 0, 10000] }), /^The shared link is from a newer version of the playground \(format 2\): reload the page\.$/],
    // Found by fuzzing: a version this long made the message too long to read at a glance (over 100 characters).
    ['from a far-future version', encodeRaw({ v: 2 ** 32, l: [['C', 1, 1, 1, 1, 1, 'v', 'relu']], t: ['rmsprop', 0, null, 0, null, 0, null] }), /^The shared link .{10,100}$/],
    ['of a version that is not a number', encodeRaw({ v: '2', l: [], t: ['rmsprop', 0.001, 64, 5, 60000, 0, 10000] }), /does not describe/],
    ['of version 0', encodeRaw({ v: 0, l: [], t: ['rmsprop', 0.001, 64, 5, 60000, 0, 10000] }), /does not describe/],
    ['with an unknown layer', encodeRaw({ v: 1, l: [['X', 1]], t: ['rmsprop', 0.001, 64, 5, 60000, 0, 10000] }), /does not describe/],
    ['with strings for numbers', encodeRaw({ v: 1, l: [['D', '10', 'softmax']], t: ['rmsprop', 0.001, 64, 5, 60000, 0, 10000] }), /does not describe/],
    ['with an unknown activation', encodeRaw({ v: 1, l: [['D', 10, 'alert(1)']], t: ['rmsprop', 0.001, 64, 5, 60000, 0, 10000] }), /does not describe/],
    ['with a huge layer list', encodeRaw({ v: 1, l: Array.from({ length: 300 }, () => ['F']), t: ['rmsprop', 0.001, 64, 5, 60000, 0, 10000] }), /too long|does not describe/],
    ['far too long', `model=${'A'.repeat(MAX_FRAGMENT_LENGTH + 1)}`, /too long/],
  ])('rejects a link %s with a message', (_name, fragment, message) => {
    const result = decodeModelFragment(fragment);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.message).toMatch(message);
  });

  it('does not let __proto__ keys reach any prototype', () => {
    const fragment = `model=${Buffer.from('{"v":1,"l":[],"t":["rmsprop",0.001,64,5,60000,0,10000],"__proto__":{"polluted":true}}').toString('base64url')}`;
    const result = decodeModelFragment(fragment);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.ok === true && Object.keys(result.spec)).toEqual(['layers', 'training']);
  });
});

describe('the data a link is for', () => {
  const shapes = { id: 'your-images', title: 'Your images', inputShape: [32, 32, 3] as const, classNames: ['circle', 'square', 'triangle'] };

  it.each([
    ['Fashion-MNIST', FASHION_MNIST_REF],
    ['your images, whole', shapes],
    ['a dataset a newer page knows', { id: 'cifar-10', title: 'CIFAR-10', inputShape: [32, 32, 3] as const, classNames: ['airplane', 'automobile'] }],
  ])('comes back from the link: %s', (_case, dataset) => {
    expect(decodeModelFragment(encodeModelFragment(DEFAULT_MODEL, dataset))).toEqual({ ok: true, spec: DEFAULT_MODEL, dataset });
  });

  it('is not written for MNIST, so MNIST links are as they were, and a link from before datasets reads as MNIST’s', () => {
    expect(encodeModelFragment(DEFAULT_MODEL, MNIST_REF)).toBe(encodeModelFragment(DEFAULT_MODEL));
    const before = encodeRaw({ v: 1, l: [['F'], ['D', 10, 'softmax']], t: ['rmsprop', 0.001, 64, 5, 60000, 0, 10000] });
    expect(decodeModelFragment(before)).toMatchObject({ ok: true, dataset: MNIST_REF });
    expect(encodeModelFragment(DEFAULT_MODEL, FASHION_MNIST_REF).length).toBeGreaterThan(encodeModelFragment(DEFAULT_MODEL).length);
  });

  it('cuts long names to fit, within MAX_FRAGMENT_LENGTH even for 100 classes of 64 control characters', () => {
    const long = { ...shapes, title: 'T'.repeat(500), classNames: Array.from({ length: 150 }, (_, i) => `${i}`.padEnd(300, '\u0001')) };
    const fragment = encodeModelFragment(DEFAULT_MODEL, long);
    expect(fragment.length - 'model='.length).toBeLessThanOrEqual(MAX_FRAGMENT_LENGTH);
    const read = decodeModelFragment(fragment);
    expect(read.ok === true && read.dataset).toMatchObject({ title: 'T'.repeat(64), inputShape: [32, 32, 3] });
    expect(read.ok === true && read.dataset?.classNames).toHaveLength(100);
  });

  it.each([
    ['a string', 'fashion-mnist'],
    ['a side of zero', ['your-images', 'Your images', 0, 32, 3, ['a', 'b']]],
    ['a fractional side', ['your-images', 'Your images', 31.5, 32, 3, ['a', 'b']]],
    ['class names that are numbers', ['your-images', 'Your images', 32, 32, 3, [1, 2]]],
    ['101 classes', ['your-images', 'Your images', 32, 32, 3, Array.from({ length: 101 }, () => 'c')]],
    ['an object of a newer format', { id: 'cifar-10', shape: [32, 32, 3] }],
  ])('opens the model and names the data unreadable (null) when the link’s dataset is %s', (_case, d) => {
    const link = encodeRaw({ v: 1, l: [['F'], ['D', 10, 'softmax']], t: ['rmsprop', 0.001, 64, 5, 60000, 0, 10000], d });
    expect(decodeModelFragment(link)).toMatchObject({ ok: true, spec: { layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10 }] }, dataset: null });
  });
});
