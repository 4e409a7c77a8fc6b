import { assertNever } from '../assertNever.ts';
import type { Activation, LayerSpec, ModelSpec, OptimizerName, Padding, Pair, TrainingSettings } from '../modelSpec.ts';
import { MNIST_INPUT_SHAPE, MNIST_TEST_COUNT, MNIST_TRAIN_COUNT, OPTIMIZER_CLASS_NAMES } from '../modelSpec.ts';

/** The learning rate each Keras optimizer uses when given none. */
const DEFAULT_LEARNING_RATES: Record<OptimizerName, number> = { rmsprop: 0.001, adam: 0.001, sgd: 0.01 };

/**
 * Python's repr of a float: the shortest digits that read back as the same number (as JS chooses them too),
 * in exponent form below 1e-4 and from 1e16, and with '.0' on whole numbers: 0.001, 1e-05, 2.0; float('nan') and
 * float('inf') for what is not a finite number.
 */
export function formatPythonFloat(value: number): string {
  // A half-typed or absurd setting must still give readable Python, never an exception in the page.
  if (Number.isNaN(value)) return "float('nan')";
  if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "-float('inf')";
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa = '', exponentText = ''] = Math.abs(value).toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const digits = mantissa.replace('.', '');
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
}

/** A Python tuple of integers; a 1-tuple needs its trailing comma. */
function formatPythonTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}

/* Layer arguments: the book's positional ones always (even MaxPooling2D's default (2, 2)), keywords only where
 * they differ from Keras' defaults: strides (1, 1) or None, padding 'valid', activation None (= 'linear'). */

/** null is Keras' strides=None: pooling steps by its pool size. */
function stridesArgument(strides: Pair | null): string[] {
  return strides === null ? [] : [`strides=${formatPythonTuple(strides)}`];
}

const isUnitStride = (strides: Pair) => strides[0] === 1 && strides[1] === 1;

function paddingArgument(padding: Padding): string[] {
  return padding === 'valid' ? [] : [`padding='${padding}'`];
}

function activationArgument(activation: Activation): string[] {
  return activation === 'linear' ? [] : [`activation='${activation}'`];
}

function layerArguments(layer: LayerSpec): string[] {
  switch (layer.type) {
    case 'Conv2D':
      return [
        String(layer.filters),
        formatPythonTuple(layer.kernelSize),
        ...stridesArgument(isUnitStride(layer.strides) ? null : layer.strides),
        ...paddingArgument(layer.padding),
        ...activationArgument(layer.activation),
      ];
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return [formatPythonTuple(layer.poolSize), ...stridesArgument(layer.strides), ...paddingArgument(layer.padding)];
    case 'Dense':
      return [String(layer.units), ...activationArgument(layer.activation)];
    case 'Dropout':
      return [formatPythonFloat(layer.rate)];
    case 'Flatten':
    case 'BatchNormalization':
      return [];
    default:
      return assertNever(layer);
  }
}

/** The first layer also declares the input, as the book does: input_shape=(28, 28, 1). */
function formatLayer(layer: LayerSpec, isFirst: boolean): string {
  const args = [...layerArguments(layer), ...(isFirst ? [`input_shape=${formatPythonTuple(MNIST_INPUT_SHAPE)}`] : [])];
  return `model.add(layers.${layer.type}(${args.join(', ')}))`;
}

/** The string name when the learning rate is the optimizer's own default, as the book writes 'rmsprop'. */
function formatOptimizer({ optimizer, learningRate }: TrainingSettings): string {
  const className = OPTIMIZER_CLASS_NAMES[optimizer];
  const defaultLearningRate = DEFAULT_LEARNING_RATES[optimizer];
  if (learningRate === defaultLearningRate) return `'${optimizer}'`;
  return `optimizers.${className}(learning_rate=${formatPythonFloat(learningRate)})`;
}

/** The first `count` images of an array that holds `total`, or the whole array. */
function formatFirst(array: string, count: number, total: number): string {
  return count < total ? `${array}[:${count}]` : array;
}

function formatFit(training: TrainingSettings): string {
  const args = [
    formatFirst('train_images', training.trainSize, MNIST_TRAIN_COUNT),
    formatFirst('train_labels', training.trainSize, MNIST_TRAIN_COUNT),
    `epochs=${training.epochs}`,
    `batch_size=${training.batchSize}`,
    ...(training.validationSplit > 0 ? [`validation_split=${formatPythonFloat(training.validationSplit)}`] : []),
  ];
  return `model.fit(${args.join(', ')})`;
}

function formatEvaluate(training: TrainingSettings): string {
  const images = formatFirst('test_images', training.testSize, MNIST_TEST_COUNT);
  const labels = formatFirst('test_labels', training.testSize, MNIST_TEST_COUNT);
  return `test_loss, test_acc = model.evaluate(${images}, ${labels})`;
}

/** The book's MNIST preparation: images as float32 in [0, 1] with a channel axis, labels one-hot. */
function formatDataPreparation(): string[] {
  const imageShape = MNIST_INPUT_SHAPE.join(', ');
  return [
    '(train_images, train_labels), (test_images, test_labels) = mnist.load_data()',
    `train_images = train_images.reshape((${MNIST_TRAIN_COUNT}, ${imageShape})).astype('float32') / 255`,
    `test_images = test_images.reshape((${MNIST_TEST_COUNT}, ${imageShape})).astype('float32') / 255`,
    'train_labels = to_categorical(train_labels)',
    'test_labels = to_categorical(test_labels)',
  ];
}

/**
 * A Keras script that rebuilds this model and trains and scores it as configured; for the default model it is
 * the book's chapter-5 listing. Training on the first trainSize images with validation_split holds out the same
 * images the app does: Keras takes the split from the end of what it is given. Ends with a newline, as a file does.
 */
export function exportKerasPython(spec: ModelSpec): string {
  const sections = [
    ['from keras import layers, models, optimizers', 'from keras.datasets import mnist', 'from keras.utils import to_categorical'],
    formatDataPreparation(),
    ['model = models.Sequential()', ...spec.layers.map((layer, i) => formatLayer(layer, i === 0)), 'model.summary()'],
    [
      `model.compile(optimizer=${formatOptimizer(spec.training)}, loss='categorical_crossentropy', metrics=['accuracy'])`,
      formatFit(spec.training),
    ],
    [formatEvaluate(spec.training), "print('test_acc:', test_acc)"],
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
