import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { BackendName, BackendPreference } from './protocol.ts';

export interface ActiveBackend {
  readonly backend: BackendName;
  readonly renderer: string | null;
  /** Why the preferred backend is not the one in use, if it is not. */
  readonly notice: string | null;
}

/**
 * The order to try backends in. wasm cannot train convnets as tfjs ships it (no Conv2DBackpropFilter kernel),
 * so training falls back from WebGL straight to the cpu backend.
 */
export function backendOrder(preference: BackendPreference): BackendName[] {
  if (preference === 'cpu') return ['cpu'];
  return ['webgl', 'cpu'];
}

function webglRenderer(): string | null {
  try {
    const gl = (tf.backend() as MathBackendWebGL).gpgpu.gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

/** Starts the first backend that works, checking it with one real op rather than trusting setBackend alone. */
export async function startBackend(preference: BackendPreference): Promise<ActiveBackend> {
  const failures: string[] = [];
  for (const name of backendOrder(preference)) {
    try {
      if (!(await tf.setBackend(name))) throw new Error('it is not available here');
      await tf.ready();
      const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
      const [value] = await probe.data();
      probe.dispose();
      if (value !== 3) throw new Error('it computed 1 + 2 wrongly');
      const notice = failures.length > 0 ? `Using ${name}: ${failures.join('; ')}.` : null;
      return { backend: name, renderer: name === 'webgl' ? webglRenderer() : null, notice };
    } catch (error) {
      failures.push(`${name} could not start (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${failures.join('; ')}.`);
}
