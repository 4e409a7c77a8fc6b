/** A model's answer for a test image, named by the classes it answers in: or why it cannot be named by them. */

export type TestImageReading =
  | { readonly ok: true; readonly best: number; readonly name: string; readonly probability: number }
  | { readonly ok: false; readonly message: string };

/**
 * `names`: the classes the model answers in (MNIST's digits for the shipped model, the dataset's for the person's).
 * A model with another count of outputs was trained on other data: naming its answers would be made up.
 */
export function readTestImage(probabilities: Float32Array, names: readonly string[], modelName: string, datasetTitle: string): TestImageReading {
  if (probabilities.length !== names.length) {
    return { ok: false, message: `${modelName} gives ${probabilities.length} answers and ${datasetTitle} has ${names.length} classes: it was trained on other data.` };
  }
  let best = 0;
  probabilities.forEach((p, i) => {
    if (p > (probabilities[best] ?? -Infinity)) best = i;
  });
  return { ok: true, best, name: names[best] ?? String(best), probability: probabilities[best] ?? 0 };
}
