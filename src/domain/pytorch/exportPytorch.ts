/**
 * The PyTorch twin of the Keras export: a script that builds the same model (same layers, output shapes and
 * parameter count) and trains and scores it as the playground and Keras do, cut into the notebook's steps.
 */
import { analyzeModel, type LayerRow, type ModelAnalysis } from '../analysis.ts';
import { formatCount } from '../format.ts';
import { CODE_STEPS, whyNoCodeLoads, type CodeExport, type CodeSections, type CodeStep } from '../codeSections.ts';
import { MNIST_INFO, type DatasetInfo } from '../datasets.ts';
import { checkLayerFields } from '../modelIssues.ts';
import type { LayerSpec, ModelSpec, OptimizerName, Shape, TrainingSettings } from '../modelSpec.ts';
import { formatPythonFloat } from '../pythonLiterals.ts';
import { dataStep, pytorchHeader, type PytorchStep } from './pytorchData.ts';
import { PYTORCH_HELPERS, pytorchLayer } from './pytorchLayers.ts';
import { COUNT_PARAMS, EVALUATE, FIT, HELPER_MODULES, INIT_LIKE_KERAS, LOSS, PRINT_SUMMARY, TRAIN_STEP } from './pythonSnippets.ts';

type BuildableModel = Extract<ModelAnalysis, { ok: true }>;

const formatKerasShape = (shape: Shape) => `(None, ${shape.join(', ')})`;

function modelStep(layers: readonly LayerSpec[], inputShape: Shape, rows: readonly LayerRow[], totalParams: number): PytorchStep {
  const inputs = [inputShape, ...rows.map((row) => row.outputShape)];
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

function pytorchSteps(spec: ModelSpec, dataset: DatasetInfo, analysis: BuildableModel): Record<CodeStep, PytorchStep> {
  const { training } = spec;
  return {
    data: dataStep(dataset, training),
    model: modelStep(spec.layers, dataset.inputShape, analysis.rows, analysis.totalParams),
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
function analyzeBuildable(layers: readonly LayerSpec[], inputShape: Shape): CodeExport<BuildableModel> {
  const fieldIssue = layers.map((layer, i) => ({ i, layer, issue: checkLayerFields(layer)[0] })).find(({ issue }) => issue);
  if (fieldIssue?.issue) return { ok: false, message: `layer ${fieldIssue.i + 1} (${fieldIssue.layer.type}): ${fieldIssue.issue.message}` };
  const analysis = analyzeModel(layers, inputShape);
  if (!analysis.ok) return { ok: false, message: `layer ${analysis.layerIndex + 1} (${layers[analysis.layerIndex]?.type}): ${analysis.message}.` };
  return { ok: true, value: analysis };
}

function exportSteps(spec: ModelSpec, dataset: DatasetInfo): CodeExport<Record<CodeStep, PytorchStep>> {
  const noLoader = whyNoCodeLoads(dataset);
  if (noLoader) return { ok: false, message: noLoader };
  const analysis = analyzeBuildable(spec.layers, dataset.inputShape);
  if (!analysis.ok) return { ok: false, message: `PyTorch code needs a model that can be built: ${analysis.message}` };
  return { ok: true, value: pytorchSteps(spec, dataset, analysis.value) };
}

/** Each step as a notebook cell: its definitions, then its statements at the top level. */
export function exportPytorchSections(spec: ModelSpec, dataset: DatasetInfo = MNIST_INFO): CodeExport<CodeSections> {
  const steps = exportSteps(spec, dataset);
  if (!steps.ok) return steps;
  const cell = ({ definitions, run }: PytorchStep) => [...definitions, run.join('\n')].join('\n\n\n');
  return { ok: true, value: Object.fromEntries(CODE_STEPS.map((step) => [step, cell(steps.value[step])])) as Record<CodeStep, string> };
}

/**
 * A runnable script: every step's definitions, then main() running the steps in order. Ends with a newline, as a
 * file does.
 */
export function exportPytorchScript(spec: ModelSpec, dataset: DatasetInfo = MNIST_INFO): CodeExport<string> {
  const steps = exportSteps(spec, dataset);
  if (!steps.ok) return steps;
  const ordered = CODE_STEPS.map((step) => steps.value[step]);
  const main = ['def main():', ...ordered.flatMap(({ run }) => run.map((line) => `    ${line}`))].join('\n');
  const blocks = [...ordered.flatMap(({ definitions }) => definitions), main, "if __name__ == '__main__':\n    main()"];
  return { ok: true, value: `${pytorchHeader(dataset)}\n\n${blocks.join('\n\n\n')}\n` };
}
