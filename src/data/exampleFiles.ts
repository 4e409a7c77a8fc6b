/**
 * A person's labelled digits as MNIST-format files, so the same set can be opened in Keras
 * (`idx2numpy` or the book's own loader): images as idx3 [count, 28, 28] and labels as idx1 [count], unsigned bytes.
 */
import { encodeIdx, parseIdx } from './idx.ts';

export const EXAMPLE_SIDE = 28;
export const EXAMPLE_PIXELS = EXAMPLE_SIDE * EXAMPLE_SIDE;

/** Images of EXAMPLE_PIXELS bytes (0–255) back to back, and one label 0–9 per image. */
export interface LabelledImages {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export interface NamedBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export type ExampleFilesRead = { readonly ok: true; readonly value: LabelledImages } | { readonly ok: false; readonly message: string };

/** The two files Keras users expect: what MNIST itself calls train-images-idx3-ubyte and train-labels-idx1-ubyte. */
export function encodeExampleFiles({ images, labels }: LabelledImages): { readonly images: Uint8Array; readonly labels: Uint8Array } {
  if (images.length !== labels.length * EXAMPLE_PIXELS) throw new Error(`${images.length} image bytes for ${labels.length} labels`);
  return { images: encodeIdx([labels.length, EXAMPLE_SIDE, EXAMPLE_SIDE], images), labels: encodeIdx([labels.length], labels) };
}

const quote = (name: string) => `“${name.length > 60 ? `${name.slice(0, 60)}…` : name}”`;

/**
 * Reads an images file and a labels file, in either order, or says which file is wrong and why. Never throws, and
 * keeps nothing of a refused pair: the caller adds all of `value` or none of it.
 */
export function readExampleFiles(files: readonly NamedBytes[]): ExampleFilesRead {
  if (files.length !== 2) {
    return { ok: false, message: `Choose two files together: the images (idx3) and the labels (idx1); ${files.length === 1 ? 'only one was' : `${files.length} were`} chosen.` };
  }
  const parsed = [];
  for (const file of files) {
    const read = parseIdx(file.bytes);
    if (!read.ok) return { ok: false, message: `${quote(file.name)} is not an MNIST-format file: ${read.message}.` };
    parsed.push({ name: file.name, ...read.value });
  }
  const imagesFile = parsed.find((file) => file.shape.length === 3);
  const labelsFile = parsed.find((file) => file.shape.length === 1);
  if (!imagesFile || !labelsFile) {
    const odd = parsed.find((file) => file.shape.length !== 3 && file.shape.length !== 1) ?? parsed[0]!;
    return { ok: false, message: `${quote(odd.name)} holds a ${odd.shape.join('×')} array: expected images (count×28×28) and labels (count).` };
  }
  const [count = 0, height = 0, width = 0] = imagesFile.shape;
  if (height !== EXAMPLE_SIDE || width !== EXAMPLE_SIDE) {
    return { ok: false, message: `${quote(imagesFile.name)} holds ${height}×${width} images; MNIST's, and this page's, are 28×28.` };
  }
  const labelCount = labelsFile.shape[0] ?? 0;
  if (labelCount !== count) {
    return { ok: false, message: `${quote(imagesFile.name)} holds ${count} images but ${quote(labelsFile.name)} ${labelCount} labels: they must match one to one.` };
  }
  const bad = labelsFile.data.findIndex((label) => label > 9);
  if (bad >= 0) {
    return { ok: false, message: `${quote(labelsFile.name)} has the label ${labelsFile.data[bad]} at position ${bad + 1}: digits are 0 to 9.` };
  }
  if (count === 0) return { ok: false, message: `${quote(imagesFile.name)} holds no images.` };
  return { ok: true, value: { images: imagesFile.data.slice(), labels: labelsFile.data.slice() } };
}
