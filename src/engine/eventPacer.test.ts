import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../training/protocol.ts';
import { createEventPacer } from './eventPacer.ts';

function fakeClock() {
  let time = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  return {
    now: () => time,
    setTimeout: (run: () => void, ms: number) => {
      timers.set(next, { at: time + ms, run });
      return next++;
    },
    clearTimeout: (id: unknown) => void timers.delete(id as number),
    advance(ms: number) {
      time += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= time) {
          timers.delete(id);
          timer.run();
        }
      }
    },
  };
}

const progress = (step: number) => ({ step, totalSteps: 100, epoch: 1, epochs: 1, samplesPerSecond: 1, elapsedMs: step, etaMs: null, numTensors: 30 });
const batches = (runId: number, step: number): WorkerEvent => ({
  type: 'batches',
  runId,
  points: [{ epochProgress: step / 100, step, loss: 1, accuracy: 0.5 }],
  progress: progress(step),
});

describe('pacing the worker events the page renders', () => {
  it('merges batch events into one delivery per interval, keeping every point and the newest progress', () => {
    const clock = fakeClock();
    const delivered: WorkerEvent[] = [];
    const pacer = createEventPacer((e) => delivered.push(e), 500, clock);
    pacer.push(batches(1, 1));
    clock.advance(0);
    expect(delivered).toHaveLength(1);
    for (let step = 2; step <= 6; step++) {
      pacer.push(batches(1, step));
      clock.advance(100);
    }
    expect(delivered).toHaveLength(2);
    const merged = delivered[1] as Extract<WorkerEvent, { type: 'batches' }>;
    expect(merged.points.map((p) => p.step)).toEqual([2, 3, 4, 5, 6]);
    expect(merged.progress.step).toBe(6);
  });

  it('releases held batches before any other event, so order is kept', () => {
    const clock = fakeClock();
    const delivered: WorkerEvent[] = [];
    const pacer = createEventPacer((e) => delivered.push(e), 500, clock);
    pacer.push(batches(1, 1));
    clock.advance(0);
    pacer.push(batches(1, 2));
    pacer.push({ type: 'paused', runId: 1 });
    expect(delivered.map((e) => e.type)).toEqual(['batches', 'batches', 'paused']);
    clock.advance(1000);
    expect(delivered).toHaveLength(3);
  });

  it('does not merge points of different runs, and drops what it holds when disposed', () => {
    const clock = fakeClock();
    const delivered: WorkerEvent[] = [];
    const pacer = createEventPacer((e) => delivered.push(e), 500, clock);
    pacer.push(batches(1, 1));
    pacer.push(batches(2, 1));
    expect(delivered.map((e) => (e as { runId: number }).runId)).toEqual([1]);
    pacer.dispose();
    clock.advance(1000);
    expect(delivered).toHaveLength(1);
  });
});
