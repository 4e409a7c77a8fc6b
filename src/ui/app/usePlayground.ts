/** The page's services, made once and started with the page: the training engine, the runs kept, the checkpoints kept. */
import { useEffect, useState } from 'react';
import { backendFromQuery, deviceKey, localStorageOrNull } from '../../engine/backendChoice.ts';
import { CheckpointKeeper, describeKeeping, type CheckpointKeeping } from '../../engine/checkpointKeeper.ts';
import { RunLedger, type RunList } from '../../engine/runLedger.ts';
import { TrainingEngine, type EngineSnapshot } from '../../engine/trainingEngine.ts';
import { openCheckpointStore } from '../../storage/checkpointStore.ts';
import { openRunStore } from '../../storage/runStore.ts';
import { useStoreSnapshot } from '../common/useStoreSnapshot.ts';

export interface Playground {
  readonly engine: TrainingEngine;
  readonly ledger: RunLedger;
  readonly snapshot: EngineSnapshot;
  readonly runs: RunList;
  readonly keeping: CheckpointKeeping;
}

function createServices() {
  const ledger = new RunLedger(() => openRunStore());
  const served = (path: string) => new URL(`${import.meta.env.BASE_URL}${path}`, window.location.href).href;
  const engine = new TrainingEngine({
    createWorker: () => new Worker(new URL('../../training/training.worker.ts', import.meta.url), { type: 'module', name: 'training' }),
    dataUrl: served('mnist/'),
    pretrainedUrl: served('pretrained/model.json'),
    backendForVisit: backendFromQuery(window.location.search),
    storage: localStorageOrNull(),
    deviceKey: deviceKey(navigator),
    nameNextRun: ledger.nameNextRun,
  });
  const keeper = new CheckpointKeeper(engine, () => openCheckpointStore(), 'locks' in navigator ? navigator.locks : null);
  return { engine, ledger, keeper };
}

/** Made in a state initializer (no side effects), started and stopped by an effect, as React may do twice in development. */
export function usePlayground(): Playground {
  const [{ engine, ledger, keeper }] = useState(createServices);
  useEffect(() => {
    void ledger.open();
    const unfollow = ledger.follow(engine);
    engine.start();
    keeper.start();
    return () => {
      keeper.dispose();
      unfollow();
      engine.dispose();
    };
  }, [engine, ledger, keeper]);
  const snapshot = useStoreSnapshot(engine);
  const runs = useStoreSnapshot(ledger);
  const kept = useStoreSnapshot(keeper);
  return { engine, ledger, snapshot, runs, keeping: describeKeeping(kept, snapshot.state.run) };
}
