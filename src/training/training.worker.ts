/// <reference lib="webworker" />
/**
 * Room src/training/: the worker — the only importer of tfjs; protocol.ts is its one contract with the page.
 * The training worker only routes: commands in, events out. All logic lives in WorkerSession.
 */
import '../domain/zodWithoutEval.ts';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasm } from './backend.ts';
import { browserHelperHost } from './kernels/browserHelpers.ts';
import { setKernelHelperHost } from './kernels/kernelModule.ts';
import type { WorkerCommand, WorkerEvent } from './protocol.ts';
import { WorkerSession } from './workerSession.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Before configureWasm, which doubles hardwareConcurrency for tfjs' pool.
setKernelHelperHost(browserHelperHost(scope.navigator.hardwareConcurrency));
configureWasm({
  'tfjs-backend-wasm.wasm': new URL(wasmPlain, scope.location.href).href,
  'tfjs-backend-wasm-simd.wasm': new URL(wasmSimd, scope.location.href).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreadedSimd, scope.location.href).href,
}, scope);
const session = new WorkerSession((event: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer));
scope.onmessage = (message: MessageEvent<WorkerCommand>) => session.handle(message.data);
setInterval(() => scope.postMessage({ type: 'heartbeat' } satisfies WorkerEvent), 2000);
