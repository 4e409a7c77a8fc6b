/** Test support: a TrainingEngine over fake workers, with the events a real worker sends for a short run. */
import { DEFAULT_MODEL } from '../domain/defaults.ts';
import type { TrainingCheckpoint, WorkerEvent } from '../training/protocol.ts';
import { FakeWorker } from './fakeWorker.ts';
import { TrainingEngine } from './trainingEngine.ts';

export const SPEC = { ...DEFAULT_MODEL, training: { ...DEFAULT_MODEL.training, epochs: 2, trainSize: 128, testSize: 10 } };
export const PLAN = { fitSize: 128, validationSize: 0, batchesPerEpoch: 2, totalSteps: 4 };

export function checkpointAt(epoch: number): TrainingCheckpoint {
  return {
    epoch,
    step: epoch * 2,
    elapsedMs: epoch * 100,
    model: { modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(0) },
    optimizer: { weightSpecs: [], weightData: new ArrayBuffer(0) },
  };
}

export function epochEvents(runId: number, epoch: number): WorkerEvent[] {
  const progress = { step: epoch * 2, totalSteps: 4, epoch, epochs: 2, samplesPerSecond: 100, elapsedMs: epoch * 100, etaMs: null, numTensors: 10 };
  const points = [1, 2].map((i) => ({ epochProgress: epoch - 1 + i / 2, step: (epoch - 1) * 2 + i, loss: 2 / epoch, accuracy: 0.5 }));
  const metrics = { epoch, loss: 2 / epoch, accuracy: 0.5, valLoss: null, valAccuracy: null, samplesPerSecond: 100, elapsedMs: epoch * 100, etaMs: 0, numTensors: 10 };
  return [
    { type: 'batches', runId, points, progress },
    { type: 'epoch', runId, metrics },
    { type: 'checkpoint', runId, checkpoint: checkpointAt(epoch) },
  ];
}

export function finishedEvent(runId: number): WorkerEvent {
  const evaluation = { images: new Uint8Array(784), labels: Uint8Array.from([3]), probabilities: new Float32Array(10) };
  return { type: 'run-finished', runId, test: { loss: 0.3, accuracy: 0.9, count: 1 }, evaluation, elapsedMs: 400 };
}

/** An engine started over fake workers (the newest is `worker()`), ready: backend and data reported. */
export function startedEngine(nameNextRun: () => string = () => 'Run 7') {
  const workers: FakeWorker[] = [];
  const engine = new TrainingEngine({
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    dataUrl: 'data/',
    pretrainedUrl: 'model.json',
    backendForVisit: 'cpu',
    storage: null,
    deviceKey: 'test',
    nameNextRun,
  });
  engine.start();
  const worker = () => workers[workers.length - 1] as FakeWorker;
  const sendAll = (events: readonly WorkerEvent[]) => events.forEach((event) => worker().send(event));
  sendAll([
    { type: 'backend', backend: 'cpu', renderer: null, notice: null, threads: null, measurements: [], engine: 'tfjs' },
    { type: 'data-ready', trainCount: 60_000, testCount: 10_000, loadMs: 1 },
  ]);
  const trainCommands = () => workers.flatMap((w) => w.received).filter((command) => command.type === 'train');
  return { engine, workers, worker, sendAll, trainCommands };
}
