/**
 * How the Keras script loads the playground's data: keras.datasets' arrays for MNIST and Fashion-MNIST (the book's
 * preparation), image_dataset_from_directory for the person's own folder, with the size, colour mode and split the
 * page used.
 */
import type { DatasetInfo } from '../datasets.ts';
import type { TrainingSettings } from '../modelSpec.ts';
import { formatPythonFloat } from '../pythonLiterals.ts';

export interface KerasDataSteps {
  readonly imports: readonly string[];
  readonly preparation: readonly string[];
  readonly fit: string;
  readonly evaluate: string;
}

/** The first `count` images of an array that holds `total`, or the whole array. */
function formatFirst(array: string, count: number, total: number): string {
  return count < total ? `${array}[:${count}]` : array;
}

function arraySteps(dataset: DatasetInfo, training: TrainingSettings): KerasDataSteps {
  const module = dataset.id === 'fashion-mnist' ? 'fashion_mnist' : 'mnist';
  const imageShape = dataset.inputShape.join(', ');
  const note =
    dataset.id === 'fashion-mnist'
      ? [
          "# Keras loads Fashion-MNIST's official split; the playground trained on its own split of the same images.",
          `# Labels 0-9: ${dataset.classNames.join(', ')}.`,
        ]
      : [];
  const fitArgs = [
    formatFirst('train_images', training.trainSize, dataset.trainCount),
    formatFirst('train_labels', training.trainSize, dataset.trainCount),
    `epochs=${training.epochs}`,
    `batch_size=${training.batchSize}`,
    ...(training.validationSplit > 0 ? [`validation_split=${formatPythonFloat(training.validationSplit)}`] : []),
  ];
  const images = formatFirst('test_images', training.testSize, dataset.testCount);
  const labels = formatFirst('test_labels', training.testSize, dataset.testCount);
  return {
    imports: [`from keras.datasets import ${module}`, 'from keras.utils import to_categorical'],
    preparation: [
      ...note,
      `(train_images, train_labels), (test_images, test_labels) = ${module}.load_data()`,
      `train_images = train_images.reshape((${dataset.trainCount}, ${imageShape})).astype('float32') / 255`,
      `test_images = test_images.reshape((${dataset.testCount}, ${imageShape})).astype('float32') / 255`,
      'train_labels = to_categorical(train_labels)',
      'test_labels = to_categorical(test_labels)',
    ],
    fit: `model.fit(${fitArgs.join(', ')})`,
    evaluate: `test_loss, test_acc = model.evaluate(${images}, ${labels})`,
  };
}

/** A folder with one sub-folder per class, split and scaled as the playground did (its own shuffle, not Keras'). */
function folderSteps(dataset: DatasetInfo, split: NonNullable<DatasetInfo['imageFolder']>, training: TrainingSettings): KerasDataSteps {
  const [height, width, channels] = dataset.inputShape;
  const classNames = `[${dataset.classNames.map((name) => JSON.stringify(name)).join(', ')}]`;
  const args = [
    "'images'",
    `class_names=${classNames}`,
    "label_mode='categorical'",
    `color_mode='${channels === 1 ? 'grayscale' : 'rgb'}'`,
    `image_size=(${height}, ${width})`,
    `batch_size=${training.batchSize}`,
    `validation_split=${formatPythonFloat(split.testFraction)}`,
    "subset='both'",
    `seed=${split.seed}`,
  ];
  return {
    imports: ['from keras.utils import image_dataset_from_directory'],
    preparation: [
      '# images/ holds one folder per class, as the playground read it.',
      "# Keras draws its own split: the same share and seed as the page's, but other test images than the page held out.",
      `train_ds, test_ds = image_dataset_from_directory(${args.join(', ')})`,
      'rescale = layers.Rescaling(1 / 255)',
      'train_ds = train_ds.map(lambda x, y: (rescale(x), y))',
      'test_ds = test_ds.map(lambda x, y: (rescale(x), y))',
    ],
    fit: `model.fit(train_ds, epochs=${training.epochs})`,
    evaluate: 'test_loss, test_acc = model.evaluate(test_ds)',
  };
}

export function kerasDataSteps(dataset: DatasetInfo, training: TrainingSettings): KerasDataSteps {
  return dataset.imageFolder ? folderSteps(dataset, dataset.imageFolder, training) : arraySteps(dataset, training);
}
