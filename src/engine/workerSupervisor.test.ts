import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../training/protocol.ts';
import { FakeWorker } from './fakeWorker.ts';
import { superviseWorker } from './workerSupervisor.ts';

function harness() {
  let time = 0;
  let tick = () => {};
  const workers: FakeWorker[] = [];
  const events: WorkerEvent[] = [];
  const failures: { reason: string; gaveUp: boolean }[] = [];
  const supervisor = superviseWorker({
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    init: () => ({ type: 'init', dataUrl: `data-${workers.length}`, backend: 'auto', pretrainedUrl: 'p' }),
    onEvent: (event) => events.push(event),
    onReplaced: (failure) => failures.push(failure),
    hungAfterMs: 45_000,
    maxRestarts: 3,
    restartWindowMs: 60_000,
    now: () => time,
    setInterval: (run) => {
      tick = run;
      return () => (tick = () => {});
    },
  });
  const advance = (ms: number) => {
    time += ms;
    tick();
  };
  return { supervisor, workers, events, failures, advance };
}

describe('superviseWorker', () => {
  it('starts a worker with its init command and passes on every event but heartbeats', () => {
    const { workers, events } = harness();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.received).toEqual([{ type: 'init', dataUrl: 'data-1', backend: 'auto', pretrainedUrl: 'p' }]);
    workers[0]!.send({ type: 'heartbeat' });
    workers[0]!.send({ type: 'backend-error', message: 'x' });
    expect(events).toEqual([{ type: 'backend-error', message: 'x' }]);
  });

  it('replaces a worker that throws, and ignores anything the old one still says', () => {
    const { supervisor, workers, events, failures } = harness();
    const first = workers[0]!;
    first.crash('boom');
    expect(first.terminated).toBe(true);
    expect(failures).toEqual([{ reason: 'stopped unexpectedly (boom)', gaveUp: false }]);
    expect(workers).toHaveLength(2);
    first.send({ type: 'backend-error', message: 'late' });
    expect(events).toEqual([]);
    expect(supervisor.post({ type: 'stop' })).toBe(true);
    expect(workers[1]!.received.at(-1)).toEqual({ type: 'stop' });
  });

  it('replaces a worker silent for longer than hungAfterMs, but not one that keeps sending heartbeats', () => {
    const { workers, failures, advance } = harness();
    for (let i = 0; i < 30; i++) {
      advance(5000);
      workers[0]!.send({ type: 'heartbeat' });
    }
    expect(failures).toEqual([]);
    advance(40_000);
    expect(failures).toEqual([]);
    advance(10_000);
    expect(failures).toEqual([{ reason: 'stopped responding for 50 s', gaveUp: false }]);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('gives up after more than maxRestarts failures in the window, and counts only those in it', () => {
    const { supervisor, workers, failures, advance } = harness();
    for (let i = 0; i < 3; i++) {
      workers.at(-1)!.crash(`crash ${i}`);
      advance(1000);
    }
    expect(failures.every((f) => !f.gaveUp)).toBe(true);
    workers.at(-1)!.crash('crash 3');
    expect(failures.at(-1)).toEqual({ reason: 'stopped unexpectedly (crash 3)', gaveUp: true });
    expect(workers).toHaveLength(4);
    expect(supervisor.post({ type: 'stop' })).toBe(false);

    const spaced = harness();
    for (let i = 0; i < 6; i++) {
      spaced.workers.at(-1)!.crash('slow');
      spaced.advance(30_000);
      spaced.workers.at(-1)!.send({ type: 'heartbeat' });
    }
    expect(spaced.failures.some((f) => f.gaveUp)).toBe(false);
  });

  it('restarts on purpose without counting a failure; fail() drops the worker as failed', () => {
    const { supervisor, workers, failures } = harness();
    supervisor.restart();
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(failures).toEqual([]);
    supervisor.fail("lost its WebGL context (reset)");
    expect(failures).toEqual([{ reason: "lost its WebGL context (reset)", gaveUp: false }]);
    supervisor.dispose();
    expect(workers[2]!.terminated).toBe(true);
    expect(supervisor.post({ type: 'stop' })).toBe(false);
  });
});
