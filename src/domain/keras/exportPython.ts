import { assertNever } from '../assertNever.ts';
import type { CodeSections } from '../codeSections.ts';
import type { Activation, LayerSpec, ModelSpec, OptimizerName, Padding, Pair, TrainingSettings } from '../modelSpec.ts';
import { OPTIMIZER_CLASS_NAMES } from '../modelSpec.ts';
import { MNIST_INFO, type DatasetInfo } from '../datasets.ts';
import { kerasDataSteps } from './exportData.ts';
import { formatPythonFloat, formatPythonTuple } from '../pythonLiterals.ts';

/** The learning rate each Keras optimizer uses when given none. */
const DEFAULT_LEARNING_RATES: Record<OptimizerName, number> = { rmsprop: 0.001, adam: 0.001, sgd: 0.01 };

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
function formatLayer(layer: LayerSpec, inputShape: readonly number[] | null): string {
  const args = [...layerArguments(layer), ...(inputShape ? [`input_shape=${formatPythonTuple(inputShape)}`] : [])];
  return `model.add(layers.${layer.type}(${args.join(', ')}))`;
}

/** The string name when the learning rate is the optimizer's own default, as the book writes 'rmsprop'. */
function formatOptimizer({ optimizer, learningRate }: TrainingSettings): string {
  const className = OPTIMIZER_CLASS_NAMES[optimizer];
  const defaultLearningRate = DEFAULT_LEARNING_RATES[optimizer];
  if (learningRate === defaultLearningRate) return `'${optimizer}'`;
  return `optimizers.${className}(learning_rate=${formatPythonFloat(learningRate)})`;
}

/** The Keras script's steps: imports and data, the Sequential model, its summary, compile, fit and evaluate. */
export function kerasCodeSections(spec: ModelSpec, dataset: DatasetInfo = MNIST_INFO): CodeSections {
  const data = kerasDataSteps(dataset, spec.training);
  const imports = ['from keras import layers, models, optimizers', ...data.imports];
  return {
    data: `${imports.join('\n')}\n\n${data.preparation.join('\n')}`,
    model: ['model = models.Sequential()', ...spec.layers.map((layer, i) => formatLayer(layer, i === 0 ? dataset.inputShape : null))].join('\n'),
    summary: 'model.summary()',
    compile: `model.compile(optimizer=${formatOptimizer(spec.training)}, loss='categorical_crossentropy', metrics=['accuracy'])`,
    fit: data.fit,
    evaluate: [data.evaluate, "print('test_acc:', test_acc)"].join('\n'),
  };
}

/**
 * A Keras script that rebuilds this model and trains and scores it as configured; for the default model it is
 * the book's chapter-5 listing. Training on the first trainSize images with validation_split holds out the same
 * images the app does: Keras takes the split from the end of what it is given. Ends with a newline, as a file does.
 */
export function exportKerasPython(spec: ModelSpec, dataset: DatasetInfo = MNIST_INFO): string {
  const steps = kerasCodeSections(spec, dataset);
  // The book's paragraphs: the summary right after the model, fit right after compile.
  const paragraphs = [steps.data, `${steps.model}\n${steps.summary}`, `${steps.compile}\n${steps.fit}`, steps.evaluate];
  return `${paragraphs.join('\n\n')}\n`;
}
