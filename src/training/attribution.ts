/**
 * What a model looked at in one drawn digit, four ways (domain/explain/explanations.ts lists them): maps of 28×28
 * signed numbers, positive where a pixel pushed the class's score up. Every tensor made here is disposed.
 */
import * as tf from '@tensorflow/tfjs';
import { assertNever } from '../domain/assertNever.ts';
import type { AttributionMethod } from '../domain/explain/explanations.ts';

const SIDE = 28;
/**
 * Integrated gradients' midpoint Riemann steps from the blank pad to the drawing. With 24, the map's sum came within
 * 0.1–1.4% of the logit's change on the first 8 test digits with the shipped model (its completeness property).
 */
const INTEGRATION_STEPS = 24;
/** Occlusion's patch: 4×4 pixels (a little wider than a stroke in the 28×28 image) every 2 pixels, 13 × 13 = 169 patches. */
export const OCCLUSION_PATCH = 4;
const OCCLUSION_STRIDE = 2;
/** Patches run through the model this many at a time, to bound memory on small devices. */
const OCCLUSION_BATCH = 64;

export type AttributionAnswer =
  | { readonly ok: true; readonly values: Float32Array; readonly targetClass: number; readonly probability: number }
  | { readonly ok: false; readonly message: string };

/** Applies layers [from, to) in inference mode. */
function applyLayers(model: tf.LayersModel, x: tf.Tensor, from: number, to: number): tf.Tensor {
  let y = x;
  for (let i = from; i < to; i++) y = model.layers[i]!.apply(y, { training: false }) as tf.Tensor;
  return y;
}

/** Column `target` of a batch of class scores, by a one-hot product: gather's gradient has no WASM kernel in tfjs. */
function pickClass(scores: tf.Tensor, target: number): tf.Tensor1D {
  const classes = scores.shape[1] ?? 0;
  return scores.mul(tf.oneHot([target], classes).reshape([1, classes])).sum(1) as tf.Tensor1D;
}

/**
 * The class's score for each image of a batch, from layer `from`'s input on: its logit when the model ends in a Dense
 * softmax (softmax saturates, so gradients of probabilities vanish where the model is sure), else its output.
 */
function classScore(model: tf.LayersModel, x: tf.Tensor, target: number, from = 0): tf.Tensor1D {
  const last = model.layers[model.layers.length - 1]!;
  const config = last.getConfig() as { activation?: unknown };
  if (last.getClassName() === 'Dense' && config.activation === 'softmax') {
    const hidden = applyLayers(model, x, from, model.layers.length - 1);
    const [kernel, bias] = last.getWeights();
    if (hidden.rank === 2 && kernel) {
      const logits = bias ? hidden.matMul(kernel).add(bias) : hidden.matMul(kernel);
      return pickClass(logits, target);
    }
  }
  return pickClass(applyLayers(model, x, from, model.layers.length), target);
}

function gradientTimesInput(model: tf.LayersModel, image: tf.Tensor4D, target: number): tf.Tensor {
  const gradient = tf.grad((x: tf.Tensor) => classScore(model, x, target).sum())(image);
  return gradient.mul(image);
}

/** (x − baseline) × the mean gradient along the straight path from the blank pad (the baseline) to the drawing. */
function integratedGradients(model: tf.LayersModel, image: tf.Tensor4D, target: number): tf.Tensor {
  const alphas = tf.linspace(0.5 / INTEGRATION_STEPS, 1 - 0.5 / INTEGRATION_STEPS, INTEGRATION_STEPS).reshape([-1, 1, 1, 1]);
  const path = alphas.mul(image);
  const gradients = tf.grad((x: tf.Tensor) => classScore(model, x, target).sum())(path);
  return gradients.mean(0, true).mul(image);
}

/** Grad-CAM on the last Conv2D: its channels weighted by their mean gradient, summed, stretched to 28×28; signed. */
function gradCam(model: tf.LayersModel, image: tf.Tensor4D, target: number, lastConv: number): tf.Tensor {
  const maps = applyLayers(model, image, 0, lastConv + 1) as tf.Tensor4D;
  const gradient = tf.grad((a: tf.Tensor) => classScore(model, a, target, lastConv + 1).sum())(maps);
  const channelWeights = gradient.mean([1, 2], true);
  const cam = maps.mul(channelWeights).sum(3, true) as tf.Tensor4D;
  return tf.image.resizeBilinear(cam, [SIDE, SIDE], false, true);
}

function probabilityOf(model: tf.LayersModel, images: tf.Tensor4D, target: number): tf.Tensor1D {
  return pickClass(applyLayers(model, images, 0, model.layers.length), target);
}

/** Each patch blanked in turn: how much the class's probability falls, shared among the pixels the patch covered. */
async function occlusion(model: tf.LayersModel, pixels: Float32Array, target: number, probability: number): Promise<Float32Array> {
  const starts = Array.from({ length: Math.floor((SIDE - OCCLUSION_PATCH) / OCCLUSION_STRIDE) + 1 }, (_, i) => i * OCCLUSION_STRIDE);
  const patches = starts.flatMap((top) => starts.map((left) => ({ top, left })));
  const drops: number[] = [];
  for (let first = 0; first < patches.length; first += OCCLUSION_BATCH) {
    const chunk = patches.slice(first, first + OCCLUSION_BATCH);
    const batch = new Float32Array(chunk.length * SIDE * SIDE);
    chunk.forEach(({ top, left }, i) => {
      batch.set(pixels, i * SIDE * SIDE);
      for (let y = top; y < top + OCCLUSION_PATCH; y++) batch.fill(0, i * SIDE * SIDE + y * SIDE + left, i * SIDE * SIDE + y * SIDE + left + OCCLUSION_PATCH);
    });
    const probabilities = tf.tidy(() => probabilityOf(model, tf.tensor4d(batch, [chunk.length, SIDE, SIDE, 1]), target));
    const values = await probabilities.data();
    probabilities.dispose();
    values.forEach((p) => drops.push(probability - p));
  }
  const totals = new Float32Array(SIDE * SIDE);
  const counts = new Float32Array(SIDE * SIDE);
  patches.forEach(({ top, left }, i) => {
    for (let y = top; y < top + OCCLUSION_PATCH; y++) {
      for (let x = left; x < left + OCCLUSION_PATCH; x++) {
        totals[y * SIDE + x]! += drops[i] ?? 0;
        counts[y * SIDE + x]! += 1;
      }
    }
  });
  return totals.map((total, i) => total / Math.max(1, counts[i] ?? 1));
}

function lastConvIndex(model: tf.LayersModel): number {
  return model.layers.findLastIndex((layer) => layer.getClassName() === 'Conv2D');
}

/** The attribution map of `method` for the class (the model's answer when null), with that class's probability. */
export async function attribute(model: tf.LayersModel, pixels: Float32Array, method: AttributionMethod, targetClass: number | null): Promise<AttributionAnswer> {
  if (pixels.length !== SIDE * SIDE) return { ok: false, message: `A drawing is ${SIDE}×${SIDE} pixels, not ${pixels.length}.` };
  const lastConv = lastConvIndex(model);
  if (method === 'grad-cam' && lastConv < 0) return { ok: false, message: 'Grad-CAM weighs the maps of the last Conv2D layer, and this model has none: pick another method.' };
  const probabilities = tf.tidy(() => applyLayers(model, tf.tensor4d(pixels, [1, SIDE, SIDE, 1]), 0, model.layers.length));
  const answer = Array.from(await probabilities.data());
  probabilities.dispose();
  const target = targetClass ?? answer.indexOf(Math.max(...answer));
  if (!Number.isInteger(target) || target < 0 || target >= answer.length) return { ok: false, message: `The model has no class ${target}.` };
  const probability = answer[target] ?? 0;
  if (method === 'occlusion') return { ok: true, values: await occlusion(model, pixels, target, probability), targetClass: target, probability };
  const map = tf.tidy(() => {
    const image = tf.tensor4d(pixels, [1, SIDE, SIDE, 1]);
    switch (method) {
      case 'gradient-input':
        return gradientTimesInput(model, image, target);
      case 'integrated-gradients':
        return integratedGradients(model, image, target);
      case 'grad-cam':
        return gradCam(model, image, target, lastConv);
      default:
        return assertNever(method);
    }
  });
  const values = Float32Array.from(await map.data());
  map.dispose();
  return { ok: true, values, targetClass: target, probability };
}
