/// <reference lib="webworker" />
/** The training worker only routes: commands in, events out. All logic lives in TrainerSession. */
import type { TrainerCommand, TrainerEvent } from './protocol.ts';
import { TrainerSession } from './session.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new TrainerSession((event: TrainerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer));
scope.onmessage = (message: MessageEvent<TrainerCommand>) => session.handle(message.data);
