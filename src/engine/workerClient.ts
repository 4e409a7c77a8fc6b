/**
 * Requests to the training worker and their replies, matched by id: `request` resolves with an event of the types
 * protocol.ts's RequestReplies names for that command, known at compile time.
 */
import type { ReplyTo, RequestCommand, WorkerCommand, WorkerEvent } from '../training/protocol.ts';

export interface WorkerClient {
  /** Never rejects: a worker that is gone, or goes before it answers, is answered by a model-error. */
  request<C extends RequestCommand>(command: C): Promise<ReplyTo<C>>;
  /** Hands an event to the request it answers; false when it answers none. */
  receive(event: WorkerEvent): boolean;
  /** Answers every outstanding request with this message: the worker they were sent to is gone. */
  abandon(message: string): void;
}

type Answer = (event: WorkerEvent) => void;

/** `send` posts a command to the current worker; false when there is none. */
export function createWorkerClient(send: (command: WorkerCommand) => boolean): WorkerClient {
  let nextRequestId = 1;
  const pending = new Map<number, Answer>();
  const failure = (requestId: number, message: string) => ({ type: 'model-error', slot: 'yours', requestId, message }) as const;

  return {
    request<C extends RequestCommand>(command: C): Promise<ReplyTo<C>> {
      const requestId = nextRequestId++;
      return new Promise<ReplyTo<C>>((resolve) => {
        // The worker answers a command with one of its reply types only (protocol.ts): the cast states that contract.
        pending.set(requestId, (event) => resolve(event as ReplyTo<C>));
        // Copied, not transferred: the caller may keep what it sent (a saved model's weights).
        if (send({ ...command, requestId } as WorkerCommand)) return;
        pending.delete(requestId);
        resolve(failure(requestId, 'The training engine is not running. Reload the page.') as ReplyTo<C>);
      });
    },
    receive(event) {
      if (!('requestId' in event) || event.requestId === null) return false;
      const answer = pending.get(event.requestId);
      pending.delete(event.requestId);
      answer?.(event);
      return answer !== undefined;
    },
    abandon(message) {
      const waiting = [...pending.entries()];
      pending.clear();
      waiting.forEach(([requestId, answer]) => answer(failure(requestId, message)));
    },
  };
}
