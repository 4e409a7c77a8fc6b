/**
 * A trained model brought back into the editor: model.json and its weights files, as tfjs' model.save(browserDownloads())
 * writes them, checked before tfjs sees them. Trusts nothing: sizes are checked before parsing, only own data properties
 * are read, a list's length is checked before its items, and every problem becomes a message that names it.
 */
import { formatCount } from '../format.ts';
import { specFromTopology, unwrapTopology, type ExpectedInput } from './topologyImport.ts';
import type { LayerSpec } from '../modelSpec.ts';
import { MAX_LAYERS } from '../modelSpec.ts';
import { expectedWeights, type ExpectedWeight } from './weights.ts';
import { isRecord, items, MAX_JSON_DEPTH, nestsDeeperThan, own } from '../untrustedJson.ts';
import { basename, checkByteLength, describeValue, MAX_WEIGHTS_FILES, quote, readManifest, sizeOf, type ManifestWeight } from './weightsManifest.ts';

export interface ModelFileLimits {
  /** model.json's length in characters, checked before it is parsed (the page can check File.size before reading). */
  readonly maxModelJsonChars: number;
  /** All weights files together, in bytes. */
  readonly maxWeightBytes: number;
}

export const MODEL_FILE_LIMITS: ModelFileLimits = { maxModelJsonChars: 5 * 2 ** 20, maxWeightBytes: 100 * 2 ** 20 };

export interface WeightsFile {
  readonly name: string;
  readonly bytes: ArrayBuffer;
}

/** As tfjs' io.WeightsManifestEntry, so it can go to tf.io.fromMemory or tf.io.decodeWeights as it is. */
export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32';
}

export type ModelFiles =
  | {
      readonly ok: true;
      readonly layers: LayerSpec[];
      /** In expectedWeights' order, whatever order the manifest had, with the file's names. */
      readonly weightSpecs: WeightSpec[];
      /** The weights' float32 values back to back, in weightSpecs' order. */
      readonly weightData: ArrayBuffer;
      readonly meta: { readonly generatedBy: string | null; readonly convertedBy: string | null };
    }
  | { readonly ok: false; readonly message: string };

export interface ModelFilesInput {
  /** model.json's text. */
  readonly modelJson: string;
  /** The weights files the person chose, with their file names. */
  readonly weightsFiles: readonly WeightsFile[];
  readonly limits?: Partial<ModelFileLimits>;
  /** The images the model must read (MNIST digits unless told): its layers and weights are checked for them. */
  readonly expectedInput?: ExpectedInput;
}

const formatShape = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** A limit in whole megabytes where it is one, else in bytes. */
function formatLimit(bytes: number): string {
  return bytes % 2 ** 20 === 0 ? `${bytes / 2 ** 20} MB` : `${formatCount(bytes)} bytes`;
}

/** Layer names as the topology gives them, in specFromTopology's order (an InputLayer first is skipped). */
function readLayerNames(root: object): (string | null)[] {
  const topology = unwrapTopology(root);
  const config = isRecord(topology) ? own(topology, 'config') : undefined;
  const list = Array.isArray(config) ? config : isRecord(config) ? own(config, 'layers') : undefined;
  const entries = Array.isArray(list) && list.length <= MAX_LAYERS + 1 ? items(list) : [];
  return entries
    .filter((entry, i) => !(i === 0 && isRecord(entry) && own(entry, 'class_name') === 'InputLayer'))
    .map((entry) => {
      const config = isRecord(entry) ? own(entry, 'config') : undefined;
      const name = isRecord(config) ? own(config, 'name') : undefined;
      return typeof name === 'string' ? name : null;
    });
}

/** For each expected weight, the index of its manifest entry: tfjs loads weights by '<layer name>/<weight>'. */
function matchWeights(layers: readonly LayerSpec[], names: readonly (string | null)[], expected: readonly ExpectedWeight[], listed: readonly ManifestWeight[]): number[] | string {
  const listedAt = new Map<string, number>();
  for (const [i, { name }] of listed.entries()) {
    if (listedAt.has(name)) return `Weight ${quote(name)} is listed twice in model.json's weightsManifest.`;
    listedAt.set(name, i);
  }
  if (listed.length !== expected.length) {
    const what = 'a kernel and a bias for each Conv2D and Dense layer, and four weights for each BatchNormalization layer';
    return `model.json's weightsManifest lists ${formatCount(listed.length)} weights, but its model needs ${formatCount(expected.length)} (${what}).`;
  }
  const weighted = [...new Set(expected.map((w) => w.layerIndex))];
  for (const layerIndex of weighted) {
    const name = names[layerIndex] ?? null;
    const type = layers[layerIndex]?.type ?? '';
    if (name === null) return `The ${type} layer number ${layerIndex + 1} in model.json has no name, so its weights cannot be matched to it.`;
    if (weighted.some((other) => other !== layerIndex && names[other] === name)) return `Two layers in model.json are named ${quote(name)}; each needs its own name.`;
  }
  const keys = expected.map((w) => `${names[w.layerIndex] ?? ''}/${w.role}`);
  const stranger = listed.find((w) => !keys.includes(w.name));
  if (stranger !== undefined) {
    return `Weight ${quote(stranger.name)} in model.json's weightsManifest belongs to none of the model's layers; its weights are named like ${quote(keys[0] ?? '')}.`;
  }
  const order = keys.map((key) => listedAt.get(key) ?? -1);
  for (const [k, weight] of expected.entries()) {
    const { name, shape } = listed[order[k] ?? -1] ?? { name: '', shape: [] };
    if (shape.length !== weight.shape.length || shape.some((d, i) => d !== weight.shape[i])) {
      const layer = `the ${layers[weight.layerIndex]?.type ?? ''} layer ${quote(names[weight.layerIndex] ?? '')}`;
      const needs = `${layer} needs ${formatShape(weight.shape)} for its ${weight.role}`;
      return `Weight ${quote(name)} has shape ${formatShape(shape)} in model.json's weightsManifest, but ${needs}: the weights do not fit the model's layers.`;
    }
  }
  return order;
}

/** Each manifest path's file. People rename downloads, so a single file stands for a single path whatever its name. */
function assignFiles(paths: readonly string[], files: readonly WeightsFile[]): ArrayBuffer[] | string {
  const byName = new Map<string, ArrayBuffer>();
  for (const file of files) {
    if (byName.has(file.name)) return `Two of the chosen weights files are named ${quote(file.name)}; choose each file once.`;
    byName.set(file.name, file.bytes);
  }
  const wanted = paths.map(basename);
  const twice = wanted.find((name, i) => wanted.indexOf(name) !== i);
  if (twice !== undefined) return `model.json names weights file ${quote(twice)} twice.`;
  const [only] = files;
  if (wanted.length === 1 && files.length === 1 && only) return [only.bytes];
  const missing = wanted.find((name) => !byName.has(name));
  if (missing !== undefined) return `model.json names weights file ${quote(missing)} but it was not provided — choose both files together.`;
  const extra = files.find((file) => !wanted.includes(file.name));
  if (extra !== undefined) return `The file ${quote(extra.name)} is not one of the weights files model.json names (${wanted.map(quote).join(', ')}).`;
  return wanted.map((name) => byName.get(name) ?? new ArrayBuffer(0));
}

/** The files' bytes in the expected order (one copy when already in order), or the first weight that is NaN or infinite. */
function collectWeights(buffers: readonly ArrayBuffer[], listed: readonly ManifestWeight[], order: readonly number[], totalBytes: number): ArrayBuffer | string {
  const joined = new Uint8Array(totalBytes);
  let fileStart = 0;
  for (const buffer of buffers) {
    joined.set(new Uint8Array(buffer), fileStart);
    fileStart += buffer.byteLength;
  }
  const starts: number[] = [];
  listed.reduce((start, weight) => (starts.push(start), start + sizeOf(weight.shape)), 0);
  const isInOrder = order.every((at, k) => at === k);
  const data = isInOrder ? joined : new Uint8Array(totalBytes);
  const floats = new Float32Array(data.buffer);
  let offset = 0;
  for (const at of order) {
    const { name, shape } = listed[at] ?? { name: '', shape: [] };
    const count = sizeOf(shape);
    const start = starts[at] ?? 0;
    if (!isInOrder) data.set(joined.subarray(4 * start, 4 * (start + count)), 4 * offset);
    for (let i = 0; i < count; i++) {
      const value = floats[offset + i] ?? 0;
      if (!Number.isFinite(value)) {
        return `Weight ${quote(name)} holds ${value} (value ${formatCount(i + 1)} of ${formatCount(count)}): training diverged, so these weights cannot be used.`;
      }
    }
    offset += count;
  }
  return data.buffer;
}

/**
 * The layers and weights of a tfjs model download, ready for tf.io.fromMemory (or buildModel plus setWeights), or the
 * first problem with them. Files are matched to the manifest's paths by name, except that a single weights file is
 * accepted under any name when the manifest names a single path, since people rename downloads.
 */
export function validateModelFiles({ modelJson, weightsFiles, limits = {}, expectedInput }: ModelFilesInput): ModelFiles {
  const { maxModelJsonChars, maxWeightBytes } = { ...MODEL_FILE_LIMITS, ...limits };
  const fail = (message: string) => ({ ok: false, message }) as const;
  if (modelJson.length > maxModelJsonChars) return fail(`model.json is too large (${formatCount(modelJson.length)} characters); the editor reads at most ${formatLimit(maxModelJsonChars)}.`);
  const weightBytes = weightsFiles.reduce((sum, file) => sum + file.bytes.byteLength, 0);
  if (weightBytes > maxWeightBytes) return fail(`The weights files are too large (${formatCount(weightBytes)} bytes); the editor loads at most ${formatLimit(maxWeightBytes)}.`);
  if (weightsFiles.length > MAX_WEIGHTS_FILES) return fail(`${weightsFiles.length} weights files were chosen; a model has at most ${MAX_WEIGHTS_FILES}.`);

  if (nestsDeeperThan(modelJson)) return fail(`model.json nests lists or objects more than ${MAX_JSON_DEPTH} deep; a model saved by tfjs or Keras nests about 10.`);
  let root: unknown;
  try {
    root = JSON.parse(modelJson);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`model.json is not JSON: ${reason.length > 120 ? `${reason.slice(0, 120)}…` : reason}`);
  }
  if (!isRecord(root)) return fail(`model.json must hold a JSON object with modelTopology and weightsManifest, not ${describeValue(root)}.`);
  const format = own(root, 'format');
  if (format !== undefined && format !== 'layers-model') {
    return fail(`model.json's format is ${describeValue(format)}; the editor loads 'layers-model' files, as tfjs' model.save writes for a Sequential model.`);
  }
  if (own(root, 'modelTopology') === undefined) return fail('model.json has no modelTopology: it is not a model saved by tfjs.');
  const imported = specFromTopology(root, expectedInput);
  if (!imported.ok) return imported;
  const { layers } = imported;
  const expected = expectedWeights(layers, expectedInput?.shape);
  if (!expected.ok) {
    return fail(`The model in model.json cannot be built: layer ${expected.layerIndex + 1} (${layers[expected.layerIndex]?.type ?? ''}): ${expected.message}.`);
  }

  const groups = readManifest(own(root, 'weightsManifest'));
  if (typeof groups === 'string') return fail(groups);
  const listed = groups.flatMap((group) => group.weights);
  const order = matchWeights(layers, readLayerNames(root), expected.weights, listed);
  if (typeof order === 'string') return fail(order);
  const neededBytes = 4 * listed.reduce((sum, w) => sum + sizeOf(w.shape), 0);
  if (neededBytes > maxWeightBytes) return fail(`model.json's weights are too large (${formatCount(neededBytes)} bytes); the editor loads at most ${formatLimit(maxWeightBytes)}.`);
  const buffers = assignFiles(groups.flatMap((group) => group.paths), weightsFiles);
  if (typeof buffers === 'string') return fail(buffers);
  let fileIndex = 0;
  for (const group of groups) {
    const problem = checkByteLength(group.paths, buffers.slice(fileIndex, fileIndex + group.paths.length), group.weights);
    if (problem !== null) return fail(problem);
    fileIndex += group.paths.length;
  }

  const weightData = collectWeights(buffers, listed, order, neededBytes);
  if (typeof weightData === 'string') return fail(weightData);
  const weightSpecs = order.map((at): WeightSpec => ({ name: listed[at]?.name ?? '', shape: [...(listed[at]?.shape ?? [])], dtype: 'float32' }));
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 100) : null);
  return { ok: true, layers, weightSpecs, weightData, meta: { generatedBy: text(own(root, 'generatedBy')), convertedBy: text(own(root, 'convertedBy')) } };
}
