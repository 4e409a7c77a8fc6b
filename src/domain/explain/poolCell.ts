/** How one number of a pooling layer's output is computed: the window it reads and which input won the max, or their mean. */
import type { Padding, Pair } from '../modelSpec.ts';
import { inputWindow, windowValues, type Activations, type CellPosition, type InputWindow } from './windows.ts';

export type Pooling = 'max' | 'average';

export interface PoolLayerConfig {
  readonly pooling: Pooling;
  readonly poolSize: Pair;
  /** Keras' strides=None is the pool size; resolve it before asking. */
  readonly strides: Pair;
  readonly padding: Padding;
}

export interface PoolCellExplanation {
  readonly kind: 'pool';
  readonly pooling: Pooling;
  readonly position: CellPosition;
  readonly window: InputWindow;
  /** The window in the cell's channel, row by row; null on padding, which neither wins a max nor counts in a mean. */
  readonly inputs: readonly (number | null)[];
  /** Index in `inputs` of the max (the first, on a tie); null for average pooling. */
  readonly winner: number | null;
  /** How many inputs the mean divides by: the window's cells that lie on the input. */
  readonly counted: number;
  readonly value: number;
}

export function explainPoolCell(input: Activations, config: PoolLayerConfig, position: CellPosition): PoolCellExplanation {
  const window = inputWindow(input, position, config.poolSize, config.strides, config.padding);
  const inputs = windowValues(input, window, position.channel);
  let winner: number | null = null;
  let sum = 0;
  let counted = 0;
  inputs.forEach((value, i) => {
    if (value === null) return;
    counted++;
    sum += value;
    const best = winner === null ? null : inputs[winner];
    if (best === null || best === undefined || value > best) winner = i;
  });
  const value = config.pooling === 'max' ? (winner === null ? 0 : (inputs[winner] ?? 0)) : counted > 0 ? sum / counted : 0;
  return { kind: 'pool', pooling: config.pooling, position, window, inputs, winner: config.pooling === 'max' ? winner : null, counted, value };
}
