import { useCallback, useState } from 'react';
import { digitMoves, moveImage } from '../../data/moveImages.ts';
import type { ModelStatus } from '../../engine/engineState.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import type { FeatureMapLayer, ModelSlot } from '../../training/protocol.ts';
import { COMPARED_SLOTS, useBothModelsTask } from './useBothModelsTask.ts';

const SIDE = 28;

/** One position of the learner's digit: what each model reads there, and the convnet's first-layer maps for it. */
export interface MovedReading {
  readonly label: string;
  /** Per model, in the order of MovedDigit.models: the digit read and its probability. */
  readonly reads: readonly { readonly digit: number; readonly probability: number }[];
  readonly firstMaps: FeatureMapLayer | null;
}

export interface MovedDigit {
  readonly models: readonly string[];
  readonly readings: readonly MovedReading[] | null;
  /** The first-layer filter that fires most on the centred digit (largest summed map), shown at every position. */
  readonly filter: number | null;
  readonly running: boolean;
  readonly problem: string | null;
  /** Null when it can run; else what to do first. */
  readonly missing: string | null;
  readonly run: () => void;
}

const toBytes = (pixels: Float32Array) => Uint8Array.from(pixels, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
const toUnit = (bytes: Uint8Array) => Float32Array.from(bytes, (v) => v / 255);

function best(probabilities: Float32Array) {
  let digit = 0;
  probabilities.forEach((p, i) => (p > (probabilities[digit] ?? 0) ? (digit = i) : undefined));
  return { digit, probability: probabilities[digit] ?? 0 };
}

/** The channel whose map sums highest. Maps come scaled per channel, so this is the filter active over most of the digit. */
export function strongestChannel(layer: FeatureMapLayer): number {
  const size = layer.height * layer.width;
  let [bestChannel, bestSum] = [0, -1];
  for (let c = 0; c < layer.channels; c++) {
    let sum = 0;
    for (let i = c * size; i < (c + 1) * size; i++) sum += layer.pixels[i] ?? 0;
    if (sum > bestSum) [bestChannel, bestSum] = [c, sum];
  }
  return bestChannel;
}

/** The learner's own digit (as the pad read it) moved about, read by both models through the worker's `predict`. */
export function useMovedDigit(request: EngineRequest, pixels: Float32Array | null, models: Readonly<Record<ModelSlot, ModelStatus>>): MovedDigit {
  // Kept with the drawing it measured: a new drawing hides the old measurements.
  const [result, setResult] = useState<{ pixels: Float32Array; readings: MovedReading[]; filter: number | null; models: string[] } | null>(null);
  const { names, running, problem, start } = useBothModelsTask(models);
  const missing = !pixels ? 'Draw a digit on the pad first.' : names.includes(null) ? 'Both models must be ready: the book’s convnet and your model in use.' : null;
  const run = useCallback(() => {
    if (!pixels) return;
    const bytes = toBytes(pixels);
    const ask = async () => {
      const readings: MovedReading[] = [];
      for (const move of digitMoves(bytes, SIDE)) {
        const moved = toUnit(moveImage(bytes, SIDE, move));
        const answers = await Promise.all(COMPARED_SLOTS.map((slot) => request({ type: 'predict', slot, pixels: moved, featureMaps: slot === 'pretrained' })));
        const failed = answers.find((answer) => answer.type !== 'prediction');
        if (failed) throw new Error(failed.type === 'model-error' ? failed.message : 'no prediction came back');
        const reads = answers.map((answer) => (answer.type === 'prediction' ? best(answer.probabilities) : { digit: 0, probability: 0 }));
        const first = answers[0]?.type === 'prediction' ? (answers[0].featureMaps?.find((layer) => layer.layerType === 'Conv2D') ?? null) : null;
        readings.push({ label: move.label, reads, firstMaps: first });
      }
      const centred = readings[0]?.firstMaps;
      return { readings, filter: centred ? strongestChannel(centred) : null };
    };
    const keep = ({ readings, filter }: { readings: MovedReading[]; filter: number | null }) =>
      setResult({ pixels, readings, filter, models: names.map((name, i) => name ?? COMPARED_SLOTS[i] ?? '') });
    start(ask, keep, 'Your digit could not be scored');
  }, [request, pixels, names, start]);
  const current = result?.pixels === pixels ? result : null;
  return { models: current?.models ?? [], readings: current?.readings ?? null, filter: current?.filter ?? null, running, problem, missing, run };
}
