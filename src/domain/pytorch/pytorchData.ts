/**
 * How the PyTorch script loads the playground's data: torchvision's MNIST or FashionMNIST arrays, or the person's own
 * folder through ImageFolder with the page's size, colour mode and split; and the script's header saying which.
 */
import type { DatasetInfo } from '../datasets.ts';
import type { TrainingSettings } from '../modelSpec.ts';
import { trainingSplit } from '../settings.ts';
import { imageFolderDefinitions, imageFolderLoad } from './folderSnippets.ts';
import { LOAD_FASHION_MNIST, LOAD_MNIST, pythonImports } from './pythonSnippets.ts';

/** One step: top-level definitions (imports, classes, functions), then the statements that run the step. */
export interface PytorchStep {
  readonly definitions: readonly string[];
  readonly run: readonly string[];
}

/** The file name the header tells the person to save the script as. */
export const scriptStem = (dataset: DatasetInfo) => (dataset.id === 'your-images' ? 'images' : dataset.id.replace('-', '_'));

/** What the script trains on, as its first line and the notebook's title say it. */
export const convnetTitle = (dataset: DatasetInfo) => (dataset.id === 'your-images' ? 'Convnet for your images' : `${dataset.title} convnet`);

function whereDataComesFrom(dataset: DatasetInfo): string {
  if (dataset.id === 'your-images') {
    return `(it reads images/, one folder per class: ${dataset.classNames.join(', ')}; it trains on a GPU when there is one).`;
  }
  return `(the first run downloads ${dataset.title} into ./data; it trains on a GPU when there is one).`;
}

export function pytorchHeader(dataset: DatasetInfo): string {
  const stem = `${scriptStem(dataset)}_convnet`;
  return [
    `# ${convnetTitle(dataset)} in PyTorch, exported from ConvNet Playground: the playground's model with the same layers, output`,
    "# shapes and parameter count, trained as the playground and Keras train it (the optimizer with Keras' defaults, the",
    '# loss, batch size and epochs, the same training, validation and test images).',
    `# Run it: pip install torch torchvision, save this as ${stem}.py and run python ${stem}.py`,
    `# ${whereDataComesFrom(dataset)}`,
  ].join('\n');
}

/** The first `count` of an array that holds `total`, or the whole array, as the Keras export writes it. */
const formatFirst = (array: string, count: number, total: number) => (count < total ? `${array}[:${count}]` : array);

/** The lines of load_data() that give train_images, train_labels, test_images and test_labels, and what they need. */
function loadLines(dataset: DatasetInfo): { definitions: string[]; lines: string[] } {
  if (dataset.imageFolder) return { definitions: [pythonImports(true), ...imageFolderDefinitions(dataset)], lines: imageFolderLoad(dataset.imageFolder) };
  const fashion = dataset.id === 'fashion-mnist';
  const load = fashion ? 'load_fashion_mnist' : 'load_mnist';
  const note = fashion ? ["    # torchvision loads Fashion-MNIST's official split; the playground trained on its own split of the same images."] : [];
  return {
    definitions: [pythonImports(false), fashion ? LOAD_FASHION_MNIST : LOAD_MNIST],
    lines: [...note, `    train_images, train_labels = ${load}(train=True)`, `    test_images, test_labels = ${load}(train=False)`],
  };
}

export function dataStep(dataset: DatasetInfo, training: TrainingSettings): PytorchStep {
  const { fit, validation } = trainingSplit(training);
  const { trainCount, testCount } = dataset;
  const pair = (images: string, labels: string) => `(${images}, ${labels})`;
  const { definitions, lines } = loadLines(dataset);
  const loadData = [
    'def load_data():',
    `    """The playground's images: the first trainSize training images, the last part of them held out for validation as`,
    `    Keras' validation_split does, and the first testSize test images."""`,
    ...lines,
    `    fit_set = ${pair(formatFirst('train_images', fit, trainCount), formatFirst('train_labels', fit, trainCount))}`,
    `    validation_set = ${validation > 0 ? pair(`train_images[${fit}:${fit + validation}]`, `train_labels[${fit}:${fit + validation}]`) : 'None'}`,
    `    test_set = ${pair(formatFirst('test_images', training.testSize, testCount), formatFirst('test_labels', training.testSize, testCount))}`,
    '    return fit_set, validation_set, test_set',
  ];
  return { definitions: [...definitions, loadData.join('\n')], run: ['fit_set, validation_set, test_set = load_data()'] };
}
