/**
 * Keeps one training worker alive: starts it, replaces it when it throws or falls silent, and gives up when that
 * keeps happening. What a replacement means for the run is the caller's business (see useTrainingEngine).
 */
import type { WorkerCommand, WorkerEvent } from '../training/protocol.ts';

/** The part of a Worker the supervisor uses, so tests can hand it a fake. */
export interface SupervisedWorker {
  onmessage: ((message: MessageEvent<WorkerEvent>) => void) | null;
  onerror: ((error: ErrorEvent) => void) | null;
  postMessage(command: WorkerCommand): void;
  terminate(): void;
}

export interface SupervisorOptions {
  readonly createWorker: () => SupervisedWorker;
  /** The first command of every worker, built afresh each time (the backend to ask for may have changed). */
  readonly init: () => WorkerCommand;
  /** Every event but heartbeats, from the current worker only. */
  readonly onEvent: (event: WorkerEvent) => void;
  /** A worker was dropped. `gaveUp`: too many failures in a short time, so no fresh worker was started. */
  readonly onReplaced: (failure: { readonly reason: string; readonly gaveUp: boolean }) => void;
  /** Silence after which a worker counts as hung (it sends a heartbeat every 2 s). */
  readonly hungAfterMs: number;
  readonly maxRestarts: number;
  readonly restartWindowMs: number;
  readonly now?: () => number;
  readonly setInterval?: (tick: () => void, ms: number) => () => void;
}

export interface WorkerSupervisor {
  /** False when there is no worker (the supervisor gave up or was disposed). */
  post(command: WorkerCommand): boolean;
  /** Drops the current worker as failed, e.g. when its backend lost its device. */
  fail(reason: string): void;
  /** A fresh worker on purpose (another backend chosen): not a failure, not counted. */
  restart(): void;
  dispose(): void;
}

export function superviseWorker(options: SupervisorOptions): WorkerSupervisor {
  const now = options.now ?? (() => performance.now());
  const every = options.setInterval ?? ((tick, ms) => {
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  });
  let worker: SupervisedWorker | null = null;
  let lastHeard = 0;
  let failures: number[] = [];

  const start = () => {
    const started = options.createWorker();
    worker = started;
    lastHeard = now();
    started.onmessage = (message) => {
      if (worker !== started) return;
      lastHeard = now();
      if (message.data.type !== 'heartbeat') options.onEvent(message.data);
    };
    // An uncaught error leaves the worker's state unknown.
    started.onerror = (error) => {
      error.preventDefault();
      if (worker === started) fail(`stopped unexpectedly (${error.message || 'unknown error'})`);
    };
    started.postMessage(options.init());
  };

  const fail = (reason: string) => {
    if (!worker) return;
    worker.terminate();
    worker = null;
    const time = now();
    failures = [...failures.filter((t) => time - t < options.restartWindowMs), time];
    const gaveUp = failures.length > options.maxRestarts;
    if (!gaveUp) start();
    options.onReplaced({ reason, gaveUp });
  };

  // A worker that sends nothing, not even its heartbeat, is stuck.
  const stopWatching = every(() => {
    const silentMs = now() - lastHeard;
    if (worker && silentMs > options.hungAfterMs) fail(`stopped responding for ${Math.round(silentMs / 1000)} s`);
  }, 5000);

  start();
  return {
    post(command) {
      worker?.postMessage(command);
      return worker !== null;
    },
    fail,
    restart() {
      worker?.terminate();
      start();
    },
    dispose() {
      stopWatching();
      worker?.terminate();
      worker = null;
    },
  };
}
