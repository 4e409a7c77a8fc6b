/** A decoded image's RGBA pixels to the bytes a model reads: greyscale (one channel) or colour (three), channels last. */

/** ITU-R 601 luma, the weights tf.image.rgb_to_grayscale uses, so the page's greyscale is the one Keras makes. */
const LUMA = [0.2989, 0.587, 0.114] as const;

/** Alpha is dropped, as Keras' load_img does when it converts to 'rgb' or 'grayscale'. */
export function pixelsFromRgba(rgba: Uint8ClampedArray | Uint8Array, channels: 1 | 3): Uint8Array {
  const count = Math.floor(rgba.length / 4);
  const out = new Uint8Array(count * channels);
  for (let i = 0; i < count; i++) {
    const r = rgba[4 * i] ?? 0;
    const g = rgba[4 * i + 1] ?? 0;
    const b = rgba[4 * i + 2] ?? 0;
    if (channels === 1) out[i] = Math.round(LUMA[0] * r + LUMA[1] * g + LUMA[2] * b);
    else out.set([r, g, b], 3 * i);
  }
  return out;
}
