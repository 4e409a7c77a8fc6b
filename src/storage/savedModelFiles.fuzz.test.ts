/**
 * An uploaded model's shelf facts fuzzed: after validateModelFiles accepts the files, savedModelFromFiles reads the
 * playground's metadata in model.json (one field replaced, removed or added, or any value at all) and any file name
 * without throwing nor taking long, into a model the shelf can keep: a name it accepts, an accuracy from 0 to 1 or none,
 * training settings that can train; and every model downloaded from the shelf comes back with its facts unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameLayers } from '../domain/analysis.ts';
import { BOOK_TRAINING } from '../domain/defaults.ts';
import { fuzz, hostileValue, mutate, mutation, timed } from '../domain/fuzzing.ts';
import { buildableLayers } from '../domain/fuzzSpecs.ts';
import { validateModelFiles } from '../domain/keras/modelFiles.ts';
import { topologyFromSpec } from '../domain/keras/topology.ts';
import { OPTIMIZERS } from '../domain/modelSpec.ts';
import { validateTrainingSettings } from '../domain/settings.ts';
import { checkModelName, type SavedModel } from './modelStore.ts';
import { modelFilesFor, savedModelFromFiles, type ModelUpload } from './savedModelFiles.ts';
import { modelOf } from './savedModelFixture.ts';

const BOUNDARY = 'uploaded model metadata (savedModelFromFiles)';

/** Settings that can train, as a finished run had them. */
const trainable = fc
  .record({
    optimizer: fc.constantFrom(...OPTIMIZERS),
    learningRate: fc.double({ min: 1e-6, max: 10, noNaN: true }),
    batchSize: fc.integer({ min: 1, max: 4096 }),
    epochs: fc.integer({ min: 1, max: 100 }),
    trainSize: fc.integer({ min: 1, max: 60_000 }),
    validationSplit: fc.double({ min: 0, max: 0.9, noNaN: true }),
    testSize: fc.integer({ min: 1, max: 10_000 }),
  })
  .filter((training) => validateTrainingSettings(training).length === 0);

const shelved: fc.Arbitrary<SavedModel> = fc
  .record({
    layers: buildableLayers,
    training: trainable,
    name: fc.string({ minLength: 1, maxLength: 80 }).filter((name) => checkModelName(name).ok && name.trim() === name),
    testAccuracy: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    testCount: fc.option(fc.nat({ max: 10_000 }), { nil: null }),
  })
  .map(({ layers, training, ...facts }) => modelOf({ layers, training }, { ...facts, backend: null, origin: 'uploaded' }));

/** The files a download from the shelf gives, validated as an upload of them is. */
function upload(modelJson: string, weights: ArrayBuffer) {
  const validated = validateModelFiles({ modelJson, weightsFiles: [{ name: 'any.bin', bytes: weights }] });
  if (!validated.ok) throw new Error(validated.message);
  return validated;
}

function expectShelfReady(model: SavedModel, validated: ReturnType<typeof upload>): void {
  expect(checkModelName(model.name)).toEqual({ ok: true, name: model.name });
  expect(model.testAccuracy === null || (model.testAccuracy >= 0 && model.testAccuracy <= 1)).toBe(true);
  expect(model.testCount === null || (Number.isSafeInteger(model.testCount) && model.testCount >= 0)).toBe(true);
  expect(validateTrainingSettings(model.spec.training)).toEqual([]);
  expect(model.spec.layers).toBe(validated.layers);
  expect(model.weightData).toBe(validated.weightData);
  expect(model.modelTopology).toEqual(topologyFromSpec(validated.layers));
  const names = nameLayers(validated.layers);
  expect(model.weightSpecs.every((w) => names.includes(w.name.split('/')[0] ?? ''))).toBe(true);
}

/** Shelves an upload of an MNIST-shaped model (buildableLayers are), failing the test if it is refused. */
function shelve(upload: Omit<ModelUpload, 'inputShape'>, now: number): SavedModel {
  const back = savedModelFromFiles({ ...upload, inputShape: [28, 28, 1] }, now);
  if (!back.ok) throw new Error(back.message);
  return back.model;
}

const jsonOf = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
};

describe('uploaded model metadata, fuzzed', () => {
  it('reads damaged or hostile metadata and any file name into a model the shelf can keep', () => {
    const damage = fc.oneof(mutation.map((m) => ({ m })), hostileValue.map((v) => ({ v })));
    const fileName = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('.json', '   .json', `${'x'.repeat(200)}.json`, 'model.JSON'));
    fuzz(BOUNDARY, fc.property(shelved, damage, fileName, (model, change, name) => {
      const files = modelFilesFor(model);
      const json = JSON.parse(files.modelJson) as { userDefinedMetadata: unknown };
      const metadata = 'm' in change ? mutate(json.userDefinedMetadata, change.m) : change.v;
      const modelJson = jsonOf({ ...json, userDefinedMetadata: metadata });
      const validated = validateModelFiles({ modelJson, weightsFiles: [{ name: 'any.bin', bytes: files.weights }] });
      if (!validated.ok) return; // metadata too deep for JSON.parse's reader: refused before it gets here
      const back = timed(() => savedModelFromFiles({ validated, modelJson, fileName: name, inputShape: [28, 28, 1] }, 5_000));
      // Only a dataset field that reads as one and names other images or classes than the model's is refused.
      if (!back.ok) return void expect(back.message).toMatch(/^The file says its model was made for .+, but its first layer reads 28×28×1 images\.$/);
      expectShelfReady(back.model, validated);
    }));
  });

  it('brings back every downloaded model with its name, accuracy, test count and training settings', () => {
    fuzz(BOUNDARY, fc.property(shelved, (model) => {
      const files = modelFilesFor(model);
      const validated = upload(files.modelJson, files.weights);
      const back = timed(() => shelve({ validated, modelJson: files.modelJson, fileName: `${files.baseName}.json` }, 5_000));
      expect(back).toEqual({ ...model, id: expect.stringMatching(/^model-/), savedAt: 5_000 });
      expectShelfReady(back, validated);
    }));
  });

  it('falls back to the file name, then to "Uploaded model", and to the book training, never failing', () => {
    fuzz(BOUNDARY, fc.property(shelved, fc.string(), (model, fileName) => {
      const files = modelFilesFor(model);
      const json = JSON.parse(files.modelJson) as Record<string, unknown>;
      const modelJson = JSON.stringify({ ...json, userDefinedMetadata: undefined });
      const back = timed(() => shelve({ validated: upload(modelJson, files.weights), modelJson, fileName }, 5_000));
      const fromFile = checkModelName(fileName.replace(/\.json$/i, '').slice(0, 80));
      expect(back.name).toBe(fromFile.ok ? fromFile.name : 'Uploaded model');
      expect(back.spec.training).toEqual(BOOK_TRAINING);
    }));
  });
});
