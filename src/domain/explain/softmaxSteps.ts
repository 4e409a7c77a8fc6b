/** Softmax one step at a time, as tfjs computes it: subtract the largest logit (so no exponential overflows), exponentiate, divide by the total. */
export interface SoftmaxSteps {
  readonly logits: readonly number[];
  readonly largest: number;
  readonly exponentials: readonly number[];
  readonly total: number;
  readonly probabilities: readonly number[];
}

export function softmaxSteps(logits: readonly number[]): SoftmaxSteps {
  const largest = Math.max(...logits);
  const exponentials = logits.map((logit) => Math.exp(logit - largest));
  const total = exponentials.reduce((sum, e) => sum + e, 0);
  return { logits: [...logits], largest, exponentials, total, probabilities: exponentials.map((e) => e / total) };
}
