/**
 * Room src/domain/lesson/: the guided chapter-5 lesson as plain TypeScript — its steps, their texts, and the checks
 * that read the real page's state (never the lesson's own clicks).
 * What the lesson reads of the page: the edited layers and their printed summary, the saved runs, the pad's reading.
 */
import type { LayerSpec } from '../modelSpec.ts';
import type { DatasetId } from '../datasets.ts';

export interface LessonRun {
  readonly name: string;
  readonly layers: readonly LayerSpec[];
  readonly status: 'finished' | 'stopped' | 'failed';
  /** Test accuracy in [0, 1], null when the run was not scored. */
  readonly testAccuracy: number | null;
  readonly trainSize: number;
  readonly testSize: number;
  /** Shown on the charts beside the current run. */
  readonly overlaid: boolean;
  /** Test accuracy of each class, and the confusion matrix (rows: true class, columns: read as); absent when not kept. */
  readonly perClassAccuracy?: readonly number[] | null;
  readonly confusion?: readonly (readonly number[])[] | null;
}

export interface LessonPageState {
  readonly layers: readonly LayerSpec[];
  /** The Keras 2 summary the page prints for the edited model; null while it cannot be built. */
  readonly summary: string | null;
  /** Saved runs, newest first. */
  readonly runs: readonly LessonRun[];
  /** What the draw pad reads now, with which model, and the 28×28 input it read (0–1); null when the pad is empty. */
  readonly padReading: { readonly digit: number; readonly modelName: string; readonly pixels: Float32Array } | null;
  /** The deeper convolution whose feature maps the hierarchies step shows for the learner's digit; null before one is. */
  readonly deeperMapsShown?: string | null;
  /** The data the page trains on now (the dataset picker's choice); absent where the page has no picker. */
  readonly datasetId?: DatasetId | null;
  /** The experiment's measurements once run: each model's accuracy under each of EXPERIMENT_MOVES. */
  readonly experiment?: ExperimentScores | null;
}

/** How the experiment moves the test images: dx right, dy down in pixels, then a scale about the centre. */
export interface ExperimentMove {
  readonly dx: number;
  readonly dy: number;
  readonly scale: number;
  readonly label: string;
}

export const EXPERIMENT_MOVES: readonly ExperimentMove[] = [
  { dx: 0, dy: 0, scale: 1, label: 'as they are' },
  { dx: 2, dy: 2, scale: 1, label: 'shifted 2 px right and down' },
  { dx: 4, dy: 4, scale: 1, label: 'shifted 4 px right and down' },
  { dx: -4, dy: 0, scale: 1, label: 'shifted 4 px left' },
  { dx: 0, dy: 0, scale: 0.75, label: 'scaled to 75%' },
];

export interface ExperimentScores {
  /** How many test images each accuracy is over. */
  readonly count: number;
  /** accuracies[i]: under EXPERIMENT_MOVES[i]. */
  readonly models: readonly { readonly name: string; readonly accuracies: readonly number[] }[];
}

export interface StepCheck {
  readonly passed: boolean;
  /** What the page shows now, in a sentence: what is right, or what is still missing. */
  readonly message: string;
}

/** Two layer specs are the same layer when every setting is equal (key order aside). */
export function sameLayer(a: LayerSpec | undefined, b: LayerSpec | undefined): boolean {
  if (!a || !b) return false;
  const entries = (layer: LayerSpec) => JSON.stringify(Object.entries(layer).sort(([x], [y]) => x.localeCompare(y)));
  return entries(a) === entries(b);
}

export function sameLayers(a: readonly LayerSpec[], b: readonly LayerSpec[]): boolean {
  return a.length === b.length && a.every((layer, i) => sameLayer(layer, b[i]));
}

/** How many layers from the top of the stack match the target's, in order. */
export function matchingPrefix(layers: readonly LayerSpec[], target: readonly LayerSpec[]): number {
  let count = 0;
  while (count < layers.length && count < target.length && sameLayer(layers[count], target[count])) count++;
  return count;
}
