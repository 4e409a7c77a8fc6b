/**
 * MNIST-format datasets: the four files of KMNIST, EMNIST or the official Fashion-MNIST (train and test images,
 * idx3; train and test labels, idx1), each optionally gzipped as they are distributed. Which file is which comes from
 * its shape and its name ('train' or 't10k'/'test'). Never throws; a refused set keeps nothing.
 */
import { gunzipSync } from 'fflate';
import { parseIdx, type IdxArray } from './idx.ts';
import { quoteName } from './imageFolder.ts';

export interface NamedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface IdxDataset {
  readonly height: number;
  readonly width: number;
  /** Training images then test images, height×width bytes each. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly testCount: number;
  /** One more than the largest label. */
  readonly classCount: number;
}

export type IdxDatasetRead = { readonly ok: true; readonly value: IdxDataset } | { readonly ok: false; readonly message: string };

interface ParsedFile extends IdxArray {
  readonly name: string;
  readonly isTest: boolean;
}

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

function parseFile(file: NamedFile): ParsedFile | string {
  let bytes = file.bytes;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      return `${quoteName(file.name)} is gzipped but damaged or cut short.`;
    }
  }
  const read = parseIdx(bytes);
  if (!read.ok) return `${quoteName(file.name)} is not an MNIST-format (IDX) file: ${read.message}.`;
  return { ...read.value, name: file.name, isTest: /t10k|test/i.test(file.name) };
}

function pickFiles(parsed: readonly ParsedFile[]): Record<'trainImages' | 'trainLabels' | 'testImages' | 'testLabels', ParsedFile> | string {
  const find = (rank: number, isTest: boolean) => parsed.filter((file) => file.shape.length === rank && file.isTest === isTest);
  const picked = { trainImages: find(3, false), trainLabels: find(1, false), testImages: find(3, true), testLabels: find(1, true) };
  for (const [role, files] of Object.entries(picked)) {
    if (files.length !== 1) {
      const what = role.replace(/([A-Z])/, ' $1').toLowerCase();
      return `Expected one ${what} file (${role.endsWith('Images') ? 'idx3' : 'idx1'}, ${role.startsWith('test') ? "'t10k' or 'test'" : "'train'"} in its name); found ${files.length}. Choose the four files together.`;
    }
  }
  return { trainImages: picked.trainImages[0]!, trainLabels: picked.trainLabels[0]!, testImages: picked.testImages[0]!, testLabels: picked.testLabels[0]! };
}

/** Reads the four files, or says which is wrong. Sides outside [minSide, maxSide] and labels of maxClasses or more are refused. */
export function readIdxDataset(files: readonly NamedFile[], bounds: { minSide: number; maxSide: number; maxClasses: number; maxImages: number }): IdxDatasetRead {
  const fail = (message: string) => ({ ok: false, message }) as const;
  if (files.length !== 4) return fail(`Choose the four MNIST-format files together (train and test images, train and test labels); ${files.length} ${files.length === 1 ? 'was' : 'were'} chosen.`);
  const parsed: ParsedFile[] = [];
  for (const file of files) {
    const read = parseFile(file);
    if (typeof read === 'string') return fail(read);
    parsed.push(read);
  }
  const picked = pickFiles(parsed);
  if (typeof picked === 'string') return fail(picked);
  const { trainImages, trainLabels, testImages, testLabels } = picked;
  const [, height = 0, width = 0] = trainImages.shape;
  if (testImages.shape[1] !== height || testImages.shape[2] !== width) return fail(`${quoteName(trainImages.name)} holds ${height}×${width} images but ${quoteName(testImages.name)} ${testImages.shape[1]}×${testImages.shape[2]}: both sets must be one size.`);
  if (Math.min(height, width) < bounds.minSide || Math.max(height, width) > bounds.maxSide) return fail(`${quoteName(trainImages.name)} holds ${height}×${width} images; this page takes ${bounds.minSide}×${bounds.minSide} to ${bounds.maxSide}×${bounds.maxSide}.`);
  for (const [images, labels] of [[trainImages, trainLabels], [testImages, testLabels]] as const) {
    if (images.shape[0] !== labels.shape[0]) return fail(`${quoteName(images.name)} holds ${images.shape[0]} images but ${quoteName(labels.name)} ${labels.shape[0]} labels: they must match one to one.`);
    const bad = labels.data.findIndex((label) => label >= bounds.maxClasses);
    if (bad >= 0) return fail(`${quoteName(labels.name)} has the label ${labels.data[bad]} at position ${bad + 1}: labels must be 0 to ${bounds.maxClasses - 1}.`);
  }
  const count = (trainImages.shape[0] ?? 0) + (testImages.shape[0] ?? 0);
  if (count > bounds.maxImages) return fail(`These files hold ${count.toLocaleString('en-US')} images; the limit is ${bounds.maxImages.toLocaleString('en-US')}.`);
  if ((trainImages.shape[0] ?? 0) === 0 || (testImages.shape[0] ?? 0) === 0) return fail('Both the training and the test set need at least one image.');
  const classCount = 1 + trainLabels.data.reduce((max, label) => Math.max(max, label), 0);
  if (classCount < 2) return fail(`${quoteName(trainLabels.name)} has only the label 0: a classifier needs at least two classes.`);
  const unseen = testLabels.data.findIndex((label) => label >= classCount);
  if (unseen >= 0) return fail(`${quoteName(testLabels.name)} has the label ${testLabels.data[unseen]} at position ${unseen + 1}, which no training image has (they go up to ${classCount - 1}).`);
  const images = new Uint8Array(trainImages.data.length + testImages.data.length);
  images.set(trainImages.data);
  images.set(testImages.data, trainImages.data.length);
  const labels = new Uint8Array(count);
  labels.set(trainLabels.data);
  labels.set(testLabels.data, trainLabels.data.length);
  return { ok: true, value: { height, width, images, labels, testCount: testImages.shape[0] ?? 0, classCount } };
}
