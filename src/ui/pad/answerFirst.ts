/**
 * One drawing read answer-first. The worker gives the probabilities alone in about 0.4 ms (Node, wasm) and every
 * layer's feature maps in ~0.8 ms more (featureMapImages.ts), so the answer is asked for on its own and the maps after
 * it; while a newer drawing waits, the maps of this one are not asked for at all (the pad shows only the newest).
 */
import type { FeatureMapLayer, ModelSlot, ReplyTo } from '../../training/protocol.ts';

type PredictCommand = { readonly type: 'predict'; readonly slot: ModelSlot; readonly pixels: Float32Array; readonly featureMaps: boolean };
export type PredictReply = ReplyTo<PredictCommand>;

export interface AnswerFirstSteps {
  readonly ask: (command: PredictCommand) => Promise<PredictReply>;
  /** False once the pad was cleared or another model reads it: nothing more of this drawing is shown. */
  readonly stillShown: () => boolean;
  /** True while a newer drawing waits for its turn. */
  readonly newerWaiting: () => boolean;
  readonly answered: (answer: Extract<PredictReply, { type: 'prediction' }>) => void;
  readonly mapped: (featureMaps: readonly FeatureMapLayer[] | null) => void;
  readonly failed: (message: string) => void;
}

export async function readAnswerFirst(slot: ModelSlot, pixels: Float32Array, steps: AnswerFirstSteps): Promise<void> {
  const answer = await steps.ask({ type: 'predict', slot, pixels, featureMaps: false });
  if (!steps.stillShown()) return;
  if (answer.type !== 'prediction') return steps.failed(answer.message);
  steps.answered(answer);
  if (steps.newerWaiting()) return;
  const detailed = await steps.ask({ type: 'predict', slot, pixels, featureMaps: true });
  if (steps.stillShown() && detailed.type === 'prediction') steps.mapped(detailed.featureMaps);
}
