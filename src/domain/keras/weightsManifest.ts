/**
 * model.json's weightsManifest, read as untrusted input: its groups of weights file paths and weight entries (name,
 * float32 dtype, shape), and whether a group's files hold exactly the bytes its weights need. Matching the entries to the
 * model's layers is modelFiles' job, as it needs the topology.
 */
import { formatCount } from '../format.ts';
import { MAX_LAYERS } from '../modelSpec.ts';
import { isRecord, items, own } from '../untrustedJson.ts';

/** Every layer a BatchNormalization (4 weights each) is the most a model in the editor can have. */
const MAX_MANIFEST_WEIGHTS = 4 * MAX_LAYERS;
export const MAX_WEIGHTS_FILES = 100;
const MAX_NAME_LENGTH = 256;
const MAX_RANK = 8;

// Message helpers shared with modelFiles, as both name values from the same untrusted file.
/** A name from the file, quoted, cut short and with control characters escaped. */
export function quote(text: string): string {
  return `'${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text).slice(1, -1)}'`;
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) {
    const describeItem = (item: unknown) => (Array.isArray(item) ? 'a list' : describeValue(item));
    return value.length > 0 && value.length <= MAX_RANK ? `[${items(value).map(describeItem).join(', ')}]` : `a list of ${formatCount(value.length)} items`;
  }
  return value === undefined ? 'nothing' : 'an object';
}

/** tfjs matches a manifest path to a chosen file by the path's last part. */
export function basename(path: string): string {
  return path.trim().replace(/\/+$/, '').split('/').at(-1) ?? '';
}

export interface ManifestWeight {
  readonly name: string;
  readonly shape: readonly number[];
}
export interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly ManifestWeight[];
}

function readManifestWeight(entry: unknown, where: string): ManifestWeight | string {
  const name = isRecord(entry) ? own(entry, 'name') : undefined;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    return `${where} must have a name like 'conv2d_1/kernel', not ${describeValue(name)}.`;
  }
  const weight = `Weight ${quote(name)}`;
  const shape = own(entry as object, 'shape');
  const dims = Array.isArray(shape) && shape.length <= MAX_RANK ? items(shape) : null;
  if (dims === null || !dims.every((d) => Number.isSafeInteger(d) && (d as number) > 0)) {
    return `${weight} has shape ${describeValue(shape)} in model.json; a shape must be a list of at most ${MAX_RANK} positive whole numbers.`;
  }
  const dtype = own(entry as object, 'dtype');
  if (dtype !== 'float32') return `${weight} has dtype ${describeValue(dtype)}; the editor loads float32 weights only.`;
  if (own(entry as object, 'quantization') != null) {
    return `${weight} is quantized; the editor loads plain float32 weights only, so save the model without quantization.`;
  }
  return { name, shape: dims as number[] };
}

/** The weightsManifest's groups, or what is wrong with it. */
export function readManifest(manifest: unknown): ManifestGroup[] | string {
  if (manifest === undefined) return "model.json has no weightsManifest: it holds the model's layers but names no weights file.";
  if (!Array.isArray(manifest) || manifest.length === 0 || manifest.length > MAX_WEIGHTS_FILES) {
    return `model.json's weightsManifest must be a list of weight groups, not ${describeValue(manifest)}.`;
  }
  const groups: ManifestGroup[] = [];
  let pathCount = 0;
  let weightCount = 0;
  for (const [g, group] of items(manifest).entries()) {
    const where = `model.json's weightsManifest[${g}]`;
    const paths = isRecord(group) ? own(group, 'paths') : undefined;
    const weights = isRecord(group) ? own(group, 'weights') : undefined;
    if (!Array.isArray(paths) || !Array.isArray(weights)) return `${where} must be an object with a paths list and a weights list.`;
    pathCount += paths.length;
    weightCount += weights.length;
    if (paths.length === 0 || pathCount > MAX_WEIGHTS_FILES) return `${where}.paths must list between 1 and ${MAX_WEIGHTS_FILES} weights files, not ${describeValue(paths)}.`;
    if (weightCount > MAX_MANIFEST_WEIGHTS) {
      return `model.json's weightsManifest lists ${formatCount(weightCount)} or more weights; a model in the editor has at most ${formatCount(MAX_MANIFEST_WEIGHTS)}.`;
    }
    const pathList = items(paths);
    const badPath = pathList.find((p) => typeof p !== 'string' || p.length > MAX_NAME_LENGTH || basename(p) === '');
    if (badPath !== undefined) return `${where}.paths must hold weights file names like 'model.weights.bin', not ${describeValue(badPath)}.`;
    const read: ManifestWeight[] = [];
    for (const [i, entry] of items(weights).entries()) {
      const weight = readManifestWeight(entry, `${where}.weights[${i}]`);
      if (typeof weight === 'string') return weight;
      read.push(weight);
    }
    groups.push({ paths: pathList as string[], weights: read });
  }
  return groups;
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A group's files against the float32 bytes its weights need, or why they do not match. */
export function checkByteLength(paths: readonly string[], buffers: readonly ArrayBuffer[], weights: readonly ManifestWeight[]): string | null {
  const needed = 4 * weights.reduce((sum, w) => sum + sizeOf(w.shape), 0);
  const got = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  if (got === needed) return null;
  const files = paths.length === 1 ? `The weights file ${quote(basename(paths[0] ?? ''))} has` : `The weights files ${paths.map((p) => quote(basename(p))).join(', ')} have`;
  const verdict = got < needed ? 'it is truncated' : `it has ${formatCount(got - needed)} extra bytes`;
  return `${files} ${formatCount(got)} bytes, but model.json's weights need ${formatCount(needed)} (${formatCount(needed / 4)} float32 values): ${verdict}.`;
}
