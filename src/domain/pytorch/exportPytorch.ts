/**
 * The PyTorch twin of the Keras export: a script that builds the same model (same layers, output shapes and
 * parameter count) and trains and scores it as the playground and Keras do, cut into the notebook's steps.
 */
import { analyzeModel, type LayerRow, type ModelAnalysis } from '../analysis.ts';
import { formatCount } from '../format.ts';
import { CODE_STEPS, type CodeExport, type CodeSections, type CodeStep } from '../codeSections.ts';
import { checkLayerFields } from '../modelIssues.ts';
import type { LayerSpec, ModelSpec, OptimizerName, Shape, TrainingSettings } from '../modelSpec.ts';
import { MNIST_INPUT_SHAPE, MNIST_TEST_COUNT, MNIST_TRAIN_COUNT } from '../modelSpec.ts';
import { formatPythonFloat } from '../pythonLiterals.ts';
import { trainingSplit } from '../settings.ts';
import { PYTORCH_HELPERS, pytorchLayer } from './pytorchLayers.ts';
import { COUNT_PARAMS, EVALUATE, FIT, HELPER_MODULES, IMPORTS, INIT_LIKE_KERAS, LOAD_MNIST, LOSS, PRINT_SUMMARY, TRAIN_STEP } from './pythonSnippets.ts';

type BuildableModel = Extract<ModelAnalysis, { ok: true }>;

/** One step: top-level definitions (imports, classes, functions), then the statements that run the step. */
interface PytorchStep {
  readonly definitions: readonly string[];
  readonly run: readonly string[];
}

const HEADER = `# MNIST convnet in PyTorch, exported from ConvNet Playground: the playground's model with the same layers, output
# shapes and parameter count, trained as the playground and Keras train it (the optimizer with Keras' defaults, the
# loss, batch size and epochs, the same training, validation and test images).
# Run it: pip install torch torchvision, save this as mnist_convnet.py and run python mnist_convnet.py
# (the first run downloads MNIST into ./data; it trains on a GPU when there is one).`;

/** The first `count` of an array that holds `total`, or the whole array, as the Keras export writes it. */
const formatFirst = (array: string, count: number, total: number) => (count < total ? `${array}[:${count}]` : array);

function dataStep(training: TrainingSettings): PytorchStep {
  const { fit, validation } = trainingSplit(training);
  const pair = (images: string, labels: string) => `(${images}, ${labels})`;
  const loadData = [
    'def load_data():',
    `    """The playground's images: the first trainSize training images, the last part of them held out for validation as`,
    `    Keras' validation_split does, and the first testSize test images."""`,
    '    train_images, train_labels = load_mnist(train=True)',
    '    test_images, test_labels = load_mnist(train=False)',
    `    fit_set = ${pair(formatFirst('train_images', fit, MNIST_TRAIN_COUNT), formatFirst('train_labels', fit, MNIST_TRAIN_COUNT))}`,
    `    validation_set = ${validation > 0 ? pair(`train_images[${fit}:${fit + validation}]`, `train_labels[${fit}:${fit + validation}]`) : 'None'}`,
    `    test_set = ${pair(formatFirst('test_images', training.testSize, MNIST_TEST_COUNT), formatFirst('test_labels', training.testSize, MNIST_TEST_COUNT))}`,
    '    return fit_set, validation_set, test_set',
  ];
  return { definitions: [IMPORTS, LOAD_MNIST, loadData.join('\n')], run: ['fit_set, validation_set, test_set = load_data()'] };
}

const formatKerasShape = (shape: Shape) => `(None, ${shape.join(', ')})`;

function modelStep(layers: readonly LayerSpec[], rows: readonly LayerRow[], totalParams: number): PytorchStep {
  const inputs = [MNIST_INPUT_SHAPE, ...rows.map((row) => row.outputShape)];
  const modules = layers.map((layer, i) => pytorchLayer(layer, inputs[i] ?? []));
  const helpers = PYTORCH_HELPERS.filter((helper) => modules.some((module) => module.helpers.includes(helper)));
  const buildModel = [
    'def build_model():',
    `    """The playground's model layer by layer, named as Keras names them. PyTorch is channels first: the comments give`,
    `    each layer's output shape as Keras shows it, channels last."""`,
    '    model = nn.Sequential(OrderedDict([',
    ...modules.map((module, i) => `        ('${rows[i]?.name ?? ''}', ${module.module}),  # ${formatKerasShape(rows[i]?.outputShape ?? [])}`),
    // Keras' total, which count_params(model) prints too.
    `    ]))  # Total params: ${formatCount(totalParams)}`,
    '    model.apply(init_like_keras)',
    '    return model',
  ];
  return { definitions: [...helpers.map((helper) => HELPER_MODULES[helper]), INIT_LIKE_KERAS, buildModel.join('\n')], run: ['model = build_model().to(DEVICE)'] };
}

/** Keras' defaults where torch's differ, so that the same learning rate learns the same way. */
const OPTIMIZERS: Record<OptimizerName, { readonly doc: string; readonly call: (lr: string) => string }> = {
  rmsprop: {
    doc: "RMSprop with Keras' defaults: rho=0.9 (PyTorch's alpha; 0.99 by default) and epsilon=1e-07 (not 1e-08).",
    call: (lr) => `torch.optim.RMSprop(model.parameters(), lr=${lr}, alpha=0.9, eps=1e-07)`,
  },
  adam: {
    doc: "Adam with Keras' defaults: beta_1=0.9, beta_2=0.999 and epsilon=1e-07 (PyTorch's default eps is 1e-08).",
    call: (lr) => `torch.optim.Adam(model.parameters(), lr=${lr}, betas=(0.9, 0.999), eps=1e-07)`,
  },
  sgd: { doc: "Keras' SGD: plain gradient descent, without momentum.", call: (lr) => `torch.optim.SGD(model.parameters(), lr=${lr})` },
};

function compileStep({ optimizer, learningRate }: TrainingSettings): PytorchStep {
  const { doc, call } = OPTIMIZERS[optimizer];
  const createOptimizer = ['def create_optimizer(model):', `    """${doc}"""`, `    return ${call(formatPythonFloat(learningRate))}`];
  return { definitions: [LOSS, createOptimizer.join('\n')], run: ['optimizer = create_optimizer(model)'] };
}

function pytorchSteps(spec: ModelSpec, analysis: BuildableModel): Record<CodeStep, PytorchStep> {
  const { training } = spec;
  return {
    data: dataStep(training),
    model: modelStep(spec.layers, analysis.rows, analysis.totalParams),
    summary: { definitions: [COUNT_PARAMS], run: PRINT_SUMMARY.split('\n') },
    compile: compileStep(training),
    fit: {
      definitions: [TRAIN_STEP, EVALUATE, FIT],
      run: [`fit(model, optimizer, fit_set, validation_set, epochs=${training.epochs}, batch_size=${training.batchSize})`],
    },
    evaluate: { definitions: [], run: ['test_loss, test_acc = evaluate(model, test_set)', "print('test_acc:', test_acc)"] },
  };
}

/**
 * The rows of a model whose every layer builds, or the first layer that does not, as the editor words it: PyTorch
 * layers are written with their input sizes, so unlike the Keras code this needs a model that builds.
 */
function analyzeBuildable(layers: readonly LayerSpec[]): CodeExport<BuildableModel> {
  const fieldIssue = layers.map((layer, i) => ({ i, layer, issue: checkLayerFields(layer)[0] })).find(({ issue }) => issue);
  if (fieldIssue?.issue) return { ok: false, message: `layer ${fieldIssue.i + 1} (${fieldIssue.layer.type}): ${fieldIssue.issue.message}` };
  const analysis = analyzeModel(layers);
  if (!analysis.ok) return { ok: false, message: `layer ${analysis.layerIndex + 1} (${layers[analysis.layerIndex]?.type}): ${analysis.message}.` };
  return { ok: true, value: analysis };
}

function exportSteps(spec: ModelSpec): CodeExport<Record<CodeStep, PytorchStep>> {
  const analysis = analyzeBuildable(spec.layers);
  if (!analysis.ok) return { ok: false, message: `PyTorch code needs a model that can be built: ${analysis.message}` };
  return { ok: true, value: pytorchSteps(spec, analysis.value) };
}

/** Each step as a notebook cell: its definitions, then its statements at the top level. */
export function exportPytorchSections(spec: ModelSpec): CodeExport<CodeSections> {
  const steps = exportSteps(spec);
  if (!steps.ok) return steps;
  const cell = ({ definitions, run }: PytorchStep) => [...definitions, run.join('\n')].join('\n\n\n');
  return { ok: true, value: Object.fromEntries(CODE_STEPS.map((step) => [step, cell(steps.value[step])])) as Record<CodeStep, string> };
}

/**
 * A runnable script: every step's definitions, then main() running the steps in order. Ends with a newline, as a
 * file does.
 */
export function exportPytorchScript(spec: ModelSpec): CodeExport<string> {
  const steps = exportSteps(spec);
  if (!steps.ok) return steps;
  const ordered = CODE_STEPS.map((step) => steps.value[step]);
  const main = ['def main():', ...ordered.flatMap(({ run }) => run.map((line) => `    ${line}`))].join('\n');
  const blocks = [...ordered.flatMap(({ definitions }) => definitions), main, "if __name__ == '__main__':\n    main()"];
  return { ok: true, value: `${HEADER}\n\n${blocks.join('\n\n\n')}\n` };
}
