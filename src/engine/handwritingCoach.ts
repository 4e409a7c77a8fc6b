/**
 * The person's handwriting, on the page's side: their examples (kept, removed, imported and exported as MNIST files),
 * the fine-tune that learns from them (a run of the engine), and the before → after comparison it leaves, kept across
 * reloads. No React: the UI subscribes to its view.
 */
import { encodeExampleFiles, EXAMPLE_PIXELS, readExampleFiles, type NamedBytes } from '../data/exampleFiles.ts';
import { describeError } from '../domain/describeError.ts';
import { checkFineTuneExamples, type FineTuneComparison, type FineTuneSettings } from '../domain/fineTune.ts';
import { withIndefiniteArticle } from '../domain/indefiniteArticle.ts';
import type { ExamplesStore, ExamplesStoreResult, HandwritingExample, PadStroke } from '../storage/examplesStore.ts';
import { newExampleId } from '../storage/examplesStore.ts';
import { describeLeftAlone } from '../storage/recordVersions.ts';
import { isRunActive } from './engineState.ts';
import { compareFineTune, fineTuneName, planFineTune, type FineTuneParent, type PlannedFineTune } from './fineTuneSetup.ts';
import { savedModelName, type EndedRun } from './runIdentity.ts';
import type { EngineAction } from './engineState.ts';
import type { TrainingEngine } from './trainingEngine.ts';

export interface HandwritingView {
  /** null until the store has been read. */
  readonly examples: readonly HandwritingExample[] | null;
  /** Why examples cannot be kept, or what the last action could not do. */
  readonly problem: string | null;
  readonly notice: string | null;
  /** Records kept in the browser that this page does not read. */
  readonly leftAlone: string | null;
  readonly comparison: FineTuneComparison | null;
  /** The run id of the fine-tune going, while one is. */
  readonly fineTuneRunId: number | null;
}

/** A drawing to keep, as the pad has it: the network's input (0–1) and the strokes, in fractions of the pad. */
export interface DrawnDigit {
  readonly label: number;
  readonly pixels: Float32Array;
  readonly strokes: readonly PadStroke[];
  readonly readAs: number | null;
}

const KEPT_NOTHING = 'Nothing was changed.';

export class HandwritingCoach {
  private store: ExamplesStore | null = null;
  private view: HandwritingView = { examples: null, problem: null, notice: null, leftAlone: null, comparison: null, fineTuneRunId: null };
  private readonly renders = new Set<() => void>();
  private going: (PlannedFineTune & { readonly runId: number; readonly parentName: string }) | null = null;
  private opening: Promise<void> | null = null;

  constructor(
    private readonly engine: TrainingEngine,
    private readonly openStore: () => Promise<ExamplesStoreResult>,
  ) {}

  start(): () => void {
    this.opening ??= this.openOnce();
    const unfollowActions = this.engine.onAction((action) => this.follow(action));
    const unfollowEnds = this.engine.onRunEnded((ended) => this.ended(ended));
    return () => {
      unfollowActions();
      unfollowEnds();
    };
  }

  readonly subscribe = (render: () => void): (() => void) => {
    this.renders.add(render);
    return () => this.renders.delete(render);
  };

  readonly getSnapshot = (): HandwritingView => this.view;

  /** Keeps a drawing as an example; null, or why it could not (shown where the person is looking). */
  readonly keep = async (drawn: DrawnDigit): Promise<string | null> => {
    const now = Date.now();
    const pixels = Uint8Array.from(drawn.pixels, (value) => Math.round(Math.min(1, Math.max(0, value)) * 255));
    const example: HandwritingExample = { id: newExampleId(now), label: drawn.label, pixels, strokes: drawn.strokes, readAs: drawn.readAs, createdAt: now, source: 'drawn' };
    return this.add([example], `Kept as ${withIndefiniteArticle(String(drawn.label))}.`);
  };

  readonly remove = async (id: string): Promise<void> => {
    const removed = await this.store?.remove(id);
    if (removed && !removed.ok) return this.publish({ problem: removed.message, notice: null });
    await this.refresh({ problem: null, notice: null });
  };

  /** Adds both files' examples, all or none; refused files are named with the reason. */
  readonly importFiles = async (files: readonly NamedBytes[]): Promise<void> => {
    const read = readExampleFiles(files);
    if (!read.ok) return this.publish({ problem: `${read.message} ${KEPT_NOTHING}`, notice: null });
    const now = Date.now();
    const { images, labels } = read.value;
    const examples = Array.from(labels, (label, i): HandwritingExample => ({
      id: newExampleId(now, i),
      label,
      pixels: images.slice(i * EXAMPLE_PIXELS, (i + 1) * EXAMPLE_PIXELS),
      strokes: [],
      readAs: null,
      createdAt: now + i / 1000,
      source: 'imported',
    }));
    await this.add(examples, `Imported ${examples.length.toLocaleString('en-US')} ${examples.length === 1 ? 'example' : 'examples'}.`);
  };

  /** The examples as MNIST-format idx3 images and idx1 labels, or null when there are none. */
  readonly exportFiles = (): { readonly images: Uint8Array; readonly labels: Uint8Array } | null => {
    const examples = this.view.examples ?? [];
    if (examples.length === 0) return null;
    const images = new Uint8Array(examples.length * EXAMPLE_PIXELS);
    examples.forEach((example, i) => images.set(example.pixels, i * EXAMPLE_PIXELS));
    return encodeExampleFiles({ images, labels: Uint8Array.from(examples, (example) => example.label) });
  };

  /** Starts a fine-tune from `parent`; null, or why it cannot start. */
  readonly fineTune = (parent: FineTuneParent, settings: FineTuneSettings): string | null => {
    const examples = this.view.examples ?? [];
    const refused = checkFineTuneExamples(examples);
    if (refused) return refused;
    const { state } = this.engine.getSnapshot();
    if (isRunActive(state.run)) return 'A run is going: wait for it to end, or stop it, then fine-tune.';
    if (state.data.status !== 'ready') return 'MNIST is still loading: the fine-tune mixes it in, so it starts once MNIST is ready.';
    const planned = planFineTune(examples, parent, settings, state.data.testCount);
    this.engine.fineTune(fineTuneName(parent.name), planned.spec, planned.setup);
    const run = this.engine.getSnapshot().state.run;
    if (!run) return 'The training engine is not running. Reload the page.';
    this.going = { ...planned, runId: run.id, parentName: parent.name };
    void this.store?.saveMark({ startedAt: Date.now(), parentName: parent.name });
    this.publish({ fineTuneRunId: run.id, problem: null, notice: null });
    return null;
  };

  private async add(examples: readonly HandwritingExample[], done: string): Promise<string | null> {
    if (!this.store) return this.view.problem ?? 'Your examples cannot be kept in this browser.';
    const added = await this.store.add(examples);
    if (!added.ok) {
      this.publish({ problem: added.message, notice: null });
      return added.message;
    }
    await this.refresh({ problem: null, notice: done });
    return null;
  }

  private async openOnce(): Promise<void> {
    const opened = await this.openStore();
    if (!opened.ok) return this.publish({ problem: opened.message, examples: [] });
    this.store = opened.store;
    const [comparison, mark] = await Promise.all([opened.store.loadComparison(), opened.store.loadMark()]);
    const cutShort = mark
      ? `A fine-tune from “${mark.parentName}” was cut short when the page closed or reloaded. Your examples are kept and “${mark.parentName}” is unchanged: press Fine-tune to start again.`
      : null;
    if (mark) await opened.store.saveMark(null);
    await this.refresh({ comparison, notice: cutShort });
  }

  private follow(action: EngineAction): void {
    const going = this.going;
    if (!going || action.type !== 'run-finished' || action.runId !== going.runId || !action.fineTune) return;
    const run = this.engine.getSnapshot().state.run;
    const modelName = run ? savedModelName(fineTuneName(going.parentName), { ...run, test: action.test }) : fineTuneName(going.parentName);
    const comparison = compareFineTune(going, action.fineTune, action.test, { modelName, parentName: going.parentName }, Date.now());
    this.publish({ comparison });
    void this.store?.saveComparison(comparison).then((saved) => (saved.ok ? undefined : this.publish({ problem: saved.message })));
  }

  private ended({ run }: EndedRun): void {
    if (!this.going || run.id !== this.going.runId) return;
    const parent = this.going.parentName;
    this.going = null;
    void this.store?.saveMark(null);
    const notice =
      run.status === 'finished'
        ? null
        : `The fine-tune ${run.status === 'stopped' ? 'was stopped' : 'did not finish'}: your examples are kept and “${parent}” is unchanged. Press Fine-tune to start again.`;
    this.publish({ fineTuneRunId: null, notice });
  }

  private async refresh(change: Partial<HandwritingView> = {}): Promise<void> {
    if (!this.store) return this.publish(change);
    try {
      const { examples, leftAlone } = await this.store.list();
      this.publish({ ...change, examples, leftAlone: describeLeftAlone(leftAlone, 'example', 'examples') });
    } catch (error) {
      this.publish({ ...change, problem: describeError(error) });
    }
  }

  private publish(change: Partial<HandwritingView>): void {
    this.view = { ...this.view, ...change };
    this.renders.forEach((render) => render());
  }
}
