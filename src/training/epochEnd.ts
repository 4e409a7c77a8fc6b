/** The end of an epoch: validation, the 'epoch' message, and the checkpoint a crash or a reload resumes from. */
import * as tf from '@tensorflow/tfjs';
import { type ActiveRun, type EpochTotals, yieldToEventLoop } from './batchLoop.ts';
import { captureCheckpoint } from './checkpoint.ts';
import { evaluateModel } from './tensors.ts';

/** Validates the model after an epoch and sends the epoch's metrics; returns the run's elapsed time, which its checkpoint records. */
export async function reportEpoch(run: ActiveRun, epoch: number, totals: EpochTotals): Promise<number> {
  const { plan, model, reporter } = run;
  const { runId, emit, dataset, spec } = run.request;
  const validation =
    plan.validationSize > 0
      ? await evaluateModel(model, dataset.trainImages, dataset.trainLabels, plan.fitSize, plan.validationSize, 500, yieldToEventLoop, undefined, dataset.layout)
      : null;
  const elapsedMs = reporter.elapsedMs();
  const epochMs = reporter.now() - totals.started;
  emit({
    type: 'epoch',
    runId,
    metrics: {
      epoch,
      loss: totals.lossSum / totals.seen,
      accuracy: totals.accuracySum / totals.seen,
      valLoss: validation?.loss ?? null,
      valAccuracy: validation?.accuracy ?? null,
      samplesPerSecond: (totals.seen * 1000) / epochMs,
      elapsedMs,
      etaMs: (elapsedMs / epoch) * (spec.training.epochs - epoch),
      numTensors: tf.memory().numTensors,
    },
  });
  return elapsedMs;
}

/** Sends a checkpoint taken after `epoch`, moving its buffers to the page; false when the backend was lost while taking it. */
export async function sendCheckpoint(run: ActiveRun, epoch: number, elapsedMs: number): Promise<boolean> {
  const { runId, emit } = run.request;
  const checkpoint = await captureCheckpoint(run.model, run.optimizer, { epoch, step: run.reporter.step, elapsedMs });
  if (run.lost()) return false;
  emit({ type: 'checkpoint', runId, checkpoint }, [checkpoint.model.weightData, checkpoint.optimizer.weightData]);
  return true;
}
