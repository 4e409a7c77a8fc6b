/**
 * tfjs-backend-webgpu, loaded only when the probe measures WebGPU or the person asked for it: a dynamic import, so the
 * worker's first load does not carry it (its own chunk in the build), and a machine without a usable adapter never
 * fetches it.
 */
import * as tf from '@tensorflow/tfjs';

let loaded: Promise<unknown> | null = null;

/** Registers the 'webgpu' backend with tfjs (its module does so as it loads); once per worker. */
export function loadWebGpuBackend(): Promise<unknown> {
  loaded ??= import('@tensorflow/tfjs-backend-webgpu').catch((error: unknown) => {
    loaded = null;
    throw error;
  });
  return loaded;
}

type DeviceHolder = { device?: { lost?: Promise<{ reason?: string }> } };

/**
 * Calls `onLost` once when the GPU device is lost (driver reset, the browser reclaiming it), and returns a check that
 * sees the loss as soon as the promise settles; WebGPU has no synchronous "is lost" flag.
 */
export function watchDeviceLoss(onLost: () => void): () => boolean {
  const lost = (tf.backend() as unknown as DeviceHolder).device?.lost;
  if (!lost) return () => false;
  let isLost = false;
  void lost.then((info) => {
    // 'destroyed' is our own doing (tfjs disposing the backend), not a loss to recover from.
    if (info.reason === 'destroyed') return;
    isLost = true;
    onLost();
  });
  return () => isLost;
}
