/** kernelHelper.worker.ts for Node's worker_threads: what tests and the bench start as a helper thread. */
import { parentPort } from 'node:worker_threads';
import type { KernelHelperStart } from './kernelModule.ts';
import { serveJobs } from './kernelTeam.ts';

parentPort!.once('message', (data: KernelHelperStart) => {
  const instance = new WebAssembly.Instance(data.module, { env: { memory: data.memory } });
  serveJobs(data.control, data.helper, instance.exports as never);
});
