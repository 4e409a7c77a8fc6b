/** What a trained model gets right and wrong on the test images: plain arithmetic over its predicted probabilities. */
import { MNIST_CLASSES } from './modelSpec.ts';

export interface Prediction {
  /** Position among the evaluated test images. */
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  /** The probability the model gave its predicted class. */
  readonly confidence: number;
  /** The three most probable classes, most probable first. */
  readonly top: readonly { readonly digit: number; readonly probability: number }[];
}

/** The most probable class of each image; probabilities holds `classes` values per image. */
export function predictClasses(probabilities: Float32Array, classes = MNIST_CLASSES): Uint8Array {
  const count = Math.floor(probabilities.length / classes);
  const predicted = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if ((probabilities[i * classes + c] ?? 0) > (probabilities[i * classes + best] ?? 0)) best = c;
    predicted[i] = best;
  }
  return predicted;
}

/** matrix[true][predicted] = how many images of that digit were read as that digit. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes = MNIST_CLASSES): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const count = Math.min(labels.length, predicted.length);
  for (let i = 0; i < count; i++) {
    const row = matrix[labels[i] ?? 0];
    const column = predicted[i] ?? 0;
    if (row && column < classes) row[column] = (row[column] ?? 0) + 1;
  }
  return matrix;
}

/** Share of each digit's images read correctly; null for a digit that has no images among those evaluated. */
export function perClassAccuracy(matrix: readonly (readonly number[])[]): (number | null)[] {
  return matrix.map((row, digit) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? null : (row[digit] ?? 0) / total;
  });
}

function describePrediction(index: number, labels: ArrayLike<number>, probabilities: Float32Array, classes: number): Prediction {
  const scores = Array.from({ length: classes }, (_, digit) => ({ digit, probability: probabilities[index * classes + digit] ?? 0 }));
  scores.sort((a, b) => b.probability - a.probability);
  const first = scores[0] ?? { digit: 0, probability: 0 };
  return { index, label: labels[index] ?? 0, predicted: first.digit, confidence: first.probability, top: scores.slice(0, 3) };
}

/** The images of one confusion-matrix cell, the model's most confident first. */
export function predictionsInCell(
  labels: ArrayLike<number>,
  probabilities: Float32Array,
  trueDigit: number,
  predictedDigit: number,
  classes = MNIST_CLASSES,
): Prediction[] {
  const predicted = predictClasses(probabilities, classes);
  const found: Prediction[] = [];
  for (let i = 0; i < predicted.length; i++) {
    if (labels[i] === trueDigit && predicted[i] === predictedDigit) found.push(describePrediction(i, labels, probabilities, classes));
  }
  return found.sort((a, b) => b.confidence - a.confidence);
}

/** Every misread image, the most confident mistakes first: where the model is most sure and most wrong. */
export function confidentMistakes(labels: ArrayLike<number>, probabilities: Float32Array, classes = MNIST_CLASSES): Prediction[] {
  const predicted = predictClasses(probabilities, classes);
  const found: Prediction[] = [];
  for (let i = 0; i < predicted.length; i++) {
    if (labels[i] !== predicted[i]) found.push(describePrediction(i, labels, probabilities, classes));
  }
  return found.sort((a, b) => b.confidence - a.confidence);
}
