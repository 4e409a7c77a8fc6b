/**
 * The images an uploaded model.json says its model reads, read from its first layer's batch_input_shape before the
 * files are checked for them: a saved model can be made for any data the page holds, not only 28×28×1 digits.
 */
import { IMPORT_LIMITS } from '../domain/importedDataset.ts';
import { MODEL_FILE_LIMITS } from '../domain/keras/modelFiles.ts';
import { declaredInputShape } from '../domain/keras/topologyImport.ts';
import { nestsDeeperThan } from '../domain/untrustedJson.ts';

/** H, W, C of one image. */
export type InputShape = readonly [number, number, number];

/** shape null: the file declares none that can be read here, and validateModelFiles says what is wrong with it. */
export type UploadInput = { readonly ok: true; readonly shape: InputShape | null } | { readonly ok: false; readonly message: string };

/** Sides from MNIST's 28 down to your images' smallest and up to their largest; greyscale or colour. */
const MIN_SIDE = Math.min(IMPORT_LIMITS.minSide, 28);
const MAX_SIDE = Math.max(IMPORT_LIMITS.maxSide, 28);
const CHANNELS = [1, 3];

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/** The declared shape (batch axis first) as H, W, C, or why no data here has images of that shape. */
export function readInputShape(declared: unknown): { ok: true; shape: InputShape } | { ok: false; message: string } {
  const refuse = (why: string) => ({ ok: false, message: `The model's input shape ${shown(declared)} ${why}` }) as const;
  if (!Array.isArray(declared) || declared.length !== 4) return refuse('is not a list like [null, 28, 28, 1] (batch, height, width, channels).');
  const [batch, height, width, channels] = declared as unknown[];
  if (batch !== null && !(Number.isInteger(batch) && (batch as number) > 0)) return refuse('has a batch size that is not a whole number above 0.');
  const named: [string, unknown][] = [['height', height], ['width', width], ['channels', channels]];
  const bad = named.find(([, value]) => !Number.isInteger(value) || (value as number) <= 0);
  if (bad) return refuse(`has ${bad[0]} ${shown(bad[1])}: each must be a whole number above 0.`);
  const [h, w, c] = [height, width, channels] as number[];
  if (Math.min(h!, w!) < MIN_SIDE || Math.max(h!, w!) > MAX_SIDE) {
    return refuse(`reads ${h}×${w} images; the playground's data is ${MIN_SIDE}×${MIN_SIDE} to ${MAX_SIDE}×${MAX_SIDE}.`);
  }
  if (!CHANNELS.includes(c!)) return refuse(`has ${c} channels; the playground's images have 1 (greyscale) or 3 (colour).`);
  return { ok: true, shape: [h!, w!, c!] };
}

/** What model.json's first layer declares it reads; what is not JSON or not a model is left to validateModelFiles. */
export function readUploadInput(modelJson: string): UploadInput {
  if (modelJson.length > MODEL_FILE_LIMITS.maxModelJsonChars || nestsDeeperThan(modelJson)) return { ok: true, shape: null };
  let root: unknown;
  try {
    root = JSON.parse(modelJson);
  } catch {
    return { ok: true, shape: null };
  }
  const declared = declaredInputShape(root);
  if (declared === undefined) return { ok: true, shape: null };
  const read = readInputShape(declared);
  return read.ok ? { ok: true, shape: read.shape } : read;
}
