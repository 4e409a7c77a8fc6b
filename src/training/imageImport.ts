/**
 * Builds the person's dataset from a folder's files, a ZIP or MNIST-format files, all in memory: every check passes
 * and every image decodes, or the answer is a message and nothing is kept. Decoding is injected (the worker's
 * createImageBitmap in the browser, a fake in tests). Never throws.
 */
import { channelsOf, describeImportedDataset, IMPORT_LIMITS, type ImportedDataset, type ImportOptions, type ImportOrigin } from '../domain/importedDataset.ts';
import { readFolderLayout, quoteName, type ClassFolder } from '../data/imageFolder.ts';
import { compareAsImageFolder } from '../data/imageFolderOrder.ts';
import { readImageHeader } from '../data/imageHeader.ts';
import { pixelsFromRgba } from '../data/imagePixels.ts';
import { readIdxDataset, type NamedFile } from '../data/idxDataset.ts';
import { splitByClass } from '../data/splitDataset.ts';
import { readZipEntries, type ZipEntry } from '../data/zipEntries.ts';

/** RGBA pixels of the image stretched to side×side, or null when the browser cannot decode it. */
export type DecodeImage = (bytes: Uint8Array, side: number) => Promise<Uint8ClampedArray | null>;

export type ImportAnswer = { readonly ok: true; readonly dataset: ImportedDataset } | { readonly ok: false; readonly message: string };

interface Source {
  readonly origin: ImportOrigin;
  readonly sourceName: string;
  readonly now: number;
}

const fail = (message: string) => ({ ok: false, message }) as const;
const count = (n: number) => n.toLocaleString('en-US');

export function checkOptions(options: ImportOptions): string | null {
  const { minSide, maxSide } = IMPORT_LIMITS;
  if (!Number.isInteger(options.side) || options.side < minSide || options.side > maxSide) return `The image size must be a whole number from ${minSide} to ${maxSide}.`;
  if (!(options.testFraction >= 0.05 && options.testFraction <= 0.5)) return 'The test share must be from 5% to 50%.';
  return null;
}

export async function importZip(zip: Uint8Array, source: Source, options: ImportOptions, decode: DecodeImage): Promise<ImportAnswer> {
  const read = readZipEntries(zip, quoteName(source.sourceName), { maxEntries: IMPORT_LIMITS.maxImages * 2, maxBytes: IMPORT_LIMITS.maxInputBytes });
  if (!read.ok) return read;
  return importFolder(read.entries, source, options, decode);
}

interface Found {
  readonly entry: ZipEntry;
  readonly label: number;
}

/**
 * Reads every header first: formats, sizes and per-class counts are checked before any pixel is decoded. Each class's
 * files are taken in ImageFolder's order, not the ZIP's: the seeded split then holds out what the exported code does.
 */
function checkImages(entries: readonly ZipEntry[], classes: readonly ClassFolder[]): { found: Found[]; notImages: number } | string {
  const found: Found[] = [];
  let notImages = 0;
  for (const [label, folder] of classes.entries()) {
    let images = 0;
    for (const index of [...folder.files].sort((a, b) => compareAsImageFolder(entries[a]!.path, entries[b]!.path))) {
      const entry = entries[index]!;
      const header = readImageHeader(entry.bytes);
      if (header.kind === 'not-image') {
        notImages++;
        continue;
      }
      if (header.kind === 'damaged') return `${quoteName(entry.path)} is a damaged or cut-short ${header.format.toUpperCase()} file: its size cannot be read. Remove or replace it; nothing was imported.`;
      const pixels = header.width * header.height;
      if (pixels > IMPORT_LIMITS.maxSourcePixels) {
        return `${quoteName(entry.path)} is ${count(header.width)}×${count(header.height)} (${Math.round(pixels / 1e6)} megapixels); images up to ${IMPORT_LIMITS.maxSourcePixels / 1e6} megapixels are read. Shrink it first; nothing was imported.`;
      }
      found.push({ entry, label });
      images++;
    }
    if (images === 0) return `The class folder ${quoteName(folder.name)} holds no PNG, JPEG, WebP or GIF images: add some or remove the folder.`;
  }
  return { found, notImages };
}

export async function importFolder(entries: readonly ZipEntry[], source: Source, options: ImportOptions, decode: DecodeImage): Promise<ImportAnswer> {
  const badOptions = checkOptions(options);
  if (badOptions) return fail(badOptions);
  const layout = readFolderLayout(entries);
  if (!layout.ok) return layout;
  const { classes, hidden, outsideClasses } = layout.value;
  if (classes.length > IMPORT_LIMITS.maxClasses) return fail(`${count(classes.length)} class folders; the limit is ${IMPORT_LIMITS.maxClasses}.`);
  const checked = checkImages(entries, classes);
  if (typeof checked === 'string') return fail(checked);
  const { found, notImages } = checked;
  const channels = channelsOf(options.colourMode);
  const imageBytes = options.side * options.side * channels;
  if (found.length > IMPORT_LIMITS.maxImages) return fail(`${count(found.length)} images; the limit is ${count(IMPORT_LIMITS.maxImages)}. Nothing was imported.`);
  if (found.length * imageBytes > IMPORT_LIMITS.maxDatasetBytes) return fail(`${count(found.length)} images at ${options.side}×${options.side}×${channels} would take more than ${IMPORT_LIMITS.maxDatasetBytes / 2 ** 20} MB: choose a smaller size or greyscale.`);
  const images = new Uint8Array(found.length * imageBytes);
  const labels = new Uint8Array(found.length);
  let resized = 0;
  for (const [i, { entry, label }] of found.entries()) {
    const rgba = await decode(entry.bytes, options.side);
    if (rgba === null || rgba.length !== options.side * options.side * 4) return fail(`${quoteName(entry.path)} could not be decoded: it is damaged or cut short. Remove or replace it; nothing was imported.`);
    const header = readImageHeader(entry.bytes);
    if (header.kind === 'image' && (header.width !== options.side || header.height !== options.side)) resized++;
    images.set(pixelsFromRgba(rgba, channels), i * imageBytes);
    labels[i] = label;
  }
  const testMask = splitByClass(labels, classes.length, options.testFraction, options.seed);
  const testCount = testMask.reduce((sum, bit) => sum + bit, 0);
  const info = describeImportedDataset({
    classNames: classes.map((folder) => folder.name),
    height: options.side,
    width: options.side,
    channels,
    trainCount: found.length - testCount,
    testCount,
    origin: source.origin,
    sourceName: source.sourceName,
    split: { testFraction: options.testFraction, seed: options.seed },
  });
  return { ok: true, dataset: { info, images, labels, testMask, origin: source.origin, sourceName: source.sourceName, skipped: { hidden, outsideClasses, notImages }, resized, importedAt: source.now } };
}

/** MNIST-format files keep their own size, greyscale, and their own train/test split. */
export function importIdx(files: readonly NamedFile[], now: number): ImportAnswer {
  const read = readIdxDataset(files, IMPORT_LIMITS);
  if (!read.ok) return read;
  const { height, width, images, labels, testCount, classCount } = read.value;
  const testMask = new Uint8Array(labels.length);
  testMask.fill(1, labels.length - testCount);
  const sourceName = files.map((file) => file.name).sort().join(', ');
  const info = describeImportedDataset({
    classNames: Array.from({ length: classCount }, (_, i) => String(i)),
    height,
    width,
    channels: 1,
    trainCount: labels.length - testCount,
    testCount,
    origin: 'idx',
    sourceName,
    split: null,
  });
  const skipped = { hidden: 0, outsideClasses: 0, notImages: 0 };
  return { ok: true, dataset: { info, images, labels, testMask, origin: 'idx', sourceName, skipped, resized: 0, importedAt: now } };
}
