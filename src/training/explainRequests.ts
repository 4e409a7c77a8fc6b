/** The worker's answers to the pad's questions about a drawn digit: what the model looked at, and how one number is computed. */
import { describeError, withoutFullStop } from '../domain/describeError.ts';
import type * as tf from '@tensorflow/tfjs';
import { attribute } from './attribution.ts';
import { explainCell } from './cellExplain.ts';
import type { WorkerCommand, WorkerEvent } from './protocol.ts';

export type ExplainCommand = Extract<WorkerCommand, { type: 'attribute' | 'explain-cell' }>;

/** The event answering the command, with the buffers to move to the page; never throws. */
export async function answerExplain(model: tf.LayersModel, command: ExplainCommand): Promise<{ event: WorkerEvent; transfer: Transferable[] }> {
  const { requestId, slot } = command;
  try {
    if (command.type === 'explain-cell') {
      const answer = await explainCell(model, command.pixels, command.layerIndex, command.position);
      return { event: { type: 'cell-explained', requestId, slot, answer }, transfer: [] };
    }
    const started = performance.now();
    const answer = await attribute(model, command.pixels, command.method, command.targetClass);
    if (!answer.ok) return { event: { type: 'model-error', slot, requestId, message: answer.message }, transfer: [] };
    const { values, targetClass, probability } = answer;
    const event: WorkerEvent = { type: 'attribution', requestId, slot, method: command.method, targetClass, probability, values, computeMs: performance.now() - started };
    return { event, transfer: [values.buffer] };
  } catch (error) {
    return { event: { type: 'model-error', slot, requestId, message: `The model could not explain the digit: ${withoutFullStop(describeError(error))}.` }, transfer: [] };
  }
}
