/**
 * Model files fuzzed: validateModelFiles reads any model.json text with any weights files, and valid files with one
 * field, their text or their weight bytes damaged, without throwing, in bounded time; what it accepts is no larger
 * than the files it was given and holds only finite weights; oversized files are refused before they are read; and a
 * model exported as tfjs writes it (in shards, in groups, in Keras' order) comes back with the same layers and weights.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameLayers } from '../analysis.ts';
import { fuzz, hostileValue, mutate, mutation, textDamage, timed } from '../fuzzing.ts';
import { buildableLayers } from '../fuzzSpecs.ts';
import { MAX_LAYERS, type LayerSpec } from '../modelSpec.ts';
import { MODEL_FILE_LIMITS, validateModelFiles, type ModelFiles, type WeightsFile } from './modelFiles.ts';
import { topologyFromSpec } from './topology.ts';
import { expectedWeights } from './weights.ts';

const BOUNDARY = 'model files (model.json + weights)';
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
/** Byte for byte; toEqual on 400,000 floats would take seconds a case. */
const sameBytes = (a: ArrayBufferLike, b: ArrayBufferLike) => Buffer.from(a).equals(Buffer.from(b));

/** As tfjs' model.save writes them, the weights split into groups and each group's bytes into shards. */
interface Export {
  readonly layers: readonly LayerSpec[];
  readonly json: { modelTopology: unknown; format: string; generatedBy: string; convertedBy: null; weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[] };
  readonly files: WeightsFile[];
  /** The weights in tfjs' order, as validateModelFiles should give them back. */
  readonly values: Float32Array;
  readonly specs: { name: string; shape: number[]; dtype: 'float32' }[];
}

function exportOf(layers: readonly LayerSpec[], { order, groups, shards, seed }: { order: number[]; groups: number; shards: number; seed: number }): Export {
  const expected = expectedWeights(layers);
  if (!expected.ok) throw new Error(expected.message);
  const names = nameLayers(layers);
  const specs = expected.weights.map((w) => ({ name: `${names[w.layerIndex]}/${w.role}`, shape: [...w.shape], dtype: 'float32' as const }));
  const values = Float32Array.from({ length: specs.reduce((sum, w) => sum + size(w.shape), 0) }, (_, i) => Math.fround(Math.sin(seed + i)));
  const starts: number[] = [];
  specs.reduce((start, w) => (starts.push(start), start + size(w.shape)), 0);
  // Keras' converter lists weights layer by layer; any order must come back in tfjs' order.
  const listed = specs.map((_, i) => i).sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0) || a - b);
  const perGroup = Math.ceil(listed.length / groups) || 1;
  const weightsManifest: Export['json']['weightsManifest'] = [];
  const files: WeightsFile[] = [];
  for (let g = 0; g * perGroup < Math.max(listed.length, 1); g++) {
    const members = listed.slice(g * perGroup, (g + 1) * perGroup);
    const bytes = new Uint8Array(4 * members.reduce((sum, i) => sum + size(specs[i]?.shape ?? []), 0));
    members.reduce((at, i) => (bytes.set(new Uint8Array(values.buffer, 4 * (starts[i] ?? 0), 4 * size(specs[i]?.shape ?? [])), at), at + 4 * size(specs[i]?.shape ?? [])), 0);
    const cut = Math.ceil(bytes.length / shards) || 1;
    const paths = Array.from({ length: Math.max(1, Math.ceil(bytes.length / cut)) }, (_, s) => `group${g + 1}-shard${s + 1}of${shards}.bin`);
    paths.forEach((path, s) => files.push({ name: path, bytes: bytes.slice(s * cut, (s + 1) * cut).buffer }));
    weightsManifest.push({ paths: paths.map((path) => `./${path}`), weights: members.map((i) => ({ ...(specs[i] ?? specs[0]!) })) });
  }
  const json = { modelTopology: topologyFromSpec(layers), format: 'layers-model', generatedBy: 'TensorFlow.js tfjs-layers v4.22.0', convertedBy: null, weightsManifest };
  return { layers, json, files, values, specs };
}

const layout = fc.record({ order: fc.array(fc.nat(), { maxLength: 40 }), groups: fc.integer({ min: 1, max: 3 }), shards: fc.integer({ min: 1, max: 3 }), seed: fc.nat() });
const weightedLayers = buildableLayers.filter((layers) => layers.some((l) => l.type === 'Dense' || l.type === 'Conv2D' || l.type === 'BatchNormalization'));
const validExport = fc.tuple(weightedLayers, layout).map(([layers, how]) => exportOf(layers, how));
const singleFileExport = fc.tuple(weightedLayers, fc.nat()).map(([layers, seed]) => exportOf(layers, { order: [], groups: 1, shards: 1, seed }));

/** No larger than its input: the weights are the files' bytes, finite, within the limits and the editor's layer count. */
function expectBounded(result: ModelFiles, files: readonly WeightsFile[]): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  if (!result.ok) {
    expect(result.message).toMatch(/^\S.{10,499}$/s);
    return;
  }
  const given = files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
  expect(result.weightData.byteLength).toBe(given);
  expect(result.weightData.byteLength).toBe(4 * result.weightSpecs.reduce((sum, w) => sum + size(w.shape), 0));
  expect(result.weightData.byteLength).toBeLessThanOrEqual(MODEL_FILE_LIMITS.maxWeightBytes);
  expect(result.layers.length).toBeLessThanOrEqual(MAX_LAYERS);
  expect(result.weightSpecs.length).toBeLessThanOrEqual(4 * MAX_LAYERS);
  expect(new Float32Array(result.weightData).every(Number.isFinite)).toBe(true);
}

const validate = (modelJson: string, weightsFiles: readonly WeightsFile[]) => timed(() => validateModelFiles({ modelJson, weightsFiles }));
const jsonOf = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return '[[[['; // too deep for JSON.stringify: a file cannot hold it either
  }
};
const weightsFile = fc.record({ name: fc.oneof(fc.constantFrom('model.weights.bin', 'group1-shard1of1.bin', '', '__proto__'), fc.string()), bytes: fc.uint8Array({ maxLength: 4_096 }).map((b) => b.slice().buffer) });

describe('model files, fuzzed', () => {
  it('reads any model.json text with any weights files without throwing, in bounded time', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue().map((v) => JSON.stringify(v)), hostileValue.map(jsonOf), hostileValue.map((v) => jsonOf({ modelTopology: v, weightsManifest: v })));
    fuzz(BOUNDARY, fc.property(text, fc.array(weightsFile, { maxLength: 4 }), (modelJson, files) => expectBounded(validate(modelJson, files), files)));
  });

  it('reads valid files whose model.json has one field replaced, removed or added, anywhere or in its weightsManifest', () => {
    const where = fc.constantFrom('anywhere', 'weightsManifest', 'modelTopology');
    fuzz(BOUNDARY, fc.property(validExport, mutation, where, ({ json, files }, change, at) => {
      const damaged = at === 'anywhere' ? mutate(json, change) : { ...json, [at]: mutate(json[at], change) };
      expectBounded(validate(jsonOf(damaged), files), files);
    }));
  });

  it("reads valid files whose model.json text is damaged: cut short, huge numbers, deep nesting", () => {
    fuzz(BOUNDARY, fc.property(validExport, textDamage, ({ json, files }, damage) => expectBounded(validate(damage(JSON.stringify(json)), files), files)));
  });

  it('accepts weights only when they are exactly as long as model.json says and all finite', () => {
    const damage = fc.record({ cut: fc.integer({ min: -8, max: 8 }), flips: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }) });
    fuzz(BOUNDARY, fc.property(singleFileExport, damage, ({ json, files, values }, { cut, flips }) => {
      const original = new Uint8Array(files[0]?.bytes ?? new ArrayBuffer(0));
      const bytes = new Uint8Array(Math.max(0, original.length + cut));
      bytes.set(original.subarray(0, bytes.length));
      flips.forEach(({ at, byte }) => bytes.length > 0 && (bytes[at % bytes.length] = byte));
      const damaged = [{ name: files[0]?.name ?? '', bytes: bytes.buffer }];
      const result = validate(JSON.stringify(json), damaged);
      expectBounded(result, damaged);
      const floats = bytes.length === original.length ? new Float32Array(bytes.buffer) : null;
      const isUsable = floats !== null && floats.every(Number.isFinite);
      expect(result.ok).toBe(isUsable);
      if (!result.ok && floats === null) expect(result.message).toMatch(cut < 0 ? /it is truncated/ : /extra bytes/);
      if (!result.ok && floats !== null) expect(result.message).toMatch(/holds (NaN|Infinity|-Infinity) \(value [\d,]+ of [\d,]+\)/);
      if (result.ok && flips.length === 0) expect(sameBytes(result.weightData, values.buffer)).toBe(true);
    }));
  });

  it('refuses files over the limits from their sizes alone, before reading them', () => {
    const limits = fc.record({ maxModelJsonChars: fc.integer({ min: 1, max: 5_000 }), maxWeightBytes: fc.integer({ min: 1, max: 5_000 }) });
    fuzz(BOUNDARY, fc.property(limits, fc.string({ unit: 'binary', maxLength: 10_000 }), fc.array(weightsFile, { maxLength: 3 }), (limit, modelJson, files) => {
      const result = timed(() => validateModelFiles({ modelJson, weightsFiles: files, limits: limit }));
      const weightBytes = files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
      if (modelJson.length > limit.maxModelJsonChars) expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^model\.json is too large/) });
      else if (weightBytes > limit.maxWeightBytes) expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^The weights files are too large/) });
    }));
  });

  it('brings back a model exported as tfjs writes it, sharded, grouped or in Keras order, with the same layers and weights', () => {
    fuzz(BOUNDARY, fc.property(validExport, ({ layers, json, files, values, specs }) => {
      const result = validate(JSON.stringify(json), files);
      if (!result.ok) throw new Error(result.message);
      const canonical = layers.map((l) => ('poolSize' in l && l.strides?.[0] === l.poolSize[0] && l.strides[1] === l.poolSize[1] ? { ...l, strides: null } : l));
      expect(result.layers).toEqual(canonical);
      expect(result.weightSpecs).toEqual(specs);
      expect(sameBytes(result.weightData, values.buffer)).toBe(true);
    }));
  });
});
