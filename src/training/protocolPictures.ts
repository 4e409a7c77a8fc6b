/**
 * Part of protocol.ts, which re-exports it (import from there): the pictures of a model the worker sends, for the
 * draw pad and for watching a run learn.
 */

/** One layer's activations for the drawn digit: `pixels` is channels × height × width, each channel scaled to 0–255. */
export interface FeatureMapLayer {
  /** The layer's index in the model, by which the page asks about one of its cells. */
  readonly layerIndex: number;
  readonly layerName: string;
  readonly layerType: string;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly pixels: Uint8ClampedArray;
}

/** The first Conv2D's kernels as count × height × width, each scaled to 0–255. */
export interface FilterImages {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly pixels: Uint8ClampedArray;
}

/** What the model under training looks like at one moment: its first filters and what its layers make of one fixed test digit. */
export interface LearningFrame {
  /** Completed epochs: 0 is before the first batch. */
  readonly epoch: number;
  readonly step: number;
  readonly filters: FilterImages | null;
  readonly featureMaps: readonly FeatureMapLayer[];
  /** The fixed test digit (the first test image), 0–255, and its label. */
  readonly digit: { readonly pixels: Uint8Array; readonly label: number };
  readonly probabilities: Float32Array;
  /** Worker time spent making this frame: what watching costs training, frame by frame. */
  readonly computeMs: number;
}
