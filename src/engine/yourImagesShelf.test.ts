import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_IMPORT_OPTIONS, describeImportedDataset, type ImportedDataset } from '../domain/importedDataset.ts';
import { openYourImagesStore } from '../storage/yourImagesStore.ts';
import type { ImageImportRequest } from '../training/protocol.ts';
import type { PickedFile } from './pickedFiles.ts';
import { YourImagesShelf, type RunImport } from './yourImagesShelf.ts';

const picked = (path: string, bytes = new Uint8Array([1, 2, 3])): PickedFile => ({ path, size: bytes.length, read: async () => bytes.slice() });

function datasetNamed(sourceName: string): ImportedDataset {
  const info = describeImportedDataset({ classNames: ['a', 'b'], height: 2, width: 2, channels: 1, trainCount: 1, testCount: 1, origin: 'zip', sourceName, split: { testFraction: 0.2, seed: 1 } });
  return { info, images: new Uint8Array(8), labels: Uint8Array.from([0, 1]), testMask: Uint8Array.from([0, 1]), origin: 'zip', sourceName, skipped: { hidden: 2, outsideClasses: 0, notImages: 1 }, resized: 2, importedAt: 1 };
}

function shelfWith(runImport: RunImport, factory = new IDBFactory()) {
  return new YourImagesShelf(() => openYourImagesStore(factory), runImport, () => 42);
}

describe('YourImagesShelf', () => {
  it('imports a ZIP through the worker, keeps it, says what was skipped, and finds it again after a reload', async () => {
    const factory = new IDBFactory();
    const requests: ImageImportRequest[] = [];
    const shelf = shelfWith(async (request) => {
      requests.push(request);
      return { ok: true, dataset: datasetNamed('shapes.zip') };
    }, factory);
    await shelf.importFiles([picked('shapes.zip')], DEFAULT_IMPORT_OPTIONS);
    expect(requests[0]).toMatchObject({ type: 'import-zip', sourceName: 'shapes.zip', now: 42 });
    expect(shelf.getSnapshot()).toMatchObject({ importing: null, problem: null, notice: 'Imported 2 images in 2 classes; 1 non-image file skipped; 2 hidden files (such as __MACOSX, .DS_Store) skipped; 2 resized to 2×2.' });
    const reloaded = shelfWith(vi.fn(), factory);
    await reloaded.start();
    expect(reloaded.getSnapshot().dataset).toEqual(datasetNamed('shapes.zip'));
  });

  it('keeps the previous dataset when the next import is refused, showing the message', async () => {
    const factory = new IDBFactory();
    const shelf = shelfWith(async (request) => (request.type === 'import-zip' ? { ok: true, dataset: datasetNamed('first.zip') } : { ok: false, message: 'Only one class folder, “cats”.' }), factory);
    await shelf.importFiles([picked('first.zip')], DEFAULT_IMPORT_OPTIONS);
    await shelf.importFiles([picked('cats/1.png'), picked('cats/2.png')], DEFAULT_IMPORT_OPTIONS);
    expect(shelf.getSnapshot()).toMatchObject({ problem: 'Only one class folder, “cats”.', dataset: datasetNamed('first.zip') });
    const reloaded = shelfWith(vi.fn(), factory);
    await reloaded.start();
    expect(reloaded.getSnapshot().dataset?.sourceName).toBe('first.zip');
  });

  it('sorts the choice: four -ubyte files are IDX, a folder keeps its paths, files past the size limit are not read', async () => {
    const requests: ImageImportRequest[] = [];
    const shelf = shelfWith(async (request) => {
      requests.push(request);
      return { ok: false, message: 'no' };
    });
    await shelf.importFiles(['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map((name) => picked(name)), DEFAULT_IMPORT_OPTIONS);
    await shelf.importFiles([picked('shapes/circle/1.png'), picked('shapes/square/1.png')], DEFAULT_IMPORT_OPTIONS);
    expect(requests.map((r) => r.type)).toEqual(['import-idx', 'import-folder']);
    expect(requests[1]).toMatchObject({ sourceName: 'shapes', files: [{ path: 'shapes/circle/1.png' }, { path: 'shapes/square/1.png' }] });
    const read = vi.fn(async () => new Uint8Array());
    await shelf.importFiles([{ path: 'big.zip', size: 300 * 2 ** 20, read }], DEFAULT_IMPORT_OPTIONS);
    expect(read).not.toHaveBeenCalled();
    expect(shelf.getSnapshot().problem).toBe('These files are 300 MB; the limit is 200 MB. Nothing was imported.');
  });

  it('deletes the kept dataset', async () => {
    const factory = new IDBFactory();
    const shelf = shelfWith(async () => ({ ok: true, dataset: datasetNamed('x.zip') }), factory);
    await shelf.importFiles([picked('x.zip')], DEFAULT_IMPORT_OPTIONS);
    await shelf.remove();
    expect(shelf.getSnapshot().dataset).toBeNull();
    const reloaded = shelfWith(vi.fn(), factory);
    await reloaded.start();
    expect(reloaded.getSnapshot().dataset).toBeNull();
  });
});
