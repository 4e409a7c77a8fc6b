/** What the page can ask the worker to explain about a drawn digit, and the answers' shapes. */
import type { ConvCellExplanation } from './convCell.ts';
import type { DenseUnitExplanation } from './denseUnit.ts';
import type { PoolCellExplanation } from './poolCell.ts';

/** The attribution methods, in the order the page offers them. */
export const ATTRIBUTION_METHODS = ['gradient-input', 'integrated-gradients', 'occlusion', 'grad-cam'] as const;
export type AttributionMethod = (typeof ATTRIBUTION_METHODS)[number];

/** Gradient methods are cheap enough to follow the pen; occlusion runs the model once per patch, so it waits for the pen to lift. */
export const FOLLOWS_THE_PEN: Readonly<Record<AttributionMethod, boolean>> = {
  'gradient-input': true,
  'integrated-gradients': true,
  occlusion: false,
  'grad-cam': true,
};

export type CellExplanation = ConvCellExplanation | PoolCellExplanation | DenseUnitExplanation;

/** Where a cell's inputs come from: the image itself (layer −1) or an earlier layer's output. */
export interface ExplanationSource {
  readonly layerIndex: number;
  readonly layerName: string;
  readonly layerType: string;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** One number of a layer explained from the real model, with tfjs' own value for it; or why that layer has none. */
export type CellAnswer =
  | {
      readonly ok: true;
      readonly layerIndex: number;
      readonly layerName: string;
      readonly layerType: string;
      readonly explanation: CellExplanation;
      /** The cell's value as tfjs computed it: the explained sum should equal it to float precision. */
      readonly modelValue: number;
      readonly source: ExplanationSource;
    }
  | { readonly ok: false; readonly message: string };
