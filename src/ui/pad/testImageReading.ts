/** A model's answer for a test image, named by the classes it answers in: or why it cannot be named by them. */
import { MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import type { ModelSlot } from '../../training/protocol.ts';

/**
 * The classes a slot's model answers in: the shipped model was trained on MNIST, so it answers with a digit whatever
 * the data; "yours" is offered only for the page's data (the shelf checks its shape and classes), so it answers in those.
 */
export function classNamesFor(slot: ModelSlot, dataset: DatasetInfo): readonly string[] {
  return slot === 'pretrained' ? MNIST_INFO.classNames : dataset.classNames;
}

/** The person's examples are MNIST digits: only a model answering in MNIST's classes can be corrected or taught with them. */
export function teachesDigits(slot: ModelSlot, dataset: DatasetInfo): boolean {
  return slot === 'pretrained' || dataset.id === 'mnist';
}

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
