/** Helper threads in Node (worker_threads running kernelHelper.node.fixture.ts through tsx), for tests and the bench. */
import { Worker } from 'node:worker_threads';
import type { KernelHelperHost } from './kernelModule.ts';

const helperEntry = new URL('./kernelHelper.node.fixture.ts', import.meta.url).href;
// A worker's execArgv does not carry tsx's loader into it: the worker registers tsx itself, then loads the TypeScript.
const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(helperEntry)}); });`;

export function nodeHelperHost(helpers: number): KernelHelperHost & { stop(): Promise<void> } {
  const workers: Worker[] = [];
  return {
    helpers,
    spawn(start, onFailure) {
      const worker = new Worker(bootstrap, { eval: true });
      worker.on('error', onFailure);
      worker.postMessage(start);
      workers.push(worker);
    },
    async stop() {
      await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
    },
  };
}
