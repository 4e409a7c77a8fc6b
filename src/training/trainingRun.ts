import type * as tf from '@tensorflow/tfjs';
import { createRandom, layoutPixels, MNIST_LAYOUT, shuffledRange } from '../data/batching.ts';
import { checkpointBytes, MAX_CHECKPOINT_BYTES } from '../domain/checkpointSize.ts';
import { trainingSplit } from '../domain/settings.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import { trainEpoch, yieldToEventLoop, type ActiveRun } from './batchLoop.ts';
import { buildModel, createOptimizer } from './buildModel.ts';
import { modelFromCheckpoint, restoreOptimizer } from './checkpoint.ts';
import { DivergenceWatch } from './divergence.ts';
import { reportEpoch, sendCheckpoint } from './epochEnd.ts';
import { sendLearningFrame } from './learningFrames.ts';
import type { RunPlan } from './protocol.ts';
import { RunReporter } from './runReporting.ts';
import { evaluateModel } from './tensors.ts';
import type { TrainingRequest } from './trainingRequest.ts';

export type { RunSignals, TrainingRequest } from './trainingRequest.ts';

export function planRun(spec: ModelSpec): RunPlan {
  const { fit, validation } = trainingSplit(spec.training);
  const batchesPerEpoch = Math.ceil(fit / spec.training.batchSize);
  return { fitSize: fit, validationSize: validation, batchesPerEpoch, totalSteps: batchesPerEpoch * spec.training.epochs };
}

/**
 * Trains a fresh model from the spec, streaming metrics through `emit`, and evaluates it on the test images.
 * Every tensor it makes is disposed before it returns, whatever the outcome.
 */
export async function runTraining(request: TrainingRequest): Promise<void> {
  const { runId, spec, seed, emit, control, resumeFrom } = request;
  const plan = planRun(spec);
  const reporter = new RunReporter(request, plan);
  const lost = () => control.backendLost?.() ?? false;
  emit({ type: 'run-started', runId, plan });

  let kept = false;
  const optimizer = createOptimizer(spec.training);
  let model: tf.LayersModel | null = null;
  try {
    model = resumeFrom ? await modelFromCheckpoint(resumeFrom) : buildModel(spec.layers, seed, (request.dataset.layout ?? MNIST_LAYOUT).shape);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    if (resumeFrom) await restoreOptimizer(optimizer, resumeFrom.optimizer);
    const checkpointing = checkpointBytes(model.countParams(), spec.training.optimizer) <= (request.maxCheckpointBytes ?? MAX_CHECKPOINT_BYTES);
    const run: ActiveRun = { request, plan, model, optimizer, reporter, checkpointing, lost };
    if (!(await trainEpochs(run))) return;
    await evaluateTestSet(run);
    if (request.keepModel) {
      request.keepModel(model);
      kept = true;
    }
  } catch (error) {
    // Errors from a backend that is gone say nothing about the model: the page resumes the run elsewhere.
    if (lost()) return;
    reporter.flush(0);
    emit({ type: 'run-failed', runId, message: `Training failed: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    if (!kept) model?.dispose();
    optimizer.dispose();
  }
}

/**
 * Trains the epochs the run has left, each followed by validation and, if the run takes them, a checkpoint.
 * Resolves false when the run ended early (stopped, diverged or its backend lost), having said so if it could.
 */
async function trainEpochs(run: ActiveRun): Promise<boolean> {
  const { seed, spec, resumeFrom } = run.request;
  const { fitSize } = run.plan;
  const random = createRandom(seed);
  const divergence = new DivergenceWatch();
  const firstEpoch = (resumeFrom?.epoch ?? 0) + 1;
  // The epochs already trained drew their shuffles from the seed's stream: draw them again to stand where they ended.
  for (let epoch = 1; epoch < firstEpoch; epoch++) shuffledRange(0, fitSize, random);
  await sendLearningFrame(run, firstEpoch - 1);
  for (let epoch = firstEpoch; epoch <= spec.training.epochs; epoch++) {
    const totals = await trainEpoch(run, divergence, epoch, shuffledRange(0, fitSize, random));
    if (!totals) return false;
    const elapsedMs = await reportEpoch(run, epoch, totals);
    await sendLearningFrame(run, epoch);
    if (run.checkpointing && !(await sendCheckpoint(run, epoch, elapsedMs))) return false;
  }
  return true;
}

/** Evaluates the trained model on the test images and sends the results with those images, moving the buffers to the page. */
async function evaluateTestSet(run: ActiveRun): Promise<void> {
  const { runId, emit, dataset, spec } = run.request;
  const { testSize } = spec.training;
  emit({ type: 'evaluating', runId, count: testSize });
  const layout = dataset.layout ?? MNIST_LAYOUT;
  const probabilities = new Float32Array(testSize * layout.classCount);
  const test = await evaluateModel(run.model, dataset.testImages, dataset.testLabels, 0, testSize, 500, yieldToEventLoop, probabilities, layout);
  const evaluation = {
    images: dataset.testImages.slice(0, testSize * layoutPixels(layout)),
    labels: dataset.testLabels.slice(0, testSize),
    probabilities,
  };
  emit({ type: 'run-finished', runId, test, evaluation, elapsedMs: run.reporter.elapsedMs() }, [
    evaluation.images.buffer,
    evaluation.labels.buffer,
    probabilities.buffer,
  ]);
}
