/** One epoch's batches: pause and stop between them, train each, watch for divergence. */
import type * as tf from '@tensorflow/tfjs';
import type { DivergenceWatch } from './divergence.ts';
import { makeBatch } from './tensors.ts';
import type { RunReporter } from './runReporting.ts';
import type { RunPlan } from './protocol.ts';
import type { TrainingRequest } from './trainingRequest.ts';

/** What every step of a run works with once its model is built. */
export interface ActiveRun {
  readonly request: TrainingRequest;
  readonly plan: RunPlan;
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  readonly reporter: RunReporter;
  /** Whether each epoch ends with a checkpoint: only models small enough to store have them. */
  readonly checkpointing: boolean;
  /** True once the backend cannot compute any more: the run then ends at once and says nothing more. */
  readonly lost: () => boolean;
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

/** One epoch's training metrics, weighted by batch size, for its 'epoch' message. */
export interface EpochTotals {
  readonly lossSum: number;
  readonly accuracySum: number;
  readonly seen: number;
  /** When the epoch's first batch began, by the run's clock. */
  readonly started: number;
}

interface BatchResult {
  readonly loss: number;
  readonly accuracy: number;
  readonly count: number;
}

/**
 * Trains one epoch's batches in the shuffled `order`, streaming their metrics; all of them are sent before it returns.
 * Resolves null when the run ended during the epoch (stopped, diverged or its backend lost), having said so if it could.
 */
export async function trainEpoch(run: ActiveRun, divergence: DivergenceWatch, epoch: number, order: Uint32Array): Promise<EpochTotals | null> {
  const { plan, reporter } = run;
  const started = reporter.now();
  let lossSum = 0;
  let accuracySum = 0;
  let seen = 0;
  for (let batch = 0; batch < plan.batchesPerEpoch; batch++) {
    if (await stopBetweenBatches(run, epoch)) return null;
    const epochProgress = epoch - 1 + (batch + 1) / plan.batchesPerEpoch;
    const result = await trainBatch(run, order, batch, epochProgress);
    if (!result) return null;
    lossSum += result.loss * result.count;
    accuracySum += result.accuracy * result.count;
    seen += result.count;
    const diverged = divergence.record(result.loss);
    if (diverged) {
      reportDivergence(run, diverged, epoch, batch, epochProgress);
      return null;
    }
    reporter.flushIfDue(epoch);
    await yieldToEventLoop();
  }
  reporter.flush(epoch);
  return { lossSum, accuracySum, seen, started };
}

/** Honours a pause or stop asked for during the last batch; true when the run has stopped (and said so). */
async function stopBetweenBatches(run: ActiveRun, epoch: number): Promise<boolean> {
  const { runId, emit, control } = run.request;
  if (control.pauseRequested() && !control.stopRequested()) {
    // Everything trained so far is on screen before the run says it is paused.
    run.reporter.flush(epoch);
    emit({ type: 'paused', runId });
    await control.waitForResume();
    if (!control.stopRequested()) emit({ type: 'resumed', runId });
  }
  if (!control.stopRequested()) return false;
  run.reporter.flush(epoch);
  emit({ type: 'run-stopped', runId, elapsedMs: run.reporter.elapsedMs() });
  return true;
}

/** Trains on the `batch`-th slice of `order` and records its metrics; null when the backend was lost meanwhile. */
async function trainBatch(run: ActiveRun, order: Uint32Array, batch: number, epochProgress: number): Promise<BatchResult | null> {
  const { batchSize } = run.request.spec.training;
  const { trainImages, trainLabels, layout } = run.request.dataset;
  const indices = order.subarray(batch * batchSize, (batch + 1) * batchSize);
  const { xs, ys } = makeBatch(trainImages, trainLabels, indices, layout);
  let result: number | number[];
  try {
    result = await run.model.trainOnBatch(xs, ys);
  } finally {
    xs.dispose();
    ys.dispose();
  }
  if (run.lost()) return null;
  const [loss = NaN, accuracy = NaN] = Array.isArray(result) ? result : [result];
  run.reporter.recordBatch(indices.length, { epochProgress, loss, accuracy });
  return { loss, accuracy, count: indices.length };
}

/** Ends the run with a 'run-failed' that says where it diverged, why, and what to try. */
function reportDivergence(run: ActiveRun, diverged: string, epoch: number, batch: number, epochProgress: number): void {
  const { runId, emit, spec } = run.request;
  run.reporter.flush(epoch);
  emit({
    type: 'run-failed',
    runId,
    message: `Training diverged at batch ${batch + 1} of epoch ${epoch}: ${diverged}. Try a smaller learning rate (now ${spec.training.learningRate}).`,
    divergedAt: epochProgress,
  });
}
