import { loadMnist, type MnistDataset } from '../data/loadMnist.ts';
import { assertNever } from '../domain/assertNever.ts';
import { describeError, withoutFullStop } from '../domain/describeError.ts';
import * as tf from '@tensorflow/tfjs';
import { startBackend, watchContextLoss } from './backend.ts';
import { measureBackends } from './backendProbe.ts';
import { answerExplain, type ExplainCommand } from './explainRequests.ts';
import { artifactsOf, firstLayerFilters, modelFromArtifacts, predictDigit } from './inference.ts';
import { answerMovedScores } from './movedScores.ts';
import type { BackendPreference, ModelSlot, WorkerCommand, WorkerEvent } from './protocol.ts';
import { runFineTune } from './fineTuneRun.ts';
import { checkCounts, checkHeld, ShippedDatasets, type RunData } from './runData.ts';
import { runTraining } from './trainingRun.ts';


/** The worker's state: one backend, the dataset once loaded, at most one run at a time, and the models that read digits. */
export class WorkerSession {
  private dataUrl = '';
  private readonly models = new Map<ModelSlot, tf.LayersModel>();
  private backendReady: Promise<boolean> | null = null;
  private dataset: Promise<MnistDataset | null> | null = null;
  private running = false;
  private paused = false;
  private stopRequested = false;
  private resumeWaiters: (() => void)[] = [];
  private backendLost: () => boolean = () => false;
  private watchLearning = true;
  private readonly shipped = new ShippedDatasets((progress) => this.emit({ type: 'data-progress', ...progress }));

  constructor(private readonly emit: (event: WorkerEvent, transfer?: Transferable[]) => void) {}

  handle(command: WorkerCommand): void {
    switch (command.type) {
      case 'init':
        this.dataUrl = command.dataUrl;
        this.watchLearning = command.watchLearning ?? true;
        this.backendReady = this.startBackend(command.backend);
        this.dataset = this.loadData();
        void this.loadPretrained(command.pretrainedUrl);
        return;
      case 'predict':
        void this.predict(command);
        return;
      case 'attribute':
      case 'explain-cell':
        void this.explain(command);
        return;
      case 'watch-learning':
        this.watchLearning = command.on;
        return;
      case 'use-model':
        void this.useModel(command.requestId, command.name, command.artifacts);
        return;
      case 'export-model':
        void this.exportModel(command.requestId);
        return;
      case 'score-moved':
        void this.scoreMoved(command);
        return;
      case 'load-data':
        this.dataset = this.loadData({ reload: true });
        return;
      case 'train':
        void this.train(command.runId, command);
        return;
      case 'pause':
        if (this.running) this.paused = true;
        return;
      case 'resume':
        this.paused = false;
        this.wakeWaiters();
        return;
      case 'stop':
        if (this.running) {
          this.stopRequested = true;
          this.paused = false;
          this.wakeWaiters();
        }
        return;
      default:
        assertNever(command);
    }
  }

  private wakeWaiters(): void {
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    waiters.forEach((wake) => wake());
  }

  private async startBackend(preference: BackendPreference): Promise<boolean> {
    try {
      const started = await startBackend(preference, measureBackends);
      this.emit({ type: 'backend', ...started });
      this.backendLost = watchContextLoss(() =>
        this.emit({ type: 'backend-lost', backend: started.backend, message: "the GPU was reset or reclaimed by the browser" }),
      );
      return true;
    } catch (error) {
      this.emit({ type: 'backend-error', message: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  /** Installs a model in a slot, disposing the one it replaces, and tells the page what the model's first layer learned. */
  private async install(slot: ModelSlot, model: tf.LayersModel, name: string, requestId: number | null): Promise<void> {
    const previous = this.models.get(slot);
    this.models.set(slot, model);
    if (previous && previous !== model) previous.dispose();
    const filters = await firstLayerFilters(model);
    this.emit({ type: 'model-ready', slot, name, requestId, filters }, filters ? [filters.pixels.buffer] : []);
  }

  private async loadPretrained(url: string): Promise<void> {
    if (!(await this.backendReady)) return;
    try {
      await this.install('pretrained', await tf.loadLayersModel(url), 'Pretrained chapter-5 model', null);
    } catch (error) {
      this.emit({ type: 'model-error', slot: 'pretrained', requestId: null, message: `The pretrained model could not be loaded: ${withoutFullStop(describeError(error))}.` });
    }
  }

  private async useModel(requestId: number, name: string, artifacts: Parameters<typeof modelFromArtifacts>[0]): Promise<void> {
    try {
      if (!(await this.backendReady)) throw new Error('the backend is not ready');
      await this.install('yours', await modelFromArtifacts(artifacts), name, requestId);
    } catch (error) {
      this.emit({ type: 'model-error', slot: 'yours', requestId, message: `This model could not be loaded: ${withoutFullStop(describeError(error))}.` });
    }
  }

  private async exportModel(requestId: number): Promise<void> {
    const model = this.models.get('yours');
    if (!model) {
      this.emit({ type: 'model-error', slot: 'yours', requestId, message: 'There is no trained model to save yet: train one first.' });
      return;
    }
    try {
      const artifacts = await artifactsOf(model);
      this.emit({ type: 'model-exported', requestId, artifacts }, [artifacts.weightData]);
    } catch (error) {
      this.emit({ type: 'model-error', slot: 'yours', requestId, message: `The model could not be exported: ${withoutFullStop(describeError(error))}.` });
    }
  }

  /** The slot's model, or null having told the page there is none. */
  private modelFor(slot: ModelSlot, requestId: number): tf.LayersModel | null {
    const model = this.models.get(slot);
    if (model) return model;
    const message = slot === 'yours' ? 'Train a model (or load a saved one) first.' : 'The pretrained model is not loaded.';
    this.emit({ type: 'model-error', slot, requestId, message });
    return null;
  }

  private async scoreMoved(command: Extract<WorkerCommand, { type: 'score-moved' }>): Promise<void> {
    const model = this.modelFor(command.slot, command.requestId);
    if (model) this.emit(await answerMovedScores(model, await this.dataset, command));
  }

  private async explain(command: ExplainCommand): Promise<void> {
    const model = this.modelFor(command.slot, command.requestId);
    if (!model) return;
    const { event, transfer } = await answerExplain(model, command);
    this.emit(event, transfer);
  }

  private async predict(command: Extract<WorkerCommand, { type: 'predict' }>): Promise<void> {
    const started = performance.now();
    const model = this.modelFor(command.slot, command.requestId);
    if (!model) return;
    try {
      const { probabilities, featureMaps } = await predictDigit(model, command.pixels, command.featureMaps);
      const inferenceMs = performance.now() - started;
      const transfer = [probabilities.buffer, ...(featureMaps ?? []).map((map) => map.pixels.buffer)];
      this.emit({ type: 'prediction', requestId: command.requestId, slot: command.slot, probabilities, featureMaps, inferenceMs }, transfer);
    } catch (error) {
      this.emit({ type: 'model-error', slot: command.slot, requestId: command.requestId, message: `The model could not read the image: ${withoutFullStop(describeError(error))}.` });
    }
  }

  private async loadData(options: { reload?: boolean } = {}): Promise<MnistDataset | null> {
    const started = performance.now();
    const result = await loadMnist(this.dataUrl, (progress) => this.emit({ type: 'data-progress', ...progress }), options);
    if (!result.ok) {
      this.emit({ type: 'data-error', message: result.message });
      return null;
    }
    const { dataset } = result;
    this.emit({
      type: 'data-ready',
      trainCount: dataset.trainLabels.length,
      testCount: dataset.testLabels.length,
      loadMs: performance.now() - started,
    });
    return dataset;
  }

  /** The run's data when it names some (checked against what the run asks for); null: MNIST. */
  private async runData({ data, spec }: Extract<WorkerCommand, { type: 'train' }>): Promise<RunData | null> {
    if (!data) return null;
    const result = data.kind === 'held' ? checkHeld(data.data) : await this.shipped.load(data);
    return result.ok ? checkCounts(result.dataset, spec, data.kind === 'held' ? data.data.info.title : data.info.title) : result;
  }

  private async train(runId: number, command: Extract<WorkerCommand, { type: 'train' }>): Promise<void> {
    // A second Train while a run is going is ignored: exactly one run at a time.
    if (this.running) return;
    this.running = true;
    this.paused = false;
    this.stopRequested = false;
    try {
      const [backendOk, mnist] = await Promise.all([this.backendReady, this.dataset]);
      const data = command.fineTune ? null : await this.runData(command);
      if (data && !data.ok) {
        this.emit({ type: 'run-failed', runId, message: data.message });
        return;
      }
      const dataset = data ? data.dataset : mnist;
      if (!backendOk || !dataset) {
        this.emit({ type: 'run-failed', runId, message: 'Training cannot start: the data or the backend is not ready.' });
        return;
      }
      const run = {
        runId,
        spec: command.spec,
        seed: command.seed,
        emit: this.emit,
        keepModel: (model: tf.LayersModel) => void this.install('yours', model, command.runName, null),
        control: {
          stopRequested: () => this.stopRequested,
          pauseRequested: () => this.paused,
          waitForResume: () => new Promise<void>((wake) => this.resumeWaiters.push(wake)),
          backendLost: () => this.backendLost(),
        },
      };
      const { fineTune } = command;
      const parent = fineTune && this.models.get(fineTune.from);
      if (fineTune && !parent) this.emit({ type: 'run-failed', runId, message: 'The model to fine-tune is not loaded any more: pick it on the pad and try again.' });
      else if (fineTune && parent) await runFineTune({ ...run, mnist: dataset, parent, setup: fineTune });
      else await runTraining({ ...run, resumeFrom: command.resumeFrom, dataset, watchLearning: () => this.watchLearning });
    } finally {
      this.running = false;
      this.paused = false;
    }
  }
}
