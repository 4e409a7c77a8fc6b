// Installs IDBRequest, IDBObjectStore… as globals: idb recognises IndexedDB objects by those classes.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { nameLayers } from '../domain/analysis.ts';
import { FASHION_MNIST_REF, MNIST_REF, type DatasetRef } from '../domain/datasetRef.ts';
import type { LayerSpec } from '../domain/modelSpec.ts';
import { expectedWeights } from '../domain/keras/weights.ts';
import { BOOK_TRAINING, DEFAULT_MODEL } from '../domain/defaults.ts';
import { validateModelFiles } from '../domain/keras/modelFiles.ts';
import { topologyFromSpec } from '../domain/keras/topology.ts';
import { openModelStore, type SavedModel } from './modelStore.ts';
import { modelFilesFor, readUploadedModel, savedModelFromFiles, type ModelUpload } from './savedModelFiles.ts';
import { modelOf, TINY_LAYERS } from './savedModelFixture.ts';



const bytesOf = (buffer: ArrayBuffer) => new Uint8Array(buffer);

/** An MNIST-shaped upload on the shelf, failing the test if it is refused. */
function shelve(upload: Omit<ModelUpload, 'inputShape'>, now: number) {
  const back = savedModelFromFiles({ ...upload, inputShape: [28, 28, 1] }, now);
  if (!back.ok) throw new Error(back.message);
  return back.model;
}

describe('modelFilesFor', () => {
  it("writes model.json as tfjs' browserDownloads does, with the shelf's facts in userDefinedMetadata", () => {
    const model = modelOf(DEFAULT_MODEL);
    const files = modelFilesFor(model);
    expect(files.baseName).toBe('chapter-5-99-1');
    expect(files.weights).toBe(model.weightData);
    expect(JSON.parse(files.modelJson)).toEqual({
      modelTopology: JSON.parse(JSON.stringify(topologyFromSpec(DEFAULT_MODEL.layers))),
      format: 'layers-model',
      generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
      convertedBy: null,
      weightsManifest: [{ paths: ['./chapter-5-99-1.weights.bin'], weights: model.weightSpecs }],
      userDefinedMetadata: { convnetPlayground: { name: 'Chapter 5 · 99.1%', testAccuracy: 0.991, testCount: 10_000, savedAt: 1_000, training: BOOK_TRAINING, dataset: MNIST_REF } },
    });
    expect(Object.keys(JSON.parse(files.modelJson))).toEqual(['modelTopology', 'format', 'generatedBy', 'convertedBy', 'weightsManifest', 'userDefinedMetadata']);
  });

  it.each([
    ['Adam, lr=0.01 (run 3)', 'adam-lr-0-01-run-3'],
    ['  Modèle über ', 'modele-uber'],
    ['★★★', 'model'],
    ['../../etc/passwd', 'etc-passwd'],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('names the files after %j as %j', (name, baseName) => {
    expect(modelFilesFor(modelOf({ layers: TINY_LAYERS, training: BOOK_TRAINING }, { name })).baseName).toBe(baseName);
  });
});

describe('a download uploaded again', () => {
  function upload(modelJson: string, weights: ArrayBuffer, weightsName: string) {
    const validated = validateModelFiles({ modelJson, weightsFiles: [{ name: weightsName, bytes: weights }] });
    if (!validated.ok) throw new Error(validated.message);
    return validated;
  }

  it('passes validateModelFiles with the same layers and weight bytes, and keeps its name, accuracy and training', async () => {
    const training = { ...BOOK_TRAINING, optimizer: 'adam' as const, epochs: 3 };
    const model = modelOf({ layers: DEFAULT_MODEL.layers, training });
    const files = modelFilesFor(model);
    const validated = upload(files.modelJson, files.weights, `${files.baseName}.weights.bin`);
    expect(validated.layers).toEqual(DEFAULT_MODEL.layers);
    expect(validated.weightSpecs).toEqual(model.weightSpecs);
    expect(bytesOf(validated.weightData)).toEqual(bytesOf(model.weightData));

    const shelved = shelve({ validated, modelJson: files.modelJson, fileName: `${files.baseName}.json` }, 5_000);
    expect(shelved).toEqual({ ...model, id: expect.stringMatching(/^model-/), savedAt: 5_000, origin: 'uploaded', backend: null });

    const opened = await openModelStore(new IDBFactory());
    if (!opened.ok) throw new Error(opened.message);
    expect(await opened.store.save(shelved)).toEqual({ ok: true });
    const back = await opened.store.load(shelved.id);
    if (!back.ok || back.model === null) throw new Error(`expected model ${shelved.id}, got ${JSON.stringify(back)}`);
    expect(bytesOf(back.model.weightData)).toEqual(bytesOf(model.weightData));
  });

  it("takes a file with tfjs' own layer names and no metadata: named after the file, the book's training, the editor's names", () => {
    // tfjs names a layer '<snake_case>_<ClassName><count>' when the model does not name it.
    const tfjsNames = new Map(nameLayers(DEFAULT_MODEL.layers).map((name, i) => [name, `${name.replace(/_\d+$/, '')}_${DEFAULT_MODEL.layers[i]?.type}${name.split('_').at(-1)}`]));
    const model = modelOf(DEFAULT_MODEL);
    const json = JSON.parse(modelFilesFor(model).modelJson) as {
      modelTopology: { config: { layers: { config: { name: string } }[] } };
      weightsManifest: { weights: { name: string }[] }[];
      userDefinedMetadata?: unknown;
    };
    for (const { config } of json.modelTopology.config.layers) config.name = tfjsNames.get(config.name) ?? '';
    for (const weight of json.weightsManifest[0]?.weights ?? []) {
      const [layer = '', role] = weight.name.split('/');
      weight.name = `${tfjsNames.get(layer)}/${role}`;
    }
    delete json.userDefinedMetadata;
    expect(json.weightsManifest[0]?.weights[0]?.name).toBe('conv2d_Conv2D1/kernel');
    const modelJson = JSON.stringify(json);

    const shelved = shelve({ validated: upload(modelJson, model.weightData, 'renamed.bin'), modelJson, fileName: 'my digits.json' }, 7);
    // A file without the playground's metadata (as every file before models kept their data) is read as MNIST's.
    expect(shelved).toMatchObject({ name: 'my digits', spec: DEFAULT_MODEL, dataset: MNIST_REF, testAccuracy: null, testCount: null, savedAt: 7 });
    expect(shelved.weightSpecs).toEqual(model.weightSpecs);
    const again = modelFilesFor(shelved);
    expect(upload(again.modelJson, again.weights, `${again.baseName}.weights.bin`).layers).toEqual(DEFAULT_MODEL.layers);
  });

  it('keeps the good facts of metadata that is partly wrong', () => {
    const model = modelOf({ layers: TINY_LAYERS, training: BOOK_TRAINING });
    const json = JSON.parse(modelFilesFor(model).modelJson) as { userDefinedMetadata: { convnetPlayground: object } };
    json.userDefinedMetadata.convnetPlayground = { name: 'Kept', testAccuracy: 2, testCount: -1, training: { ...BOOK_TRAINING, epochs: 0 } };
    const modelJson = JSON.stringify(json);
    const shelved = shelve({ validated: upload(modelJson, model.weightData, 'w.bin'), modelJson, fileName: 'model.json' }, 1);
    expect(shelved).toMatchObject({ name: 'Kept', testAccuracy: null, testCount: null, spec: { training: BOOK_TRAINING } });
  });

  it('carries the data the model was made for: a Fashion-MNIST model comes back as Fashion-MNIST’s', () => {
    const model = modelOf(DEFAULT_MODEL, { dataset: FASHION_MNIST_REF });
    const files = modelFilesFor(model);
    const shelved = shelve({ validated: upload(files.modelJson, files.weights, 'w.bin'), modelJson: files.modelJson, fileName: 'model.json' }, 1);
    expect(shelved.dataset).toEqual(FASHION_MNIST_REF);
  });

  it.each([
    ['a dataset that is a string', 'fashion-mnist'],
    ['class names that are not text', { ...FASHION_MNIST_REF, classNames: Array.from({ length: 10 }, (_, i) => i) }],
  ])('reads %s as MNIST’s, keeping the other facts', (_case, dataset) => {
    const model = modelOf(DEFAULT_MODEL, { dataset: FASHION_MNIST_REF });
    const json = JSON.parse(modelFilesFor(model).modelJson) as { userDefinedMetadata: { convnetPlayground: object } };
    json.userDefinedMetadata.convnetPlayground = { ...json.userDefinedMetadata.convnetPlayground, dataset };
    const modelJson = JSON.stringify(json);
    const shelved = shelve({ validated: upload(modelJson, model.weightData, 'w.bin'), modelJson, fileName: 'model.json' }, 1);
    expect(shelved).toMatchObject({ name: model.name, testAccuracy: model.testAccuracy, dataset: MNIST_REF });
  });

  it('keeps a dataset field whose classes the model does not answer with: the shelf greys it with that reason', () => {
    const model = modelOf(DEFAULT_MODEL, { dataset: { ...FASHION_MNIST_REF, classNames: ['a', 'b', 'c'] } });
    const files = modelFilesFor(model);
    const read = readUploadedModel(files.modelJson, [{ name: 'w.bin', bytes: files.weights }], 'model.json', 1);
    expect(read).toMatchObject({ ok: true, model: { dataset: model.dataset } });
  });

  it.each([
    ['an input shape the file’s model does not have', { ...FASHION_MNIST_REF, inputShape: [32, 32, 3] }, /made for Fashion-MNIST, 32×32×3 — 10 classes, but its first layer reads 28×28×1 images/],
    ['another input shape than the model declares, whatever its classes', { ...FASHION_MNIST_REF, inputShape: [28, 28, 3], classNames: ['a', 'b', 'c'] }, /made for Fashion-MNIST, 28×28×3 — 3 classes, but its first layer reads 28×28×1 images/],
  ])('refuses a file whose dataset field disagrees with its model: %s', (_case, dataset, message) => {
    const model = modelOf(DEFAULT_MODEL, { dataset: FASHION_MNIST_REF });
    const json = JSON.parse(modelFilesFor(model).modelJson) as { userDefinedMetadata: { convnetPlayground: object } };
    json.userDefinedMetadata.convnetPlayground = { ...json.userDefinedMetadata.convnetPlayground, dataset };
    const read = readUploadedModel(JSON.stringify(json), [{ name: 'w.bin', bytes: model.weightData }], 'model.json', 1);
    expect(read).toEqual({ ok: false, message: expect.stringMatching(message) });
  });
});

describe('a model made for other images than 28×28×1', () => {
  const SHAPES: DatasetRef = { id: 'your-images', title: 'Your images', inputShape: [32, 32, 3], classNames: ['circles', 'squares', 'triangles'] };
  const layers: LayerSpec[] = [
    { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' },
    { type: 'Flatten' },
    { type: 'Dense', units: 3, activation: 'softmax' },
  ];

  /** A trained 32×32×3 model as the worker would export it: its topology and weights for colour images. */
  function colourModel(): SavedModel {
    const expected = expectedWeights(layers, SHAPES.inputShape);
    if (!expected.ok) throw new Error(expected.message);
    const names = nameLayers(layers);
    const weightSpecs = expected.weights.map((w) => ({ name: `${names[w.layerIndex]}/${w.role}`, shape: [...w.shape], dtype: 'float32' as const }));
    const count = weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
    const weightData = Float32Array.from({ length: count }, (_, i) => Math.sin(i)).buffer;
    return modelOf({ layers, training: BOOK_TRAINING }, { dataset: SHAPES, modelTopology: topologyFromSpec(layers, SHAPES.inputShape), weightSpecs, weightData });
  }

  it('comes back from its download with its shape, classes and weights', () => {
    const model = colourModel();
    const files = modelFilesFor(model);
    const declared = (JSON.parse(files.modelJson) as { modelTopology: { config: { layers: { config: { batch_input_shape?: unknown } }[] } } }).modelTopology.config.layers[0]?.config.batch_input_shape;
    expect(declared).toEqual([null, 32, 32, 3]);
    const read = readUploadedModel(files.modelJson, [{ name: `${files.baseName}.weights.bin`, bytes: files.weights }], `${files.baseName}.json`, 9);
    if (!read.ok) throw new Error(read.message);
    expect(read.model).toEqual({ ...model, id: expect.stringMatching(/^model-/), savedAt: 9, origin: 'uploaded', backend: null });
    expect(read.model.modelTopology).toEqual(topologyFromSpec(layers, [32, 32, 3]));
    expect(bytesOf(read.model.weightData)).toEqual(bytesOf(model.weightData));
  });

  it('without the playground’s metadata, is read as unnamed data of its shape and class count, not as MNIST’s', () => {
    const files = modelFilesFor(colourModel());
    const json = JSON.parse(files.modelJson) as { userDefinedMetadata?: unknown };
    delete json.userDefinedMetadata;
    const read = readUploadedModel(JSON.stringify(json), [{ name: 'w.bin', bytes: files.weights }], 'keras.json', 1);
    expect(read).toMatchObject({ ok: true, model: { dataset: { inputShape: [32, 32, 3], classNames: ['0', '1', '2'] } } });
  });

  it.each([
    ['[0, 0, 0]', [null, 0, 0, 0], /has height 0: each must be a whole number above 0/],
    ['a negative side', [null, -32, 32, 3], /has height -32: each must be a whole number above 0/],
    ['a huge side', [null, 32, 1e9, 3], /reads 32×1000000000 images; the playground's data is 8×8 to 64×64/],
    ['a side that is not whole', [null, 32, 31.5, 3], /has width 31\.5: each must be a whole number above 0/],
    ['four channels', [null, 32, 32, 4], /has 4 channels; the playground's images have 1 \(greyscale\) or 3 \(colour\)/],
    ['no channels axis', [null, 32, 32], /is not a list like \[null, 28, 28, 1\]/],
    ['text', 'big', /is not a list like/],
  ])('refuses a file declaring %s, naming its input shape', (_case, shape, message) => {
    const files = modelFilesFor(colourModel());
    const json = JSON.parse(files.modelJson) as { modelTopology: { config: { layers: { config: Record<string, unknown> }[] } } };
    const first = json.modelTopology.config.layers[0];
    if (first) first.config['batch_input_shape'] = shape;
    const read = readUploadedModel(JSON.stringify(json), [{ name: 'w.bin', bytes: files.weights }], 'model.json', 1);
    expect(read).toEqual({ ok: false, message: expect.stringMatching(/^The model's input shape /) });
    expect(read).toEqual({ ok: false, message: expect.stringMatching(message) });
  });
});
