/**
 * Model specs as property-test input for the *.fuzz.test.ts files (imported by tests only): the presets, stacks from
 * randomLayers' generator, and any layer list the editor can hold, with its numbers drawn from a given arbitrary.
 */
import fc from 'fast-check';
import { DEFAULT_MODEL } from './defaults.ts';
import { ACTIVATIONS, MAX_LAYERS, OPTIMIZERS, type LayerSpec, type ModelSpec, type Pair, type TrainingSettings } from './modelSpec.ts';
import { PRESETS } from './presets.ts';
import { randomBatchNorm, randomConv, randomDense, randomDropout, randomFlatten, randomLayers, randomPooling, type RecipeStep } from './randomLayers.ts';

/**
 * What a number field of the editor can hold: whole numbers, any finite double, and NaN for a blank or unreadable field.
 * Not ±Infinity: JSON, and so every file and link, writes it as null, which reads back as a blank field.
 */
export const editorNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 4096 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(NaN),
);

/** A valid layer setting: a positive safe integer, mostly small. */
export const positiveInteger: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
/** A valid Dropout rate: from 0 up to (not including) 1. */
export const rateFraction: fc.Arbitrary<number> = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** Any layer of the editor's types, its numbers from `number` and a Dropout's rate from `rate`. */
export function anyLayer(number: fc.Arbitrary<number>, rate: fc.Arbitrary<number> = number): fc.Arbitrary<LayerSpec> {
  const pair: fc.Arbitrary<Pair> = fc.tuple(number, number);
  const padding = fc.constantFrom('valid' as const, 'same' as const);
  const activation = fc.constantFrom(...ACTIVATIONS);
  return fc.oneof(
    fc.record({ type: fc.constant('Conv2D' as const), filters: number, kernelSize: pair, strides: pair, padding, activation }),
    fc.record({ type: fc.constantFrom('MaxPooling2D' as const, 'AveragePooling2D' as const), poolSize: pair, strides: fc.option(pair, { nil: null }), padding }),
    fc.constant({ type: 'Flatten' as const }),
    fc.record({ type: fc.constant('Dense' as const), units: number, activation }),
    fc.record({ type: fc.constant('Dropout' as const), rate }),
    fc.constant({ type: 'BatchNormalization' as const }),
  );
}

/** Short lists, and lists near MAX_LAYERS as often: the limits live at the long end. */
export const layerList = (layer: fc.Arbitrary<LayerSpec>): fc.Arbitrary<LayerSpec[]> =>
  fc.oneof(fc.array(layer, { maxLength: 12 }), fc.array(layer, { minLength: MAX_LAYERS - 10, maxLength: MAX_LAYERS }));

export const trainingSettings = (number: fc.Arbitrary<number>): fc.Arbitrary<TrainingSettings> =>
  fc.record({
    optimizer: fc.constantFrom(...OPTIMIZERS),
    learningRate: number,
    batchSize: number,
    epochs: number,
    trainSize: number,
    validationSplit: number,
    testSize: number,
  });

/** Any model the editor can hold, finished or not. */
export const editorSpec: fc.Arbitrary<ModelSpec> = fc.record({ layers: layerList(anyLayer(editorNumber)), training: trainingSettings(editorNumber) });

/** The drawn values over and over: randomLayers' random stream, so a failing stack shrinks with the values. */
function cycle(values: readonly number[]): () => number {
  let next = 0;
  return () => values[next++ % values.length] ?? 0;
}

/** As topology.test's: every layer type in any order, small enough that a model's weights stay under a megabyte. */
const ANY_ORDER: readonly RecipeStep[] = [
  {
    repeat: [1, 10],
    from: [
      randomConv({ maxFilters: 8, activations: ACTIVATIONS }),
      randomPooling({ maxPoolSize: 3, nullStridesChance: 0.4 }),
      randomFlatten,
      randomDense({ maxUnits: 16, activations: ACTIVATIONS }),
      randomDropout,
      randomBatchNorm,
    ],
  },
];

/** Layers that build and train: the presets and randomLayers' stacks (never empty). */
export const buildableLayers: fc.Arbitrary<readonly LayerSpec[]> = fc.oneof(
  fc.constantFrom(DEFAULT_MODEL.layers, ...PRESETS.map((preset) => preset.layers)),
  fc
    .array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 64 })
    .map((values) => randomLayers(cycle(values), ANY_ORDER))
    .filter((layers) => layers.length > 0),
);
