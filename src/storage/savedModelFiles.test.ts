// Installs IDBRequest, IDBObjectStore… as globals: idb recognises IndexedDB objects by those classes.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { nameLayers } from '../domain/analysis.ts';
import { FASHION_MNIST_REF, MNIST_REF } from '../domain/datasetRef.ts';
import { BOOK_TRAINING, DEFAULT_MODEL } from '../domain/defaults.ts';
import { validateModelFiles } from '../domain/keras/modelFiles.ts';
import { topologyFromSpec } from '../domain/keras/topology.ts';
import { openModelStore } from './modelStore.ts';
import { modelFilesFor, savedModelFromFiles } from './savedModelFiles.ts';
import { modelOf, TINY_LAYERS } from './savedModelFixture.ts';



const bytesOf = (buffer: ArrayBuffer) => new Uint8Array(buffer);

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

    const shelved = savedModelFromFiles({ validated, modelJson: files.modelJson, fileName: `${files.baseName}.json` }, 5_000);
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

    const shelved = savedModelFromFiles({ validated: upload(modelJson, model.weightData, 'renamed.bin'), modelJson, fileName: 'my digits.json' }, 7);
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
    const shelved = savedModelFromFiles({ validated: upload(modelJson, model.weightData, 'w.bin'), modelJson, fileName: 'model.json' }, 1);
    expect(shelved).toMatchObject({ name: 'Kept', testAccuracy: null, testCount: null, spec: { training: BOOK_TRAINING } });
  });

  it('carries the data the model was made for: a Fashion-MNIST model comes back as Fashion-MNIST’s', () => {
    const model = modelOf(DEFAULT_MODEL, { dataset: FASHION_MNIST_REF });
    const files = modelFilesFor(model);
    const shelved = savedModelFromFiles({ validated: upload(files.modelJson, files.weights, 'w.bin'), modelJson: files.modelJson, fileName: 'model.json' }, 1);
    expect(shelved.dataset).toEqual(FASHION_MNIST_REF);
  });

  it.each([
    ['a dataset that is a string', 'fashion-mnist'],
    ['an input shape the file’s model does not have', { ...FASHION_MNIST_REF, inputShape: [32, 32, 3] }],
    ['three classes for a model answering with ten', { ...FASHION_MNIST_REF, classNames: ['a', 'b', 'c'] }],
    ['class names that are not text', { ...FASHION_MNIST_REF, classNames: Array.from({ length: 10 }, (_, i) => i) }],
  ])('reads %s as MNIST’s, keeping the other facts', (_case, dataset) => {
    const model = modelOf(DEFAULT_MODEL, { dataset: FASHION_MNIST_REF });
    const json = JSON.parse(modelFilesFor(model).modelJson) as { userDefinedMetadata: { convnetPlayground: object } };
    json.userDefinedMetadata.convnetPlayground = { ...json.userDefinedMetadata.convnetPlayground, dataset };
    const modelJson = JSON.stringify(json);
    const shelved = savedModelFromFiles({ validated: upload(modelJson, model.weightData, 'w.bin'), modelJson, fileName: 'model.json' }, 1);
    expect(shelved).toMatchObject({ name: model.name, testAccuracy: model.testAccuracy, dataset: MNIST_REF });
  });
});
