import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_IMPORT_OPTIONS, toDatasetArrays } from '../domain/importedDataset.ts';
import { encodeIdx } from '../data/idx.ts';
import { fakePngHeader } from '../data/fakePng.fixture.ts';
import { importFolder, importIdx, importZip, type DecodeImage } from './imageImport.ts';

/** Fills the image with the colour the fake PNG carries; red 255 stands for a file the browser cannot decode. */
const fakeDecode: DecodeImage = async (bytes, side) => (bytes[29] === 255 ? null : new Uint8ClampedArray(side * side * 4).fill(bytes[29] ?? 0));

const source = { origin: 'zip', sourceName: 'shapes.zip', now: 1 } as const;
const options = { ...DEFAULT_IMPORT_OPTIONS, side: 8, colourMode: 'rgb' as const };
const entries = (files: Record<string, Uint8Array>) => Object.entries(files).map(([path, bytes]) => ({ path, bytes }));
const tenEach = (extra: Record<string, Uint8Array> = {}) =>
  entries({ ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [[`a/${i}.png`, fakePngHeader(32, 32, 10)], [`b/${i}.png`, fakePngHeader(40, 20, 20)]]).flat()), ...extra });

describe('importFolder', () => {
  it('builds the dataset: classes by folder, images resized to the chosen size and mode, a seeded 80/20 split', async () => {
    const answer = await importFolder(tenEach({ 'a/notes.txt': new Uint8Array([1, 2, 3]) }), source, options, fakeDecode);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const { info, images, labels, skipped, resized } = answer.dataset;
    expect(info).toMatchObject({ id: 'your-images', inputShape: [8, 8, 3], classNames: ['a', 'b'], trainCount: 16, testCount: 4, imageFolder: { testFraction: 0.2, seed: 1337 } });
    expect(images.length).toBe(20 * 8 * 8 * 3);
    expect([...labels].filter((l) => l === 1).length).toBe(10);
    expect(images[labels.indexOf(1) * 192]).toBe(20);
    expect(skipped.notImages).toBe(1);
    expect(resized).toBe(20);
    const arrays = toDatasetArrays(answer.dataset);
    expect([arrays.trainLabels.length, arrays.testLabels.length, arrays.testImages.length]).toEqual([16, 4, 4 * 192]);
  });

  it('makes greyscale with the luma weights Keras uses', async () => {
    const answer = await importFolder(tenEach(), source, { ...options, colourMode: 'grayscale' }, fakeDecode);
    expect(answer.ok && answer.dataset.info.inputShape).toEqual([8, 8, 1]);
    expect(answer.ok && answer.dataset.images[0]).toBe(10);
  });

  it.each([
    ['a corrupt image (the browser cannot decode it)', { 'b/bad.png': fakePngHeader(32, 32, 255) }, '“b/bad.png” could not be decoded'],
    ['a truncated image (its header cut short)', { 'b/cut.png': fakePngHeader(32, 32).slice(0, 14) }, '“b/cut.png” is a damaged or cut-short PNG'],
    ['a 100-megapixel image, refused by its header', { 'a/huge.png': fakePngHeader(10_000, 10_000) }, '“a/huge.png” is 10,000×10,000 (100 megapixels)'],
    ['a class of non-images only', { 'c/readme.txt': new Uint8Array([65]) }, '“c” holds no PNG, JPEG, WebP or GIF images'],
  ])('refuses %s, naming the file', async (_, extra, message) => {
    const answer = await importFolder(tenEach(extra), source, options, fakeDecode);
    expect(answer).toEqual({ ok: false, message: expect.stringContaining(message) });
  });

  it('refuses more than 50,000 images, and more than the kept-bytes bound, before decoding any', async () => {
    const decode = vi.fn(fakeDecode);
    const many = entries(Object.fromEntries(Array.from({ length: 50_001 }, (_, i) => [`${i % 2 ? 'a' : 'b'}/${i}.png`, fakePngHeader(8, 8)])));
    expect(await importFolder(many, source, options, decode)).toEqual({ ok: false, message: '50,001 images; the limit is 50,000. Nothing was imported.' });
    const large = entries(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`${i % 2 ? 'a' : 'b'}/${i}.png`, fakePngHeader(8, 8)])));
    expect(await importFolder(large, source, { ...options, side: 64 }, decode)).toEqual({ ok: false, message: expect.stringContaining('20,000 images at 64×64×3 would take more than 160 MB') });
    expect(decode).not.toHaveBeenCalled();
  });

  it("takes each class's files in ImageFolder's order whatever the ZIP's, so the split is the same", async () => {
    // Names that sort differently as text and as numbers, and a sub-folder listed after its folder's own files.
    const names = ['img2.png', 'img10.png', 'img1.png', 'sub/img0.png', 'zz.png', 'img3.png'];
    const files = names.flatMap((name, i) => [[`a/${name}`, fakePngHeader(8, 8, 10 + i)] as const, [`b/${name}`, fakePngHeader(8, 8, 100 + i)] as const]);
    const listed = await importFolder(entries(Object.fromEntries(files)), source, options, fakeDecode);
    const reversed = await importFolder(entries(Object.fromEntries([...files].reverse())), source, options, fakeDecode);
    if (!listed.ok || !reversed.ok) throw new Error('both imports should succeed');
    // One byte per image (each fake image is one colour): class a's in ImageFolder's order, then class b's.
    const colours = (images: Uint8Array) => Array.from({ length: images.length / 192 }, (_, i) => images[i * 192]);
    const imageFolderOrder = ['img1.png', 'img10.png', 'img2.png', 'img3.png', 'zz.png', 'sub/img0.png'].map((name) => names.indexOf(name));
    expect(colours(listed.dataset.images)).toEqual([...imageFolderOrder.map((i) => 10 + i), ...imageFolderOrder.map((i) => 100 + i)]);
    expect(colours(reversed.dataset.images)).toEqual(colours(listed.dataset.images));
    expect([...reversed.dataset.labels]).toEqual([...listed.dataset.labels]);
    expect([...reversed.dataset.testMask]).toEqual([...listed.dataset.testMask]);
  });

  it('refuses an image size outside the limits', async () => {
    expect(await importFolder(tenEach(), source, { ...options, side: 65 }, fakeDecode)).toEqual({ ok: false, message: expect.stringContaining('from 8 to 64') });
  });
});

describe('importZip', () => {
  it('reads a ZIP with a top folder and __MACOSX through fflate', async () => {
    const zip = zipSync({ 'shapes/a/1.png': fakePngHeader(16, 16, 5), 'shapes/b/1.png': fakePngHeader(16, 16, 6), 'shapes/b/2.png': fakePngHeader(16, 16, 6), '__MACOSX/shapes/a/._1.png': new Uint8Array(4) });
    const answer = await importZip(zip, source, options, fakeDecode);
    expect(answer.ok && answer.dataset.info.classNames).toEqual(['a', 'b']);
    expect(answer.ok && answer.dataset.skipped.hidden).toBe(1);
  });

  it('refuses a file that is not a ZIP, and a ZIP of no class folders', async () => {
    expect(await importZip(new Uint8Array([1, 2, 3, 4]), source, options, fakeDecode)).toEqual({ ok: false, message: expect.stringContaining('could not be read as a ZIP file') });
    expect(await importZip(zipSync({ '1.png': fakePngHeader(8, 8) }), source, options, fakeDecode)).toEqual({ ok: false, message: expect.stringContaining('No class folders') });
  });
});

describe('importIdx', () => {
  const images = (n: number, side = 28) => encodeIdx([n, side, side], new Uint8Array(n * side * side).fill(7));
  const labels = (...values: number[]) => encodeIdx([values.length], Uint8Array.from(values));
  const four = (over: Partial<Record<string, Uint8Array>> = {}) =>
    entries({ 'train-images-idx3-ubyte': images(3), 'train-labels-idx1-ubyte': labels(0, 1, 2), 't10k-images-idx3-ubyte': images(2), 't10k-labels-idx1-ubyte': labels(2, 0), ...over }).map(({ path, bytes }) => ({ name: path, bytes }));

  it('reads the four files (gzipped or not), their own split and size', () => {
    const answer = importIdx(four({ 'train-images-idx3-ubyte': gzipSync(images(3)) }), 1);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.dataset.info).toMatchObject({ inputShape: [28, 28, 1], classNames: ['0', '1', '2'], trainCount: 3, testCount: 2 });
    expect([...answer.dataset.testMask]).toEqual([0, 0, 0, 1, 1]);
  });

  it.each([
    ['wrong magic', { 'train-images-idx3-ubyte': new Uint8Array([1, 2, 8, 3, 0, 0, 0, 0]) }, 'bad magic number'],
    ['counts disagreeing with the file size', { 't10k-images-idx3-ubyte': images(2).slice(0, 100) }, 'truncated'],
    ['labels out of range', { 't10k-labels-idx1-ubyte': labels(2, 3) }, 'the label 3 at position 2, which no training image has'],
    ['images and labels of different counts', { 'train-labels-idx1-ubyte': labels(0, 1) }, 'holds 3 images but “train-labels-idx1-ubyte” 2 labels'],
  ])('refuses %s, naming the file', (_, over, message) => {
    expect(importIdx(four(over), 1)).toEqual({ ok: false, message: expect.stringContaining(message) });
  });
});
