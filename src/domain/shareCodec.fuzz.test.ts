/**
 * Share links fuzzed: any fragment (and any string the editor kept in localStorage, which useEditorDocument reads back
 * through the same decoder) is read without throwing, in bounded time, into a model within the editor's limits or a
 * message; and every model the editor can hold comes back from its link unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzz, hostileValue, mutate, mutation, textDamage, timed } from './fuzzing.ts';
import { buildableLayers, editorSpec, trainingSettings, editorNumber } from './fuzzSpecs.ts';
import { LAYER_TYPES, MAX_LAYERS, type ModelSpec } from './modelSpec.ts';
import { decodeModelFragment, encodeModelFragment, MAX_FRAGMENT_LENGTH, type FragmentDecode } from './shareCodec.ts';

const BOUNDARY = 'share links';
const linkOf = (text: string) => `model=${Buffer.from(text).toString('base64url')}`;
const compactOf = (spec: ModelSpec): unknown => JSON.parse(Buffer.from(encodeModelFragment(spec).slice('model='.length), 'base64url').toString());

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

  it('bring back every model the editor can hold, blank fields and MAX_LAYERS layers included', () => {
    fuzz(BOUNDARY, fc.property(editorSpec, (spec) => {
      expect(timed(() => decodeModelFragment(`#${encodeModelFragment(spec)}`))).toEqual({ ok: true, spec: withoutNegativeZero(spec) });
    }));
  });
});
