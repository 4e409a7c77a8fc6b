import * as tf from '@tensorflow/tfjs';
import { createRandom, IMAGE_PIXELS, shuffledRange } from '../data/batching.ts';
import type { MnistDataset } from '../data/loadMnist.ts';
import { checkpointBytes, MAX_CHECKPOINT_BYTES } from '../domain/checkpointSize.ts';
import { trainingSplit } from '../domain/settings.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';
import { MNIST_CLASSES } from '../domain/modelSpec.ts';
import { buildModel, createOptimizer } from './buildModel.ts';
import { captureCheckpoint, modelFromCheckpoint, restoreOptimizer } from './checkpoint.ts';
import type { BatchPoint, RunPlan, WorkerEvent, TrainingCheckpoint } from './protocol.ts';
import { DivergenceWatch } from './divergence.ts';
import { evaluateModel, makeBatch } from './tensors.ts';

/** Checked between batches: a pause or stop takes effect after the batch in flight. */
export interface RunControl {
  readonly stopRequested: () => boolean;
  readonly pauseRequested: () => boolean;
  /** Resolves when the run is resumed or stopped. */
  readonly waitForResume: () => Promise<void>;
  /** True once the backend cannot compute any more (WebGL's context lost): the run ends at once and says nothing more. */
  readonly backendLost?: () => boolean;
}

export interface TrainingRequest {
  readonly runId: number;
  readonly spec: ModelSpec;
  readonly dataset: MnistDataset;
  readonly seed: number;
  /** `transfer` lists buffers to move to the page rather than copy. */
  readonly emit: (event: WorkerEvent, transfer?: Transferable[]) => void;
  readonly control: RunControl;
  /** Carries on from this checkpoint of the same spec and seed instead of starting from fresh weights. */
  readonly resumeFrom?: TrainingCheckpoint;
  /** Takes the trained model when the run finishes (the callee then owns it); without it the model is disposed. */
  readonly keepModel?: (model: tf.LayersModel) => void;
  /** Larger checkpoints are not taken (see spec/checkpointSize.ts). */
  readonly maxCheckpointBytes?: number;
  /** Minimum time between two 'batches' messages. */
  readonly flushIntervalMs?: number;
  readonly now?: () => number;
}

/** Lets queued messages (pause, stop) in between batches without requestAnimationFrame, which stalls in hidden tabs. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export function planRun(spec: ModelSpec): RunPlan {
  const { fit, validation } = trainingSplit(spec.training);
  const batchesPerEpoch = Math.ceil(fit / spec.training.batchSize);
  return { fitSize: fit, validationSize: validation, batchesPerEpoch, totalSteps: batchesPerEpoch * spec.training.epochs };
}

/** Speed over the last few seconds, so the ETA follows the present rather than the shader-compiling start. */
class SpeedMeter {
  private readonly samples: { time: number; count: number }[] = [];
  private total = 0;
  constructor(private readonly windowMs = 5000) {}

  record(time: number, count: number): void {
    this.total += count;
    this.samples.push({ time, count: this.total });
    while (this.samples.length > 2 && time - (this.samples[1]?.time ?? time) > this.windowMs) this.samples.shift();
  }

  samplesPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.time <= first.time) return 0;
    return ((last.count - first.count) * 1000) / (last.time - first.time);
  }
}

/**
 * Trains a fresh model from the spec, streaming metrics through `emit`, and evaluates it on the test images.
 * Every tensor it makes is disposed before it returns, whatever the outcome.
 */
export async function runTraining(request: TrainingRequest): Promise<void> {
  const { runId, spec, dataset, seed, emit, control, resumeFrom } = request;
  const now = request.now ?? (() => performance.now());
  const flushIntervalMs = request.flushIntervalMs ?? 100;
  const settings = spec.training;
  const plan = planRun(spec);
  const started = now() - (resumeFrom?.elapsedMs ?? 0);
  const lost = () => control.backendLost?.() ?? false;
  emit({ type: 'run-started', runId, plan });

  let kept = false;
  const optimizer = createOptimizer(settings);
  let model: tf.LayersModel | null = null;
  const random = createRandom(seed);
  const meter = new SpeedMeter();
  const divergence = new DivergenceWatch();
  let pending: BatchPoint[] = [];
  let lastFlush = -Infinity;
  let step = resumeFrom?.step ?? 0;

  const progressNow = (epoch: number) => {
    const speed = meter.samplesPerSecond();
    const remaining = (plan.totalSteps - step) * settings.batchSize;
    return {
      step,
      totalSteps: plan.totalSteps,
      epoch,
      epochs: settings.epochs,
      samplesPerSecond: speed,
      elapsedMs: now() - started,
      etaMs: speed > 0 ? (remaining / speed) * 1000 : null,
      numTensors: tf.memory().numTensors,
    };
  };
  const flush = (epoch: number) => {
    if (pending.length === 0) return;
    emit({ type: 'batches', runId, points: pending, progress: progressNow(epoch) });
    pending = [];
    lastFlush = now();
  };

  try {
    model = resumeFrom ? await modelFromCheckpoint(resumeFrom) : buildModel(spec.layers, seed);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    if (resumeFrom) await restoreOptimizer(optimizer, resumeFrom.optimizer);
    const checkpointing = checkpointBytes(model.countParams(), settings.optimizer) <= (request.maxCheckpointBytes ?? MAX_CHECKPOINT_BYTES);
    const firstEpoch = (resumeFrom?.epoch ?? 0) + 1;
    // The epochs already trained drew their shuffles from the seed's stream: draw them again to stand where they ended.
    for (let epoch = 1; epoch < firstEpoch; epoch++) shuffledRange(0, plan.fitSize, random);
    for (let epoch = firstEpoch; epoch <= settings.epochs; epoch++) {
      const order = shuffledRange(0, plan.fitSize, random);
      let lossSum = 0;
      let accuracySum = 0;
      let seen = 0;
      const epochStarted = now();
      for (let batch = 0; batch < plan.batchesPerEpoch; batch++) {
        if (control.pauseRequested() && !control.stopRequested()) {
          // Everything trained so far is on screen before the run says it is paused.
          flush(epoch);
          emit({ type: 'paused', runId });
          await control.waitForResume();
          if (!control.stopRequested()) emit({ type: 'resumed', runId });
        }
        if (control.stopRequested()) {
          flush(epoch);
          emit({ type: 'run-stopped', runId, elapsedMs: now() - started });
          return;
        }
        const indices = order.subarray(batch * settings.batchSize, (batch + 1) * settings.batchSize);
        const { xs, ys } = makeBatch(dataset.trainImages, dataset.trainLabels, indices);
        let result: number | number[];
        try {
          result = await model.trainOnBatch(xs, ys);
        } finally {
          xs.dispose();
          ys.dispose();
        }
        if (lost()) return;
        const [loss = NaN, accuracy = NaN] = Array.isArray(result) ? result : [result];
        step++;
        meter.record(now(), indices.length);
        lossSum += loss * indices.length;
        accuracySum += accuracy * indices.length;
        seen += indices.length;
        pending.push({ epochProgress: epoch - 1 + (batch + 1) / plan.batchesPerEpoch, step, loss, accuracy });
        const diverged = divergence.record(loss);
        if (diverged) {
          flush(epoch);
          emit({
            type: 'run-failed',
            runId,
            message: `Training diverged at batch ${batch + 1} of epoch ${epoch}: ${diverged}. Try a smaller learning rate (now ${settings.learningRate}).`,
            divergedAt: epoch - 1 + (batch + 1) / plan.batchesPerEpoch,
          });
          return;
        }
        if (now() - lastFlush >= flushIntervalMs) flush(epoch);
        await yieldToEventLoop();
      }
      flush(epoch);
      const validation =
        plan.validationSize > 0
          ? await evaluateModel(model, dataset.trainImages, dataset.trainLabels, plan.fitSize, plan.validationSize, 500, yieldToEventLoop)
          : null;
      const elapsedMs = now() - started;
      const epochMs = now() - epochStarted;
      emit({
        type: 'epoch',
        runId,
        metrics: {
          epoch,
          loss: lossSum / seen,
          accuracy: accuracySum / seen,
          valLoss: validation?.loss ?? null,
          valAccuracy: validation?.accuracy ?? null,
          samplesPerSecond: (seen * 1000) / epochMs,
          elapsedMs,
          etaMs: (elapsedMs / epoch) * (settings.epochs - epoch),
          numTensors: tf.memory().numTensors,
        },
      });
      if (checkpointing) {
        const checkpoint = await captureCheckpoint(model, optimizer, { epoch, step, elapsedMs });
        if (lost()) return;
        emit({ type: 'checkpoint', runId, checkpoint }, [checkpoint.model.weightData, checkpoint.optimizer.weightData]);
      }
    }
    emit({ type: 'evaluating', runId, count: settings.testSize });
    const probabilities = new Float32Array(settings.testSize * MNIST_CLASSES);
    const test = await evaluateModel(model, dataset.testImages, dataset.testLabels, 0, settings.testSize, 500, yieldToEventLoop, probabilities);
    const evaluation = {
      images: dataset.testImages.slice(0, settings.testSize * IMAGE_PIXELS),
      labels: dataset.testLabels.slice(0, settings.testSize),
      probabilities,
    };
    emit({ type: 'run-finished', runId, test, evaluation, elapsedMs: now() - started }, [
      evaluation.images.buffer,
      evaluation.labels.buffer,
      probabilities.buffer,
    ]);
    if (request.keepModel) {
      request.keepModel(model);
      kept = true;
    }
  } catch (error) {
    // Errors from a backend that is gone say nothing about the model: the page resumes the run elsewhere.
    if (lost()) return;
    flush(0);
    emit({ type: 'run-failed', runId, message: `Training failed: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    if (!kept) model?.dispose();
    optimizer.dispose();
  }
}
