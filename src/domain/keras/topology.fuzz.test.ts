/**
 * Keras/tfjs topology JSON fuzzed: specFromTopology reads any value, and any valid topology with one field damaged,
 * without throwing, in bounded time, into layers the editor can hold (never more than the file lists) or a short
 * message; and every layer list the editor can build comes back from topologyFromSpec's JSON unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzz, hostileValue, mutate, mutation, textDamage, timed } from '../fuzzing.ts';
import { anyLayer, buildableLayers, layerList, positiveInteger, rateFraction } from '../fuzzSpecs.ts';
import { ACTIVATIONS, PADDINGS, type LayerSpec } from '../modelSpec.ts';
import { MAX_IMPORTED_LAYERS, topologyFromSpec } from './topology.ts';
import { specFromTopology, type TopologyImport } from './topologyImport.ts';

const BOUNDARY = 'Keras topology JSON';

const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) > 0;
const isPair = (pair: unknown) => Array.isArray(pair) && pair.length === 2 && pair.every(isCount);

/** A layer the editor can build from: positive whole numbers, a rate in [0, 1), known names. */
function isEditorLayer(layer: LayerSpec): boolean {
  switch (layer.type) {
    case 'Conv2D':
      return isCount(layer.filters) && isPair(layer.kernelSize) && isPair(layer.strides) && PADDINGS.includes(layer.padding) && ACTIVATIONS.includes(layer.activation);
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return isPair(layer.poolSize) && (layer.strides === null || isPair(layer.strides)) && PADDINGS.includes(layer.padding);
    case 'Dense':
      return isCount(layer.units) && ACTIVATIONS.includes(layer.activation);
    case 'Dropout':
      return layer.rate >= 0 && layer.rate < 1;
    case 'Flatten':
    case 'BatchNormalization':
      return Object.keys(layer).length === 1;
  }
}

function expectUsable(result: TopologyImport, listed = MAX_IMPORTED_LAYERS): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  if (!result.ok) {
    expect(result.message).toMatch(/^\S.{10,299}$/s);
    return;
  }
  expect(result.layers.length).toBeGreaterThan(0);
  expect(result.layers.length).toBeLessThanOrEqual(Math.min(listed, MAX_IMPORTED_LAYERS));
  expect(result.layers.filter((layer) => !isEditorLayer(layer))).toEqual([]);
}

/** Strides equal to the pool size and strides null are one model; Keras writes both as the pool size. */
const canonical = (layers: readonly LayerSpec[]) =>
  layers.map((layer) =>
    (layer.type === 'MaxPooling2D' || layer.type === 'AveragePooling2D') && layer.strides?.[0] === layer.poolSize[0] && layer.strides[1] === layer.poolSize[1]
      ? { ...layer, strides: null }
      : layer,
  );

const asJson = (layers: readonly LayerSpec[]): unknown => JSON.parse(JSON.stringify(topologyFromSpec(layers)));
/** As a Keras 3 file wraps it, or as a tfjs model.json does. */
const wrapped = fc.constantFrom(
  (topology: unknown) => topology,
  (topology: unknown) => ({ modelTopology: topology, format: 'layers-model', weightsManifest: [] }),
  (topology: unknown) => ({ modelTopology: { model_config: topology } }),
);
const validTopology = fc.tuple(buildableLayers, wrapped).map(([layers, wrap]) => ({ count: layers.length, topology: wrap(asJson(layers)) }));

describe('Keras topology JSON, fuzzed', () => {
  it('reads any value without throwing, in bounded time, into editor layers or a message', () => {
    const anyValue = fc.oneof(hostileValue, fc.jsonValue(), fc.anything({ withNullPrototype: true, maxDepth: 4 }));
    fuzz(BOUNDARY, fc.property(anyValue, (json) => expectUsable(timed(() => specFromTopology(json)))));
  });

  it('reads a valid topology with one field replaced, removed or added, never importing more layers than it lists', () => {
    fuzz(BOUNDARY, fc.property(validTopology, mutation, ({ count, topology }, change) => {
      const json = mutate(topology, change);
      // One change adds at most one entry to the layer list.
      expectUsable(timed(() => specFromTopology(json)), count + 1);
    }));
  });

  it('reads a valid topology whose JSON text is damaged: cut short, huge numbers, deep nesting', () => {
    fuzz(BOUNDARY, fc.property(validTopology, textDamage, ({ topology }, damage) => {
      let json: unknown;
      try {
        json = JSON.parse(damage(JSON.stringify(topology)));
      } catch {
        return; // not JSON any more: the caller's JSON.parse says so, before this reader
      }
      expectUsable(timed(() => specFromTopology(json)));
    }));
  });

  it('brings back every layer list the editor can build, up to MAX_LAYERS layers, from topologyFromSpec JSON', () => {
    const layers = fc.oneof(buildableLayers, layerList(anyLayer(positiveInteger, rateFraction)).filter((list) => list.length > 0));
    fuzz(BOUNDARY, fc.property(layers, (list) => {
      expect(timed(() => specFromTopology(asJson(list)))).toEqual({ ok: true, layers: canonical(list) });
    }));
  });
});
