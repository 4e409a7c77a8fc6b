/** How one unit of a Dense layer is computed: input × weight for every input, their sum, the bias, the activation. */
import type { Activation } from '../modelSpec.ts';
import { softmaxSteps, type SoftmaxSteps } from './softmaxSteps.ts';
import { activate } from './windows.ts';

/** A Dense layer's weights as tfjs keeps them: inputs × units, and one bias per unit. */
export interface DenseWeights {
  readonly inputs: number;
  readonly units: number;
  readonly kernel: Float32Array;
  readonly bias: Float32Array | null;
}

export interface DenseTerm {
  readonly index: number;
  readonly input: number;
  readonly weight: number;
  readonly product: number;
}

export interface DenseUnitExplanation {
  readonly kind: 'dense';
  readonly unit: number;
  readonly inputCount: number;
  /** The products that move the sum most (largest magnitude first): a page cannot show a thousand of them usefully. */
  readonly largestTerms: readonly DenseTerm[];
  /** Σ of every product, the ones not listed included. */
  readonly productSum: number;
  readonly bias: number;
  readonly preActivation: number;
  readonly activation: Activation;
  readonly value: number;
  /** For a softmax layer: every unit's pre-activation (its logit) and the steps from logits to probabilities. */
  readonly softmax: SoftmaxSteps | null;
}

function unitSum(input: Float32Array, weights: DenseWeights, unit: number): { terms: DenseTerm[]; productSum: number; preActivation: number } {
  const terms: DenseTerm[] = [];
  let productSum = 0;
  for (let i = 0; i < weights.inputs; i++) {
    const value = input[i] ?? 0;
    const weight = weights.kernel[i * weights.units + unit] ?? 0;
    terms.push({ index: i, input: value, weight, product: value * weight });
    productSum += value * weight;
  }
  return { terms, productSum, preActivation: productSum + (weights.bias?.[unit] ?? 0) };
}

export function explainDenseUnit(input: Float32Array, weights: DenseWeights, activation: Activation, unit: number, listed = 12): DenseUnitExplanation {
  const { terms, productSum, preActivation } = unitSum(input, weights, unit);
  const largestTerms = terms.sort((a, b) => Math.abs(b.product) - Math.abs(a.product)).slice(0, listed);
  let softmax: SoftmaxSteps | null = null;
  let value: number;
  if (activation === 'softmax') {
    softmax = softmaxSteps(Array.from({ length: weights.units }, (_, u) => (u === unit ? preActivation : unitSum(input, weights, u).preActivation)));
    value = softmax.probabilities[unit] ?? 0;
  } else {
    value = activate(activation, preActivation);
  }
  const bias = weights.bias?.[unit] ?? 0;
  return { kind: 'dense', unit, inputCount: weights.inputs, largestTerms, productSum, bias, preActivation, activation, value, softmax };
}
