/** How the pad's maps were made before featureMapImages.ts, in tfjs ops: the oracle its plain loop must reproduce. */
import * as tf from '@tensorflow/tfjs';

/** Each channel of a [height, width, channels] activation scaled to 0–255 on its own range, as channels × height × width. */
export async function scaledByTfjsOps(activation: tf.Tensor3D): Promise<Uint8ClampedArray> {
  const images = tf.tidy(() => {
    const low = activation.min([0, 1], true);
    const range = activation.max([0, 1], true).sub(low).maximum(1e-6);
    return activation.sub(low).div(range).mul(255).transpose([2, 0, 1]);
  });
  const pixels = Uint8ClampedArray.from(await images.data());
  images.dispose();
  return pixels;
}
