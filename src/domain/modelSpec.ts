/**
 * Room src/domain/: the domain — layer specs, shapes, parameter counts, issues, settings, evaluation maths, share codec. Plain TypeScript; imports nothing of ours.
 * The model a person builds, as plain JSON: Keras layer names and settings, no tfjs objects.
 */

export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];
export const ACTIVATIONS = ['relu', 'softmax', 'sigmoid', 'tanh', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
/** In the order the training form offers them: the book's first. */
export const OPTIMIZERS = ['rmsprop', 'adam', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
/** Keras' class name of each optimizer, which the page shows too. */
export const OPTIMIZER_CLASS_NAMES: Readonly<Record<OptimizerName, string>> = { rmsprop: 'RMSprop', adam: 'Adam', sgd: 'SGD' };
export type Pair = readonly [number, number];

export interface Conv2DSpec {
  readonly type: 'Conv2D';
  readonly filters: number;
  readonly kernelSize: Pair;
  readonly strides: Pair;
  readonly padding: Padding;
  readonly activation: Activation;
}

export interface MaxPooling2DSpec {
  readonly type: 'MaxPooling2D';
  readonly poolSize: Pair;
  /** null means "same as poolSize", as Keras' strides=None. */
  readonly strides: Pair | null;
  readonly padding: Padding;
}

export interface AveragePooling2DSpec {
  readonly type: 'AveragePooling2D';
  readonly poolSize: Pair;
  /** null means "same as poolSize", as Keras' strides=None. */
  readonly strides: Pair | null;
  readonly padding: Padding;
}

/** Keras' defaults: normalises the last axis, momentum 0.99, epsilon 0.001, with learned scale and offset. */
export interface BatchNormalizationSpec {
  readonly type: 'BatchNormalization';
}

export interface FlattenSpec {
  readonly type: 'Flatten';
}

export interface DenseSpec {
  readonly type: 'Dense';
  readonly units: number;
  readonly activation: Activation;
}

export interface DropoutSpec {
  readonly type: 'Dropout';
  readonly rate: number;
}

export type LayerSpec =
  | Conv2DSpec
  | MaxPooling2DSpec
  | AveragePooling2DSpec
  | FlattenSpec
  | DenseSpec
  | DropoutSpec
  | BatchNormalizationSpec;
export type LayerType = LayerSpec['type'];
/** Every layer type, in the order the editor offers them; a record, so a new type left out here fails to compile. */
export const LAYER_TYPES = Object.keys({
  Conv2D: true,
  MaxPooling2D: true,
  AveragePooling2D: true,
  Flatten: true,
  Dense: true,
  Dropout: true,
  BatchNormalization: true,
} satisfies Record<LayerType, true>) as LayerType[];

export interface TrainingSettings {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly epochs: number;
  /** How many of the 60,000 training images to train on (the first N). */
  readonly trainSize: number;
  /** Fraction of trainSize held out for validation, taken from the end as Keras' validation_split does. */
  readonly validationSplit: number;
  /** How many of the 10,000 test images to evaluate on at the end of a run. */
  readonly testSize: number;
}

export interface ModelSpec {
  readonly layers: readonly LayerSpec[];
  readonly training: TrainingSettings;
}

/** A layer's output shape without the batch axis, e.g. [26, 26, 32]. */
export type Shape = readonly number[];

export const MNIST_INPUT_SHAPE: Shape = [28, 28, 1];
export const MNIST_CLASSES = 10;
export const MNIST_TRAIN_COUNT = 60_000;
export const MNIST_TEST_COUNT = 10_000;
/** The most layers a model may have, whether built, shared in a link or imported. */
export const MAX_LAYERS = 200;
