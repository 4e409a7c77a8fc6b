/**
 * Share links fuzzed: any fragment (and any string the editor kept in localStorage, which useEditorDocument reads back
 * through the same decoder) is read without throwing, in bounded time, into a model within the editor's limits or a
 * message; and every model the editor can hold comes back from its link unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzz, hostileValue, mutate, mutation, textDamage, timed } from './fuzzing.ts';
import { buildableLayers, editorSpec, trainingSettings, editorNumber } from './fuzzSpecs.ts';
import { FASHION_MNIST_REF, MNIST_REF, type DatasetRef } from './datasetRef.ts';
import { LAYER_TYPES, MAX_LAYERS, type ModelSpec } from './modelSpec.ts';
import { decodeModelFragment, encodeModelFragment, MAX_FRAGMENT_LENGTH, type FragmentDecode } from './shareCodec.ts';

const BOUNDARY = 'share links';
const linkOf = (text: string) => `model=${Buffer.from(text).toString('base64url')}`;
const compactOf = (spec: ModelSpec, dataset?: DatasetRef): unknown => JSON.parse(Buffer.from(encodeModelFragment(spec, dataset).slice('model='.length), 'base64url').toString());

/** Data a link can carry whole: a shipped dataset, or images of any size with up to 100 names of up to 64 characters. */
const linkDatasets: fc.Arbitrary<DatasetRef> = fc.oneof(
  fc.constantFrom(MNIST_REF, FASHION_MNIST_REF),
  fc.record({
    id: fc.constantFrom('your-images', 'a-newer-dataset'),
    title: fc.string({ maxLength: 64 }),
    inputShape: fc.tuple(fc.integer({ min: 1, max: 4_096 }), fc.integer({ min: 1, max: 4_096 }), fc.integer({ min: 1, max: 4 })),
    classNames: fc.array(fc.string({ maxLength: 64, unit: 'grapheme-ascii' }), { maxLength: 100 }),
  }),
);

/** Every number in a value, however deep. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  return typeof value === 'object' && value !== null ? Object.values(value).flatMap(numbersIn) : [];
}

/** What the decoder may hand the editor: the editor's layer types within MAX_LAYERS, numbers finite or blank (NaN). */
function expectWithinLimits(result: FragmentDecode): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  if (result.ok === false) expect(result.message).toMatch(/^The shared link .{10,100}$/);
  if (result.ok !== true) return;
  expect(Object.keys(result.spec)).toEqual(['layers', 'training']);
  // The link's data: null, or a shape of whole sides and class names that are text, within the link's bounds.
  if (result.dataset !== null) {
    expect(result.dataset.inputShape.every((side) => Number.isSafeInteger(side) && side > 0)).toBe(true);
    expect(result.dataset.classNames.length <= 100 && result.dataset.classNames.every((name) => typeof name === 'string')).toBe(true);
  }
  expect(result.spec.layers.length).toBeLessThanOrEqual(MAX_LAYERS);
  expect(result.spec.layers.every((layer) => LAYER_TYPES.includes(layer.type))).toBe(true);
  expect(numbersIn(result.spec).every((n) => Number.isFinite(n) || Number.isNaN(n))).toBe(true);
}

/** JSON writes -0 as 0: the same model. */
function withoutNegativeZero<T>(value: T): T {
  if (Object.is(value, -0)) return 0 as T;
  if (Array.isArray(value)) return value.map(withoutNegativeZero) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, withoutNegativeZero(v)])) as T;
}

const validSpec = fc.record({ layers: buildableLayers, training: trainingSettings(editorNumber) });
/** JSON text of a value, or of what a link carries in place of one that JSON cannot write (too deep). */
const jsonOf = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '[[[[';
  }
};

describe('share links, fuzzed', () => {
  it('read any fragment or stored string without throwing, in bounded time, within the editor limits', () => {
    const fragment = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'binary' }).map((text) => `#model=${text}`),
      fc.uint8Array({ maxLength: 2_000 }).map((bytes) => `#model=${Buffer.from(bytes).toString('base64url')}`),
      fc.jsonValue().map((value) => linkOf(JSON.stringify(value))),
      hostileValue.map((value) => linkOf(jsonOf(value))),
      fc.string({ unit: fc.constantFrom(...'AZaz09-_+/=%&#'), minLength: 1_000, maxLength: 3 * MAX_FRAGMENT_LENGTH }).map((text) => `model=${text}`),
    );
    fuzz(BOUNDARY, fc.property(fragment, (text) => expectWithinLimits(timed(() => decodeModelFragment(text)))));
  });

  it('read a valid link with one field damaged, replaced, removed or added, or its JSON text damaged', () => {
    const damaged = fc.oneof(
      fc.tuple(validSpec, mutation).map(([spec, change]) => linkOf(jsonOf(mutate(compactOf(spec), change)))),
      fc.tuple(validSpec, textDamage).map(([spec, damage]) => linkOf(damage(JSON.stringify(compactOf(spec))))),
      fc.tuple(validSpec, fc.nat()).map(([spec, cut]) => {
        const link = encodeModelFragment(spec);
        return link.slice(0, cut % link.length);
      }),
    );
    fuzz(BOUNDARY, fc.property(damaged, (text) => expectWithinLimits(timed(() => decodeModelFragment(text)))));
  });

  it('refuse a link longer than any model could need before reading it', () => {
    const tooLong = fc.integer({ min: MAX_FRAGMENT_LENGTH + 1, max: 4 * MAX_FRAGMENT_LENGTH }).map((length) => `model=${'A'.repeat(length)}`);
    fuzz(BOUNDARY, fc.property(tooLong, (text) => {
      expect(timed(() => decodeModelFragment(text))).toEqual({ ok: false, message: 'The shared link is too long to be a model.' });
    }));
  });

  it('bring back every model the editor can hold, blank fields and MAX_LAYERS layers included, and the data it is for', () => {
    fuzz(BOUNDARY, fc.property(editorSpec, linkDatasets, (spec, dataset) => {
      const fragment = encodeModelFragment(spec, dataset);
      expect(fragment.length - 'model='.length).toBeLessThanOrEqual(MAX_FRAGMENT_LENGTH);
      expect(timed(() => decodeModelFragment(`#${fragment}`))).toEqual({ ok: true, spec: withoutNegativeZero(spec), dataset });
    }));
  });

  it('read a valid link whose dataset is damaged, replaced or removed: the model opens, its data MNIST, read, or unreadable', () => {
    const damaged = fc.tuple(validSpec, linkDatasets, mutation).map(([spec, dataset, change]) => {
      const compact = compactOf(spec, dataset) as { d?: unknown };
      const json = jsonOf({ ...compact, d: mutate(compact.d, change) });
      // JSON that could not be written (too deep) is no link at all; one too long is refused before it is read.
      return { text: linkOf(json), isLink: json !== '[[[[' && linkOf(json).length - 'model='.length <= MAX_FRAGMENT_LENGTH };
    });
    fuzz(BOUNDARY, fc.property(damaged, ({ text, isLink }) => {
      const read = timed(() => decodeModelFragment(text));
      expectWithinLimits(read);
      if (isLink) expect(read.ok).toBe(true);
    }));
  });
});
