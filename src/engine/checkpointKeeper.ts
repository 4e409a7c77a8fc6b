/**
 * The one owner of checkpoints kept across reloads: it writes each checkpoint the worker sends to IndexedDB as the
 * event arrives, forgets it when the run ends or a new one starts, offers a kept one again when the page opens, and
 * holds a Web Lock while a run goes so that another tab does not offer that run as interrupted.
 */
import type { CheckpointStore, CheckpointStoreResult } from '../storage/checkpointStore.ts';
import type { TrainingCheckpoint } from '../training/protocol.ts';
import { downsampleBatches } from './downsampleBatches.ts';
import { isRunActive, type EngineAction, type EngineState, type RunState } from './engineState.ts';
import type { TrainingEngine } from './trainingEngine.ts';

export interface CheckpointKeeping {
  /** Why checkpoints cannot be kept, or why the last write failed. */
  readonly problem: string | null;
  /** The epoch whose checkpoint is safely in the browser's storage. */
  readonly keptEpoch: number | null;
  /** An interrupted run kept in this browser that this page does not offer (a newer version's, or damaged), left as it is. */
  readonly leftAlone: string | null;
}

/** The part of navigator.locks the keeper uses, so tests can hand it a fake. */
export interface RunLocks {
  request(name: string, hold: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: readonly { name?: string }[] }>;
}

/** Held by the tab whose run is going, so that another tab of the page does not offer that run as interrupted. */
const RUN_LOCK = 'convnet-playground-run';

export class CheckpointKeeper {
  private store: CheckpointStore | null = null;
  private keeping: CheckpointKeeping = { problem: null, keptEpoch: null, leftAlone: null };
  private kept: TrainingCheckpoint | null = null;
  private releaseLock: (() => void) | null = null;
  private readonly renders = new Set<() => void>();
  private unfollow: () => void = () => undefined;
  /** Counts starts and stops, so that a store opened for a keeper since stopped is left alone. */
  private generation = 0;

  constructor(
    private readonly engine: TrainingEngine,
    private readonly openStore: () => Promise<CheckpointStoreResult>,
    private readonly locks: RunLocks | null,
  ) {}

  /** Follows the engine's runs, and offers a run kept from an earlier visit. */
  start(): void {
    const generation = ++this.generation;
    const unfollowActions = this.engine.onAction((action, state, previous) => this.follow(action, state, previous));
    const unfollowEnds = this.engine.onRunEnded(() => this.forget());
    this.unfollow = () => {
      unfollowActions();
      unfollowEnds();
    };
    void this.openStore().then((opened) => (generation === this.generation ? this.opened(opened, generation) : undefined));
  }

  dispose(): void {
    this.generation++;
    this.unfollow();
    this.holdLock(false);
  }

  readonly subscribe = (render: () => void): (() => void) => {
    this.renders.add(render);
    return () => this.renders.delete(render);
  };

  readonly getSnapshot = (): CheckpointKeeping => this.keeping;

  private async opened(opened: CheckpointStoreResult, generation: number): Promise<void> {
    if (!opened.ok) return this.publish({ problem: opened.message });
    this.store = opened.store;
    const loaded = await opened.store.load();
    if (generation !== this.generation) return;
    if (loaded.kind === 'left-alone') return this.publish({ leftAlone: loaded.message });
    if (loaded.kind === 'none' || (await this.runGoingInAnotherTab())) return;
    const { stored } = loaded;
    this.kept = stored.checkpoint;
    this.publish({ keptEpoch: stored.checkpoint.epoch });
    this.engine.restoreInterrupted(stored);
  }

  private follow(action: EngineAction, state: EngineState, previous: EngineState): void {
    const { run } = state;
    if (isRunActive(run) !== isRunActive(previous.run)) this.holdLock(isRunActive(run));
    if (action.type === 'train-requested' && !action.resume) return this.forget();
    if (run && action.type === 'checkpoint' && action.runId === run.id && isRunActive(run)) void this.save(action.checkpoint, run, state);
  }

  /** A run that ended, or a new one, leaves nothing to resume. */
  private forget(): void {
    this.kept = null;
    void this.store?.clear();
  }

  private async save(checkpoint: TrainingCheckpoint, run: RunState, state: EngineState): Promise<void> {
    const identity = this.engine.getSnapshot().run;
    if (!this.store || !identity || !run.plan || !state.backend || checkpoint === this.kept) return;
    this.kept = checkpoint;
    const written = await this.store.save({
      runName: identity.name,
      spec: identity.spec,
      seed: identity.seed,
      backend: state.backend.name,
      plan: run.plan,
      savedAt: Date.now(),
      checkpoint,
      batches: downsampleBatches(run.batches.filter((p) => p.step <= checkpoint.step)),
      epochs: run.epochs.filter((metrics) => metrics.epoch <= checkpoint.epoch),
    });
    this.publish(written.ok ? { problem: null, keptEpoch: checkpoint.epoch } : { problem: written.message });
  }

  private holdLock(hold: boolean): void {
    this.releaseLock?.();
    this.releaseLock = null;
    if (!hold || !this.locks) return;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.releaseLock = release;
    this.locks.request(RUN_LOCK, () => held).catch(() => undefined);
  }

  private async runGoingInAnotherTab(): Promise<boolean> {
    try {
      const { held = [] } = (await this.locks?.query()) ?? {};
      return held.some((lock) => lock.name === RUN_LOCK);
    } catch {
      // No Web Locks (an old browser, an insecure context): offer the checkpoint, as the most likely case.
      return false;
    }
  }

  private publish(change: Partial<CheckpointKeeping>): void {
    this.keeping = { ...this.keeping, ...change };
    this.renders.forEach((render) => render());
  }
}

/** What the Training card says: only about the run going or interrupted, and only its own checkpoint's epoch. */
export function describeKeeping(keeping: CheckpointKeeping, run: RunState | null): CheckpointKeeping {
  const showing = isRunActive(run) || run?.status === 'interrupted';
  const epoch = run?.checkpoint?.epoch ?? null;
  return {
    problem: showing ? keeping.problem : null,
    keptEpoch: showing && keeping.keptEpoch === epoch ? keeping.keptEpoch : null,
    // Said while no run goes; a run's own refusal to keep checkpoints says the same in its problem.
    leftAlone: isRunActive(run) ? null : keeping.leftAlone,
  };
}
