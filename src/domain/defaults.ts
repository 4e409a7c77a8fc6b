import type { LayerSpec, ModelSpec, TrainingSettings } from './modelSpec.ts';

/** Chapter 5 of Deep Learning with Python: the MNIST convnet, exactly as the book builds it. */
export const CHAPTER5_LAYERS: readonly LayerSpec[] = [
  { type: 'Conv2D', filters: 32, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
  { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Conv2D', filters: 64, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
  { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
  { type: 'Conv2D', filters: 64, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
  { type: 'Flatten' },
  { type: 'Dense', units: 64, activation: 'relu' },
  { type: 'Dense', units: 10, activation: 'softmax' },
];

/** The book's fit: rmsprop (Keras defaults), batch 64, 5 epochs, all 60,000 images, scored on the 10,000 test images. */
export const BOOK_TRAINING: TrainingSettings = {
  optimizer: 'rmsprop',
  learningRate: 0.001,
  batchSize: 64,
  epochs: 5,
  trainSize: 60_000,
  validationSplit: 0,
  testSize: 10_000,
};

export const DEFAULT_MODEL: ModelSpec = { layers: CHAPTER5_LAYERS, training: BOOK_TRAINING };
