/** Test support: a worker the tests drive by hand, for the supervisor and the engine. */
import type { WorkerCommand, WorkerEvent } from '../training/protocol.ts';
import type { SupervisedWorker } from './workerSupervisor.ts';

export class FakeWorker implements SupervisedWorker {
  onmessage: ((message: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((error: ErrorEvent) => void) | null = null;
  readonly received: WorkerCommand[] = [];
  terminated = false;
  postMessage(command: WorkerCommand): void {
    this.received.push(command);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(event: WorkerEvent): void {
    this.onmessage?.({ data: event } as MessageEvent<WorkerEvent>);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
  }
}
