/**
 * The shelf of trained models (IndexedDB): every finished run's model is saved here, listed, renamed, deleted, and
 * handed back to the worker. A fresh worker (first open, reload, restart) gets back the model in use, or the newest
 * one saved, so "your" model survives both.
 */
import { MNIST_REF, refOfDataset, whyModelDoesNotFit, type DatasetRef } from '../domain/datasetRef.ts';
import { describeError } from '../domain/describeError.ts';
import type { ModelStore, ModelStoreResult, SavedModel, SavedModelSummary } from '../storage/modelStore.ts';
import { newModelId } from '../storage/modelStore.ts';
import { describeLeftAlone } from '../storage/recordVersions.ts';
import { modelFilesFor, type ModelDownload } from '../storage/savedModelFiles.ts';
import type { EngineState, RunState } from './engineState.ts';
import { savedModelName, type RunIdentity } from './runIdentity.ts';
import type { TrainingEngine } from './trainingEngine.ts';

export interface ShelfView {
  readonly models: readonly SavedModelSummary[];
  /** The saved model the pad's "yours" is, when it is one. */
  readonly activeId: string | null;
  /** Why models cannot be kept, or what the last action could not do. */
  readonly problem: string | null;
  readonly notice: string | null;
  /** Saved models kept in this browser that are not listed (a newer version's, or unreadable), left as they are. */
  readonly leftAlone: string | null;
}

const KEPT_UNTIL_LEAVING = 'The model still reads your digits until you leave the page.';

export class ModelShelf {
  private store: ModelStore | null = null;
  private view: ShelfView = { models: [], activeId: null, problem: null, notice: null, leftAlone: null };
  private readonly renders = new Set<() => void>();
  private restoring = false;
  private opening: Promise<void> | null = null;
  /** The data in hand, as the page last said (follow); null until it knows, and nothing is restored meanwhile. */
  private current: DatasetRef | null = null;

  constructor(
    private readonly engine: TrainingEngine,
    private readonly openStore: () => Promise<ModelStoreResult>,
  ) {}

  /** Opens the store (once) and follows the engine: saves finished runs' models, restores "yours" to a fresh worker. */
  start(): () => void {
    this.opening ??= this.openOnce();
    const unfollowEnds = this.engine.onRunEnded(({ run, identity, backend }) => {
      if (run.status === 'finished') void this.saveTrained(run, identity, backend);
    });
    const unfollowActions = this.engine.onAction((_action, state) => this.restoreIfNeeded(state));
    return () => {
      unfollowEnds();
      unfollowActions();
    };
  }

  readonly subscribe = (render: () => void): (() => void) => {
    this.renders.add(render);
    return () => this.renders.delete(render);
  };

  readonly getSnapshot = (): ShelfView => this.view;

  /** current: the data in hand; a model made for other data is refused with the reason (the panel greys it too). */
  readonly use = async (id: string, current?: DatasetRef): Promise<void> => {
    const model = await this.load(id, 'That model is no longer saved (deleted in another tab?).');
    const unfit = model && current ? whyModelDoesNotFit(model.dataset, model.spec.layers, current) : null;
    if (model && unfit) return this.publish({ notice: null, problem: `“${model.name}” was not put to use: it was ${unfit}.` });
    if (model && (await this.install(model))) this.publish({ notice: `“${model.name}” now reads your digits.` });
  };

  /** The data in hand changed (or became known): a fresh worker gets back only a model made for it. */
  readonly follow = (current: DatasetRef | null): void => {
    this.current = current;
    this.restoreIfNeeded();
  };

  /** Why it could not be renamed, or null. */
  readonly rename = async (id: string, name: string): Promise<string | null> => {
    if (!this.store) return 'Saved models are not available in this browser.';
    const renamed = await this.store.rename(id, name);
    if (!renamed.ok) return renamed.message;
    await this.refresh();
    return null;
  };

  readonly remove = async (id: string): Promise<void> => {
    const removed = await this.store?.remove(id);
    if (!removed) return;
    if (!removed.ok) return this.publish({ problem: removed.message });
    if (id === this.view.activeId) this.publish({ activeId: null });
    await this.refresh();
  };

  /** The model as the files tfjs writes, or null (the problem is shown). */
  readonly filesOf = async (id: string): Promise<ModelDownload | null> => {
    const model = await this.load(id, 'That model is no longer saved.');
    return model && modelFilesFor(model);
  };

  /** Puts an uploaded (already validated) model on the pad, then on the shelf; one made for other data only on the shelf. */
  readonly add = async (model: SavedModel): Promise<void> => {
    this.publish({ problem: null });
    const unfit = this.current ? whyModelDoesNotFit(model.dataset, model.spec.layers, this.current) : null;
    if (unfit === null && !(await this.install(model))) return;
    if (this.store) {
      const saved = await this.store.save(model);
      if (!saved.ok) return this.publish({ problem: unfit ? saved.message : `${saved.message} The model reads your digits until you leave the page.` });
      await this.refresh();
    }
    this.publish({ notice: unfit ? `Saved “${model.name}” on the shelf: it was ${unfit}.` : `Loaded “${model.name}”: it now reads your digits.` });
  };

  /** An upload that was refused, with its reason. */
  readonly refuse = (message: string): void => this.publish({ notice: null, problem: message });

  private async openOnce(): Promise<void> {
    const opened = await this.openStore();
    if (!opened.ok) return this.publish({ problem: opened.message });
    this.store = opened.store;
    await this.refresh();
  }

  private async saveTrained(run: RunState, identity: RunIdentity, backend: string | null): Promise<void> {
    // The worker keeps the trained model before it reads this request: the export is the run's model.
    const answer = await this.engine.request({ type: 'export-model' });
    if (answer.type !== 'model-exported') return this.publish({ problem: answer.message });
    const now = Date.now();
    const model: SavedModel = {
      id: newModelId(now),
      name: savedModelName(identity.name, run, identity.dataset),
      spec: identity.spec,
      dataset: identity.dataset ? refOfDataset(identity.dataset) : MNIST_REF,
      testAccuracy: run.test?.accuracy ?? null,
      testCount: run.test?.count ?? null,
      backend,
      savedAt: now,
      origin: 'trained',
      ...answer.artifacts,
    };
    if (!this.store) return;
    const saved = await this.store.save(model);
    if (!saved.ok) return this.publish({ problem: `${saved.message} ${KEPT_UNTIL_LEAVING}` });
    this.publish({ activeId: model.id });
    await this.refresh();
  }

  /** The model in use, else the newest, made for the data in hand; none when none is (the panel greys them, saying why). */
  private restoreIfNeeded(state: EngineState = this.engine.getSnapshot().state): void {
    const current = this.current;
    if (!this.store || !current || state.backend === null || state.models.yours.status !== 'none' || this.restoring) return;
    const fits = (model: SavedModelSummary) => whyModelDoesNotFit(model.dataset, model.spec.layers, current) === null;
    const active = this.view.models.find((model) => model.id === this.view.activeId);
    const id = (active && fits(active) ? active : this.view.models.find(fits))?.id;
    if (!id) return;
    this.restoring = true;
    void this.store.load(id).then(async (loaded) => {
      if (loaded.ok && loaded.model) await this.install(loaded.model);
      this.restoring = false;
    });
  }

  private async install(model: SavedModel): Promise<boolean> {
    const answer = await this.engine.request({ type: 'use-model', name: model.name, artifacts: model });
    if (answer.type === 'model-ready') {
      this.publish({ activeId: model.id });
      return true;
    }
    this.publish({ problem: answer.message });
    return false;
  }

  private async load(id: string, gone: string): Promise<SavedModel | null> {
    const loaded = await this.store?.load(id);
    if (!loaded) return null;
    if (!loaded.ok) this.publish({ problem: loaded.message });
    else if (!loaded.model) this.publish({ problem: gone });
    return loaded.ok ? loaded.model : null;
  }

  private async refresh(): Promise<void> {
    if (!this.store) return;
    try {
      const { models, leftAlone } = await this.store.list();
      this.publish({ models, leftAlone: describeLeftAlone(leftAlone, 'saved model', 'saved models') });
    } catch (error) {
      // The database closed under the page (a newer version in another tab): say so, keep what is listed.
      return this.publish({ problem: describeError(error) });
    }
    this.restoreIfNeeded();
  }

  private publish(change: Partial<ShelfView>): void {
    this.view = { ...this.view, ...change };
    this.renders.forEach((render) => render());
  }
}
