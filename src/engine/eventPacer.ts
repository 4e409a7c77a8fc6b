import type { WorkerEvent } from '../training/protocol.ts';

type BatchesEvent = Extract<WorkerEvent, { type: 'batches' }>;

export interface EventPacer {
  readonly push: (event: WorkerEvent) => void;
  /** Drops what is held (the worker it came from is gone). */
  readonly dispose: () => void;
}

/**
 * Passes the worker's events on, but holds 'batches' events and releases them merged at most once per interval.
 * Each release re-renders the page; on a 2-core machine ten a second took a quarter of the CPU the worker trains
 * with. Any other event first releases what is held, so the order of events is kept.
 */
export function createEventPacer(
  deliver: (event: WorkerEvent) => void,
  intervalMs: number,
  clock: { now: () => number; setTimeout: (run: () => void, ms: number) => unknown; clearTimeout: (timer: unknown) => void } = {
    now: () => performance.now(),
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  },
): EventPacer {
  let held: BatchesEvent | null = null;
  let timer: unknown = null;
  let lastRelease = -Infinity;

  const release = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (!held) return;
    const event = held;
    held = null;
    lastRelease = clock.now();
    deliver(event);
  };

  return {
    push(event) {
      if (event.type !== 'batches') {
        release();
        deliver(event);
        return;
      }
      if (held && held.runId !== event.runId) release();
      // The newest progress stands for the merged points: it was measured after all of them.
      held = held ? { ...event, points: [...held.points, ...event.points] } : event;
      if (timer === null) timer = clock.setTimeout(release, Math.max(0, intervalMs - (clock.now() - lastRelease)));
    },
    dispose() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      held = null;
    },
  };
}
