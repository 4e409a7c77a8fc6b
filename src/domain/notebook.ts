/**
 * Jupyter notebooks (nbformat 4.5) of the exported Keras and PyTorch code: a markdown cell saying what the notebook
 * is, then one code cell per step, from the same text as the scripts. They open in Jupyter and Colab.
 */
import { MNIST_INFO, type DatasetInfo } from './datasets.ts';
import { analyzeModel } from './analysis.ts';
import { CODE_STEPS, type CodeExport, type CodeSections } from './codeSections.ts';
import { formatCount } from './format.ts';
import { kerasCodeSections } from './keras/exportPython.ts';
import type { ModelSpec } from './modelSpec.ts';
import { OPTIMIZER_CLASS_NAMES } from './modelSpec.ts';
import { exportPytorchSections } from './pytorch/exportPytorch.ts';
import { convnetTitle } from './pytorch/pytorchData.ts';
import { trainingSplit } from './settings.ts';

interface NotebookCell {
  /** nbformat 4.5's cell id: 1–64 of [a-zA-Z0-9_-], unique in the notebook. */
  readonly id: string;
  readonly cell_type: 'markdown' | 'code';
  readonly metadata: Record<string, never>;
  readonly source: readonly string[];
  readonly execution_count?: null;
  readonly outputs?: readonly never[];
}

export interface Notebook {
  readonly nbformat: 4;
  readonly nbformat_minor: 5;
  readonly metadata: {
    readonly kernelspec: { readonly display_name: string; readonly language: string; readonly name: string };
    readonly language_info: { readonly name: string };
  };
  readonly cells: readonly NotebookCell[];
}

/** Source as Jupyter stores it: lines, each but the last ending in its newline. */
function sourceLines(text: string): string[] {
  return text.split('\n').map((line, i, lines) => (i < lines.length - 1 ? `${line}\n` : line));
}

export function createNotebook(intro: string, sections: CodeSections): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    cells: [
      { id: 'intro', cell_type: 'markdown', metadata: {}, source: sourceLines(intro) },
      ...CODE_STEPS.map((step) => ({ id: step, cell_type: 'code' as const, metadata: {}, source: sourceLines(sections[step]), execution_count: null, outputs: [] })),
    ],
  };
}

/** Written as Jupyter writes notebooks: one-space indents, a final newline. */
const formatNotebook = (notebook: Notebook) => `${JSON.stringify(notebook, null, 1)}\n`;

/** What the first cell does to get the data, in words. */
function firstCellLoads(dataset: DatasetInfo): string {
  if (dataset.id !== 'your-images') return `downloads ${dataset.title}`;
  return `reads your images from images/, a folder per class (${dataset.classNames.join(', ')})`;
}

/** What the notebook trains, in words: the layers and their parameter count, and the training settings. */
function describeModel({ layers, training }: ModelSpec, dataset: DatasetInfo): string[] {
  const analysis = analyzeModel(layers, dataset.inputShape);
  const parameters = analysis.ok ? ` (${formatCount(analysis.totalParams)} parameters)` : '';
  const { fit, validation } = trainingSplit(training);
  const heldOut = validation > 0 ? `, ${formatCount(validation)} more held out for validation` : '';
  return [
    `- Layers: ${layers.map((layer) => layer.type).join(' → ') || 'none'}${parameters}`,
    `- Training: ${OPTIMIZER_CLASS_NAMES[training.optimizer]} at learning rate ${training.learningRate}, batch size ${training.batchSize}, ` +
      `${training.epochs} epochs on ${formatCount(fit)} training images${heldOut}; tested on ${formatCount(training.testSize)} test images`,
  ];
}

export function exportKerasNotebook(spec: ModelSpec, dataset: DatasetInfo = MNIST_INFO): string {
  const intro = [
    `# ${convnetTitle(dataset)} in Keras`,
    '',
    'Exported from ConvNet Playground: the model and its training settings as they were there.',
    '',
    ...describeModel(spec, dataset),
    '',
    `Run the cells in order; the first one ${firstCellLoads(dataset)}.`,
  ];
  return formatNotebook(createNotebook(intro.join('\n'), kerasCodeSections(spec, dataset)));
}

export function exportPytorchNotebook(spec: ModelSpec, dataset: DatasetInfo = MNIST_INFO): CodeExport<string> {
  const sections = exportPytorchSections(spec, dataset);
  if (!sections.ok) return sections;
  const intro = [
    `# ${convnetTitle(dataset)} in PyTorch`,
    '',
    "Exported from ConvNet Playground: the playground's Keras model with the same layers, output shapes and parameter",
    "count, trained as Keras trains it (the optimizer with Keras' defaults, the loss, batch size and epochs, the same images).",
    '',
    ...describeModel(spec, dataset),
    '',
    `Run the cells in order; the first one ${firstCellLoads(dataset)}. It needs torch and torchvision (Colab has both) and trains on a GPU when there is one.`,
  ];
  return { ok: true, value: formatNotebook(createNotebook(intro.join('\n'), sections.value)) };
}
