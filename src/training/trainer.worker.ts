/// <reference lib="webworker" />
/** The training worker only routes: commands in, events out. All logic lives in TrainerSession. */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasm } from './backend.ts';
import type { TrainerCommand, TrainerEvent } from './protocol.ts';
import { TrainerSession } from './session.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
configureWasm({
  'tfjs-backend-wasm.wasm': new URL(wasmPlain, scope.location.href).href,
  'tfjs-backend-wasm-simd.wasm': new URL(wasmSimd, scope.location.href).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreadedSimd, scope.location.href).href,
}, scope);
const session = new TrainerSession((event: TrainerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer));
scope.onmessage = (message: MessageEvent<TrainerCommand>) => session.handle(message.data);
setInterval(() => scope.postMessage({ type: 'heartbeat' } satisfies TrainerEvent), 2000);
