/**
 * A fine-tune: a copy of a model the pad reads, trained a few epochs on the person's examples (augmented afresh each
 * epoch) mixed with MNIST, through the same batch loop, epoch report and events as a training run. The parent is read,
 * never changed. Its end reports both models on the MNIST test images and on every example, for the before → after view.
 */
import type * as tf from '@tensorflow/tfjs';
import { createRandom, IMAGE_PIXELS, shuffledRange } from '../data/batching.ts';
import { createMix, fillMix, layoutMix } from '../data/fineTuneMix.ts';
import type { MnistDataset } from '../data/loadMnist.ts';
import { MNIST_CLASSES } from '../domain/modelSpec.ts';
import { trainEpoch, yieldToEventLoop, type ActiveRun } from './batchLoop.ts';
import { createOptimizer } from './buildModel.ts';
import { DivergenceWatch } from './divergence.ts';
import { reportEpoch } from './epochEnd.ts';
import { artifactsOf, modelFromArtifacts } from './inference.ts';
import type { FineTuneSetup, RunPlan, TestResult } from './protocol.ts';
import { RunReporter } from './runReporting.ts';
import { evaluateModel } from './tensors.ts';
import type { TrainingRequest } from './trainingRequest.ts';

export interface FineTuneRequest extends Omit<TrainingRequest, 'dataset' | 'resumeFrom'> {
  readonly mnist: MnistDataset;
  readonly parent: tf.LayersModel;
  readonly setup: FineTuneSetup;
}

export function planFineTune(request: Pick<FineTuneRequest, 'setup' | 'spec'>): RunPlan {
  const { fitSize, heldOut } = layoutMix(request.setup);
  const batchesPerEpoch = Math.ceil(fitSize / request.spec.training.batchSize);
  return { fitSize, validationSize: heldOut, batchesPerEpoch, totalSteps: batchesPerEpoch * request.spec.training.epochs };
}

/** Runs the fine-tune to its end (finished, stopped, failed or its backend lost); every tensor it makes is disposed. */
export async function runFineTune(request: FineTuneRequest): Promise<void> {
  const { runId, emit, control, setup, mnist, spec } = request;
  const plan = planFineTune(request);
  const mix = createMix(setup);
  // The loop reads its images from the request's dataset: here, the mix, with MNIST's own test images.
  const dataset: MnistDataset = { trainImages: mix.images, trainLabels: mix.labels, testImages: mnist.testImages, testLabels: mnist.testLabels };
  const trainingRequest: TrainingRequest = { ...request, dataset };
  const reporter = new RunReporter(trainingRequest, plan);
  const lost = () => control.backendLost?.() ?? false;
  const optimizer = createOptimizer(spec.training);
  let model: tf.LayersModel | null = null;
  let kept = false;
  try {
    // Measured before the first batch, while the run still says it is starting: the parent's side of the comparison.
    const parentTest = await testOn(request.parent, mnist, spec.training.testSize);
    const before = await readExamples(request.parent, setup);
    emit({ type: 'run-started', runId, plan });
    model = await modelFromArtifacts(await artifactsOf(request.parent));
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const run: ActiveRun = { request: trainingRequest, plan, model, optimizer, reporter, checkpointing: false, lost };
    if (!(await trainMixedEpochs(run, setup, mnist))) return;
    emit({ type: 'evaluating', runId, count: spec.training.testSize });
    const probabilities = new Float32Array(spec.training.testSize * MNIST_CLASSES);
    const test = await evaluateModel(model, mnist.testImages, mnist.testLabels, 0, spec.training.testSize, 500, yieldToEventLoop, probabilities);
    const after = await readExamples(model, setup);
    const evaluation = {
      images: mnist.testImages.slice(0, spec.training.testSize * IMAGE_PIXELS),
      labels: mnist.testLabels.slice(0, spec.training.testSize),
      probabilities,
    };
    const fineTune = { parentTest, before, after };
    emit({ type: 'run-finished', runId, test, evaluation, elapsedMs: reporter.elapsedMs(), fineTune }, [
      evaluation.images.buffer,
      evaluation.labels.buffer,
      probabilities.buffer,
      before.buffer,
      after.buffer,
    ]);
    if (request.keepModel) {
      request.keepModel(model);
      kept = true;
    }
  } catch (error) {
    if (lost()) return;
    reporter.flush(0);
    emit({ type: 'run-failed', runId, message: `Fine-tuning failed: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    if (!kept) model?.dispose();
    optimizer.dispose();
  }
}

/** Each epoch draws a new mix (new augmentations, new MNIST images) and trains it; false when the run ended early. */
async function trainMixedEpochs(run: ActiveRun, setup: FineTuneSetup, mnist: MnistDataset): Promise<boolean> {
  const { seed, spec, dataset } = run.request;
  const random = createRandom(seed);
  const divergence = new DivergenceWatch();
  const source = { images: mnist.trainImages, labels: mnist.trainLabels };
  for (let epoch = 1; epoch <= spec.training.epochs; epoch++) {
    fillMix({ images: dataset.trainImages, labels: dataset.trainLabels }, setup, source, random);
    const totals = await trainEpoch(run, divergence, epoch, shuffledRange(0, run.plan.fitSize, random));
    if (!totals) return false;
    await reportEpoch(run, epoch, totals);
  }
  return true;
}

async function testOn(model: tf.LayersModel, mnist: MnistDataset, count: number): Promise<TestResult> {
  return evaluateModel(model, mnist.testImages, mnist.testLabels, 0, count, 500, yieldToEventLoop);
}

/** The model's probabilities for every example, in the setup's order. */
async function readExamples(model: tf.LayersModel, setup: FineTuneSetup): Promise<Float32Array> {
  const count = setup.labels.length;
  const probabilities = new Float32Array(count * MNIST_CLASSES);
  await evaluateModel(model, setup.images, setup.labels, 0, count, 500, yieldToEventLoop, probabilities);
  return probabilities;
}
