import { useEffect, useRef, useState } from 'react';
import type { BackendName, TrainingCheckpoint } from '../training/protocol.ts';
import { downsampleBatches } from './chartData.ts';
import { openCheckpointStore, type CheckpointStore } from './checkpointStore.ts';
import { isRunActive } from './trainerState.ts';
import type { Trainer } from './useTrainer.ts';

export interface InterruptedRunKeeping {
  /** Why checkpoints cannot be kept, while a run could use one. */
  readonly problem: string | null;
  /** The epoch whose checkpoint is safely in the browser's storage. */
  readonly keptEpoch: number | null;
}

/** Held by the tab whose run is going, so that another tab of the page does not offer that run as interrupted. */
const RUN_LOCK = 'convnet-playground-run';

async function runGoingInAnotherTab(): Promise<boolean> {
  try {
    const { held = [] } = await navigator.locks.query();
    return held.some((lock) => lock.name === RUN_LOCK);
  } catch {
    // No Web Locks (an old browser, an insecure context): offer the checkpoint, as the most likely case.
    return false;
  }
}

/**
 * Keeps the current run's latest checkpoint in IndexedDB, so that closing or reloading the page mid-run costs at most
 * the epoch in progress, and offers a stored one again when the page opens. A run that ends forgets its checkpoint.
 */
export function useInterruptedRun(trainer: Trainer, backend: BackendName | null): InterruptedRunKeeping {
  const { run } = trainer.state;
  const { restoreInterrupted, latestCheckpoint } = trainer;
  const [store, setStore] = useState<CheckpointStore | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const kept = useRef<TrainingCheckpoint | null>(null);
  const [keptEpoch, setKeptEpoch] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    void openCheckpointStore().then(async (opened) => {
      if (cancelled) return;
      if (!opened.ok) return setProblem(opened.message);
      setStore(opened.store);
      const stored = await opened.store.load();
      if (!stored || cancelled || (await runGoingInAnotherTab())) return;
      kept.current = stored.checkpoint;
      setKeptEpoch(stored.checkpoint.epoch);
      restoreInterrupted(stored);
    });
    return () => {
      cancelled = true;
    };
  }, [restoreInterrupted]);

  const active = isRunActive(run);
  useEffect(() => {
    if (!active || !('locks' in navigator)) return;
    let ended = false;
    let release: (() => void) | null = null;
    navigator.locks
      .request(RUN_LOCK, () => (ended ? Promise.resolve() : new Promise<void>((resolve) => (release = resolve))))
      .catch(() => undefined);
    return () => {
      ended = true;
      release?.();
    };
  }, [active]);

  const epoch = run?.checkpoint?.epoch ?? null;
  const status = run?.status ?? null;
  const runId = run?.id ?? null;
  useEffect(() => {
    if (!store || !run) return;
    const ended = status === 'finished' || status === 'stopped' || status === 'failed';
    const freshStart = status === 'starting' && run.checkpoint === null;
    if (ended || freshStart) {
      kept.current = null;
      void store.clear();
      return;
    }
    const point = latestCheckpoint();
    const checkpoint = point?.checkpoint;
    if (!isRunActive(run) || !point || !checkpoint || checkpoint === kept.current || checkpoint.epoch !== epoch || !run.plan || !backend) return;
    kept.current = checkpoint;
    void store
      .save({
        spec: point.spec,
        seed: point.seed,
        backend,
        plan: run.plan,
        savedAt: Date.now(),
        checkpoint,
        batches: downsampleBatches(run.batches.filter((p) => p.step <= checkpoint.step)),
        epochs: run.epochs.filter((metrics) => metrics.epoch <= checkpoint.epoch),
      })
      .then((written) => {
        setProblem(written.ok ? null : written.message);
        if (written.ok) setKeptEpoch(checkpoint.epoch);
      });
    // Only a new checkpoint, a new run or a change of status is worth a write; batches arrive every second.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, epoch, status, runId, backend, latestCheckpoint]);

  const showing = isRunActive(run) || status === 'interrupted';
  // A stale number (an earlier run's) is never shown: it must be the current run's checkpoint.
  return { problem: showing ? problem : null, keptEpoch: showing && keptEpoch === epoch ? keptEpoch : null };
}
