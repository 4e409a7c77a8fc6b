import { useCallback, useEffect, useRef, useState } from 'react';
import { confusionMatrix, perClassAccuracy, predictClasses } from '../spec/evaluation.ts';
import type { ModelSpec } from '../spec/types.ts';
import type { BackendName } from '../training/protocol.ts';
import { downsampleBatches } from './chartData.ts';
import { openRunStore, type RunRecord, type RunStore } from './runStore.ts';
import type { RunState } from './trainerState.ts';

export interface Runs {
  readonly runs: readonly RunRecord[];
  /** Why runs cannot be kept, or why the last save failed. */
  readonly problem: string | null;
  readonly overlaid: ReadonlySet<string>;
  readonly toggleOverlay: (id: string) => void;
  readonly remove: (id: string) => void;
}

/** Builds the record of a run that has ended, with what is needed to compare it later. */
export function recordOfRun(run: RunState, spec: ModelSpec, backend: BackendName, number: number, now = Date.now()): RunRecord | null {
  if (run.status !== 'finished' && run.status !== 'stopped' && run.status !== 'failed') return null;
  if (run.batches.length === 0) return null;
  const matrix = run.evaluation ? confusionMatrix(run.evaluation.labels, predictClasses(run.evaluation.probabilities)) : null;
  const accuracy = run.test ? ` · ${(run.test.accuracy * 100).toFixed(1)}%` : '';
  return {
    id: `run-${now}-${run.id}`,
    name: `Run ${number}: ${spec.layers.length} layers, ${spec.training.trainSize.toLocaleString('en-US')} images${accuracy}`,
    createdAt: now,
    spec,
    backend,
    durationMs: run.elapsedMs ?? run.progress?.elapsedMs ?? 0,
    batches: downsampleBatches(run.batches),
    epochs: run.epochs,
    test: run.test,
    perClassAccuracy: matrix ? perClassAccuracy(matrix).map((a) => a ?? NaN) : null,
    confusion: matrix,
    status: run.status,
  };
}

/** Every ended run, kept in IndexedDB: listed newest first, overlaid on the charts on request, deletable. */
export function useRuns(run: RunState | null, runSpec: ModelSpec | null, backend: BackendName | null): Runs {
  const [store, setStore] = useState<RunStore | null>(null);
  const [runs, setRuns] = useState<readonly RunRecord[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [overlaid, setOverlaid] = useState<ReadonlySet<string>>(new Set());
  const saved = useRef(new Set<number>());

  useEffect(() => {
    let cancelled = false;
    void openRunStore().then(async (opened) => {
      if (cancelled) return;
      if (!opened.ok) return setProblem(opened.message);
      setStore(opened.store);
      setRuns(await opened.store.list());
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!store || !run || !runSpec || !backend || saved.current.has(run.id)) return;
    const record = recordOfRun(run, runSpec, backend, runs.length + 1);
    if (!record) return;
    saved.current.add(run.id);
    store
      .save(record)
      .then(() => store.list())
      .then(setRuns)
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, [store, run, runSpec, backend, runs.length]);

  const toggleOverlay = useCallback((id: string) => {
    setOverlaid((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const remove = useCallback(
    (id: string) => {
      if (!store) return;
      store
        .remove(id)
        .then(() => store.list())
        .then(setRuns)
        .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
    },
    [store],
  );
  return { runs, problem, overlaid, toggleOverlay, remove };
}
