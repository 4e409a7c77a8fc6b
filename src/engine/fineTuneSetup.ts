/** What the engine sends for a fine-tune, and what it makes of the answer: pure, so both are tested without a worker. */
import { EXAMPLE_PIXELS } from '../data/exampleFiles.ts';
import { predictClasses } from '../domain/evaluation.ts';
import {
  copiesPerEpoch,
  FINE_TUNE_BATCH_SIZE,
  FINE_TUNE_LEARNING_RATE,
  planFineTuneEpoch,
  splitExamples,
  type ComparedExample,
  type FineTuneComparison,
  type FineTuneSettings,
} from '../domain/fineTune.ts';
import type { LayerSpec, ModelSpec } from '../domain/modelSpec.ts';
import type { HandwritingExample } from '../storage/examplesStore.ts';
import type { FineTuneOutcome, FineTuneSetup, ModelSlot, TestResult } from '../training/protocol.ts';

const HANDWRITING = ' + your handwriting';

/** The run's name, which its saved model is called by: "Pretrained + your handwriting", "Run 3 + your handwriting, again". */
export function fineTuneName(parentName: string): string {
  const short = parentName.startsWith('Pretrained chapter-5') ? 'Pretrained' : parentName.replace(/ · [\d.]+%$/, '');
  if (short.endsWith(HANDWRITING) || short.endsWith(`${HANDWRITING}, again`)) return short.endsWith('again') ? short : `${short}, again`;
  return `${short.length > 50 ? `${short.slice(0, 50)}…` : short}${HANDWRITING}`;
}

/** What a fine-tune starts from: a slot the pad reads, that model's name, and its layers. */
export interface FineTuneParent {
  readonly slot: ModelSlot;
  readonly name: string;
  readonly layers: readonly LayerSpec[];
}

export interface PlannedFineTune {
  readonly setup: FineTuneSetup;
  readonly spec: ModelSpec;
  /** The examples in the order sent, each marked held out or not. */
  readonly order: readonly { readonly example: HandwritingExample; readonly heldOut: boolean }[];
  readonly split: string;
}

/** The setup for the worker (trained examples first, held-out ones after) and the run's spec, as the Runs table shows it. */
export function planFineTune(examples: readonly HandwritingExample[], parent: FineTuneParent, settings: FineTuneSettings, testSize: number): PlannedFineTune {
  const { trained, heldOut, description } = splitExamples(examples);
  const order = [...trained.map((example) => ({ example, heldOut: false })), ...heldOut.map((example) => ({ example, heldOut: true }))];
  const images = new Uint8Array(order.length * EXAMPLE_PIXELS);
  order.forEach(({ example }, i) => images.set(example.pixels, i * EXAMPLE_PIXELS));
  const labels = Uint8Array.from(order, ({ example }) => example.label);
  const epoch = planFineTuneEpoch(trained.length, settings.mnistPerExample);
  const total = epoch.total + heldOut.length;
  const spec: ModelSpec = {
    layers: parent.layers,
    training: {
      optimizer: 'rmsprop',
      learningRate: FINE_TUNE_LEARNING_RATE,
      batchSize: FINE_TUNE_BATCH_SIZE,
      epochs: settings.epochs,
      trainSize: total,
      validationSplit: total > 0 ? heldOut.length / total : 0,
      testSize,
    },
  };
  const setup: FineTuneSetup = {
    from: parent.slot,
    images,
    labels,
    trainedCount: trained.length,
    mnistPerExample: settings.mnistPerExample,
    copies: copiesPerEpoch(trained.length),
  };
  return { setup, spec, order, split: description };
}

/** The before → after view of a finished fine-tune, from the worker's answers on the examples in the order sent. */
export function compareFineTune(
  planned: Pick<PlannedFineTune, 'order' | 'split'>,
  outcome: FineTuneOutcome,
  test: TestResult,
  names: { readonly modelName: string; readonly parentName: string },
  finishedAt: number,
): FineTuneComparison {
  const before = predictClasses(outcome.before);
  const after = predictClasses(outcome.after);
  const examples: ComparedExample[] = planned.order.map(({ example, heldOut }, i) => ({
    id: example.id,
    label: example.label,
    heldOut,
    before: before[i] ?? 0,
    after: after[i] ?? 0,
  }));
  return {
    ...names,
    finishedAt,
    parentTest: { accuracy: outcome.parentTest.accuracy, count: outcome.parentTest.count },
    test: { accuracy: test.accuracy, count: test.count },
    split: planned.split,
    examples,
  };
}
