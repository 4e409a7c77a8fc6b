/** A run's books: its clock, step count and speed, and the batch points it sends to the page at most ~10 times a second. */
import * as tf from '@tensorflow/tfjs';
import type { BatchPoint, RunPlan, RunProgress } from './protocol.ts';
import type { TrainingRequest } from './trainingRequest.ts';

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
 * A run's clock and its stream of batch metrics: batches are collected and sent together in 'batches' messages, at
 * most one per flush interval, so the page is not flooded with one message per batch.
 */
export class RunReporter {
  readonly now: () => number;
  private readonly started: number;
  private readonly flushIntervalMs: number;
  private readonly meter = new SpeedMeter();
  private pending: BatchPoint[] = [];
  private lastFlush = -Infinity;
  private steps: number;

  constructor(
    private readonly request: TrainingRequest,
    private readonly plan: RunPlan,
  ) {
    this.now = request.now ?? (() => performance.now());
    this.flushIntervalMs = request.flushIntervalMs ?? 100;
    // A resumed run's clock carries on from its checkpoint, so its elapsed time and ETA count the earlier session.
    this.started = this.now() - (request.resumeFrom?.elapsedMs ?? 0);
    this.steps = request.resumeFrom?.step ?? 0;
  }

  /** Batches trained so far, including those of the run this one resumes. */
  get step(): number {
    return this.steps;
  }

  elapsedMs(): number {
    return this.now() - this.started;
  }

  /** Counts one trained batch of `count` images and queues its point for the next 'batches' message. */
  recordBatch(count: number, point: Omit<BatchPoint, 'step'>): void {
    this.steps++;
    this.meter.record(this.now(), count);
    this.pending.push({ epochProgress: point.epochProgress, step: this.steps, loss: point.loss, accuracy: point.accuracy });
  }

  /** Sends the queued points if the flush interval has passed since the last message. */
  flushIfDue(epoch: number): void {
    if (this.now() - this.lastFlush >= this.flushIntervalMs) this.flush(epoch);
  }

  /** Sends the queued points, if any, with the progress so far. */
  flush(epoch: number): void {
    if (this.pending.length === 0) return;
    this.request.emit({ type: 'batches', runId: this.request.runId, points: this.pending, progress: this.progress(epoch) });
    this.pending = [];
    this.lastFlush = this.now();
  }

  private progress(epoch: number): RunProgress {
    const settings = this.request.spec.training;
    const speed = this.meter.samplesPerSecond();
    const remaining = (this.plan.totalSteps - this.steps) * settings.batchSize;
    return {
      step: this.steps,
      totalSteps: this.plan.totalSteps,
      epoch,
      epochs: settings.epochs,
      samplesPerSecond: speed,
      elapsedMs: this.elapsedMs(),
      etaMs: speed > 0 ? (remaining / speed) * 1000 : null,
      numTensors: tf.memory().numTensors,
    };
  }
}
