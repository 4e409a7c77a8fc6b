/**
 * A helper thread for our GEMMs (kernelTeam.ts): instantiates the kernels it is sent on tfjs' shared heap and serves
 * the team's jobs until the training worker that started it ends.
 */
import type { KernelHelperStart } from './kernelModule.ts';
import { serveJobs } from './kernelTeam.ts';

self.onmessage = ({ data }: MessageEvent<KernelHelperStart>) => {
  const instance = new WebAssembly.Instance(data.module, { env: { memory: data.memory } });
  serveJobs(data.control, data.helper, instance.exports as never);
};
