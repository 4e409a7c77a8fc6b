/** The steps of the chapter-5 lesson, in order: what each explains, what it asks, and how the page checks it. */
import type { LayerSpec } from '../modelSpec.ts';
import {
  checkBase,
  checkClassifier,
  checkComparison,
  checkConvnetTrained,
  checkExperiment,
  checkHierarchy,
  checkPadReading,
  checkVariation,
} from './lessonChecks.ts';
import type { LessonPageState, StepCheck } from './lessonState.ts';

/** One-click changes a step offers; the page carries them out on its real editor. */
export type LessonOffer = 'quick-subset' | 'book-run' | 'load-convnet' | 'load-dense' | 'add-dropout' | 'fewer-filters' | 'fashion-mnist';

export type LessonStepId = 'read' | 'base' | 'classifier' | 'train' | 'dense' | 'anywhere' | 'hierarchies' | 'next';

export interface LessonStep {
  readonly id: LessonStepId;
  readonly title: string;
  readonly explanation: readonly string[];
  readonly doThis: string;
  readonly offers: readonly LessonOffer[];
  /** Whether the step shows where each layer's numbers come from. */
  readonly explainsLayers: boolean;
  readonly check: (state: LessonPageState) => StepCheck;
}

export const LESSON_STEPS: readonly LessonStep[] = [
  {
    id: 'read',
    title: 'A convnet reads your digit',
    explanation: [
      'The pad’s model is the book’s convnet, trained on the 60,000 MNIST training images. It reads a drawing by sliding small filters over it.',
      'Each of its 32 first-layer filters is a 3×3 grid of weights. Their pictures under the pad show what each one answers to: edges and strokes at one angle or another.',
    ],
    doThis: 'Draw a digit on the pad and let the network read it; then look at the first layer’s filters below the pad.',
    offers: [],
    explainsLayers: false,
    check: checkPadReading,
  },
  {
    id: 'base',
    title: 'Build the convolutional base',
    explanation: [
      'Start from an empty stack (Clear all) and add the base one layer at a time: Conv2D 32, MaxPooling2D, Conv2D 64, MaxPooling2D, Conv2D 64, each convolution 3×3 with relu.',
      'After each layer, read its line of the summary. A 3×3 window fits 26 times across 28 pixels (26 = 28 − 3 + 1); each of the 32 filters has 3·3·1 weights and a bias (320 = 3·3·1·32 + 32). Pooling halves the sides and learns nothing.',
    ],
    doThis: 'Build the five layers of the base. The summary must equal the book’s first model.summary(): 55,744 parameters.',
    offers: [],
    explainsLayers: true,
    check: checkBase,
  },
  {
    id: 'classifier',
    title: 'Add the classifier',
    explanation: [
      'The base ends in 64 feature maps of 3×3. Flatten lays them out as 576 numbers, Dense 64 (relu) combines them, and Dense 10 (softmax) gives one probability per digit.',
      'The two Dense layers hold more than a third of the model’s weights: 36,928 = 576·64 + 64 and 650 = 64·10 + 10.',
    ],
    doThis: 'Add Flatten, Dense 64 (relu) and Dense 10 (softmax). The summary must equal the book’s second: 93,322 parameters.',
    offers: [],
    explainsLayers: true,
    check: checkClassifier,
  },
  {
    id: 'train',
    title: 'Train it',
    explanation: [
      'Training shows the network labelled digits in batches and moves every weight a little against the loss’s gradient. The book trains on all 60,000 images for 5 epochs and reaches about 99% on the test set.',
      'A quick subset draws the same curves in seconds; the book’s full run takes minutes in a browser.',
    ],
    doThis: 'Train the chapter-5 convnet: pick the quick subset or the book’s full run, then press Train.',
    offers: ['quick-subset', 'book-run', 'load-convnet'],
    explainsLayers: false,
    check: checkConvnetTrained,
  },
  {
    id: 'dense',
    title: 'Against a dense network',
    explanation: [
      'Chapter 2’s network flattens the image at once and connects all 784 pixels to 512 units: 407,050 parameters, over four times the convnet’s, with no notion of which pixels are neighbours.',
      'Train it on the same data, then put both runs on the charts and compare their test accuracy and confusion matrices.',
    ],
    doThis: 'Load the dense network, train it with the same settings, and overlay both runs on the charts from the Runs panel.',
    offers: ['load-dense'],
    explainsLayers: false,
    check: checkComparison,
  },
  {
    id: 'anywhere',
    title: 'Local patterns, anywhere',
    explanation: [
      'A filter applies the same 3×3 weights at every position, so a stroke it learned to see in one place it sees in any other; pooling then forgives small shifts. A dense layer has separate weights for every pixel: what it learned at one place says nothing about another.',
      'That is a claim to measure: score both models on test images shifted by a few pixels and scaled, and compare each model’s accuracy with its own on the images as they are.',
    ],
    doThis: 'Score the book’s convnet and your model in use (the dense network you just trained) on moved test images, and compare how much each loses. Then move your own digit from the pad into the corners, shrink it, and see what each reads.',
    offers: [],
    explainsLayers: false,
    check: checkExperiment,
  },
  {
    id: 'hierarchies',
    title: 'Hierarchies',
    explanation: [
      'The first layer answers to strokes in 3×3 windows. Each later convolution combines the answers below it over a wider area: a value of conv2d_3 depends on an 18×18 patch of the image, enough for loops and corners of a digit.',
    ],
    doThis: 'Draw a digit, then choose a deeper layer below and compare its feature maps for your digit with the first layer’s filters.',
    offers: [],
    explainsLayers: false,
    check: checkHierarchy,
  },
  {
    id: 'next',
    title: 'What to try next',
    explanation: [
      'Change one thing, train again and compare runs: Dropout between Flatten and the classifier against overfitting, or half the filters to see how much capacity the task needs.',
      'Or keep the model and change the data: on Fashion-MNIST (photos of clothes, 28×28 like the digits) most networks score lower than on digits, so the gap between the convnet and the dense network shows more. The dataset picker at the top of the page also takes your own images.',
    ],
    doThis: 'Put the convnet back in the editor and make one of these changes to it, or switch the data to Fashion-MNIST.',
    offers: ['load-convnet', 'add-dropout', 'fewer-filters', 'fashion-mnist'],
    explainsLayers: false,
    check: checkVariation,
  },
];

/** Dropout(0.5) right after Flatten, as in Keras' simple MNIST convnet; the layers as they are when there is no Flatten. */
export function withDropout(layers: readonly LayerSpec[]): LayerSpec[] {
  const flatten = layers.findIndex((layer) => layer.type === 'Flatten');
  if (flatten < 0) return [...layers];
  return [...layers.slice(0, flatten + 1), { type: 'Dropout', rate: 0.5 }, ...layers.slice(flatten + 1)];
}

/** Every Conv2D with half its filters (at least one). */
export function withHalfTheFilters(layers: readonly LayerSpec[]): LayerSpec[] {
  return layers.map((layer) => (layer.type === 'Conv2D' ? { ...layer, filters: Math.max(1, Math.floor(layer.filters / 2)) } : layer));
}
