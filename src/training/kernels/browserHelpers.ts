/**
 * Helper threads for our GEMMs in the page: nested workers of the training worker (kernelHelper.worker.ts), ended
 * with it. One fewer than the machine's cores, so this thread and the helpers fill them; at most 7.
 */
import type { KernelHelperHost } from './kernelModule.ts';

const MAX_HELPERS = 7;

export function browserHelperHost(cores: number): KernelHelperHost {
  return {
    helpers: Math.max(0, Math.min(MAX_HELPERS, cores - 1)),
    spawn(start, onFailure) {
      const helper = new Worker(new URL('./kernelHelper.worker.ts', import.meta.url), { type: 'module', name: 'kernel-helper' });
      helper.onerror = onFailure;
      helper.onmessageerror = onFailure;
      helper.postMessage(start);
    },
  };
}
