/**
 * Seeded random layer stacks that analyzeModel accepts and tfjs builds: property-test input for the tests that hold
 * our specs against tfjs. The caller brings the seeded PRNG (src/data's createRandom), since src/spec depends on
 * nothing of ours; the same seed and recipe give the same stacks.
 */
import { analyzeModel } from './analysis.ts';
import { ACTIVATIONS, type Activation, type LayerSpec, type Padding, type Pair } from './modelSpec.ts';

/** Uniform in [0, 1), as Math.random. */
export type Random = () => number;

/** Integers, choices and coin flips from one seeded stream, in the order they are asked for. */
export interface Draw {
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  pair(hi: number): Pair;
  padding(): Padding;
}

export type LayerDraw = (draw: Draw) => LayerSpec;

/** A fixed layer, or between min and max layers (inclusive), each drawn with equal odds from `from`. */
export type RecipeStep = LayerSpec | { readonly repeat: readonly [min: number, max: number]; readonly from: readonly LayerDraw[] };

function createDraw(random: Random): Draw {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  return {
    int,
    pick,
    chance: (probability) => random() < probability,
    pair: (hi) => [int(1, hi), int(1, hi)],
    padding: () => pick(['valid', 'same'] as const),
  };
}

/** Kernels 1–5 and strides 1–3 on each axis, either padding. */
export const randomConv =
  ({ maxFilters, activations }: { maxFilters: number; activations: readonly Activation[] }): LayerDraw =>
  (draw) => ({ type: 'Conv2D', filters: draw.int(1, maxFilters), kernelSize: draw.pair(5), strides: draw.pair(3), padding: draw.padding(), activation: draw.pick(activations) });

/** Max or average; strides 1–3 on each axis, or null (the pool size) with the given chance. */
export const randomPooling =
  ({ maxPoolSize, nullStridesChance }: { maxPoolSize: number; nullStridesChance: number }): LayerDraw =>
  (draw) => ({
    type: draw.pick(['MaxPooling2D', 'AveragePooling2D'] as const),
    poolSize: draw.pair(maxPoolSize),
    strides: draw.chance(nullStridesChance) ? null : draw.pair(3),
    padding: draw.padding(),
  });

export const randomDense =
  ({ maxUnits, activations }: { maxUnits: number; activations: readonly Activation[] }): LayerDraw =>
  (draw) => ({ type: 'Dense', units: draw.int(1, maxUnits), activation: draw.pick(activations) });

/** Rates 0–0.9 in steps of 0.01. */
export const randomDropout: LayerDraw = (draw) => ({ type: 'Dropout', rate: draw.int(0, 90) / 100 });
export const randomFlatten: LayerDraw = () => ({ type: 'Flatten' });
export const randomBatchNorm: LayerDraw = () => ({ type: 'BatchNormalization' });

/**
 * The oracle tests' recipe: image layers (Dense included, which acts on the channels), then Flatten, then flat layers,
 * then Dense(10, softmax). `maxFilters` bounds the convolutions, so a test can keep its models small.
 */
export function imageThenFlatRecipe({ maxFilters }: { maxFilters: number }): readonly RecipeStep[] {
  const conv = randomConv({ maxFilters, activations: ACTIVATIONS });
  const pool = randomPooling({ maxPoolSize: 4, nullStridesChance: 0.3 });
  return [
    { repeat: [1, 6], from: [conv, conv, conv, pool, pool, randomBatchNorm, randomDropout, randomDense({ maxUnits: 6, activations: ACTIVATIONS })] },
    { type: 'Flatten' },
    { repeat: [0, 3], from: [randomDense({ maxUnits: 32, activations: ACTIVATIONS }), randomDropout, randomBatchNorm] },
    { type: 'Dense', units: 10, activation: 'softmax' },
  ];
}

/** analyzeModel accepts Flatten on a flat input, but tfjs refuses it (Flatten needs rank 3 with the batch axis). */
function buildsInTfjs(layers: readonly LayerSpec[]): boolean {
  const analysis = analyzeModel(layers);
  return analysis.ok && layers.every((layer, i) => layer.type !== 'Flatten' || i === 0 || (analysis.rows[i - 1]?.outputShape.length ?? 0) > 1);
}

/** The recipe's layers in order; a layer that does not fit its input (a window larger than a valid-padded input) is dropped. */
export function randomLayers(random: Random, recipe: readonly RecipeStep[]): LayerSpec[] {
  const draw = createDraw(random);
  const layers: LayerSpec[] = [];
  const add = (layer: LayerSpec) => {
    layers.push(layer);
    if (!buildsInTfjs(layers)) layers.pop();
  };
  for (const step of recipe) {
    if (!('repeat' in step)) add(step);
    else for (let i = draw.int(...step.repeat); i > 0; i--) add(draw.pick(step.from)(draw));
  }
  return layers;
}
