/**
 * The MNIST manifest fuzzed: checkManifest reads any JSON value, and valid manifests with one field replaced, removed or
 * added, without throwing and in bounded time; what it accepts names the four MNIST files with their published hashes and
 * shapes, at paths that stay inside the data folder, with whole-number sizes; and every valid manifest reads back as it is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzz, hostileValue, mutate, mutation, timed } from '../domain/fuzzing.ts';
import { checkManifest, MNIST_FILES, type ManifestCheck, type ManifestEntry } from './manifest.ts';

const BOUNDARY = 'MNIST manifest';
const FOLDER = 'https://example.org/app/mnist/';

/** What loadMnist may rely on: the published hashes and shapes, files inside the folder, sizes it can compare and add. */
function expectUsable(result: ManifestCheck): void {
  if (!result.ok) {
    expect(result.message).toMatch(/^\S.{5,99}$/);
    return;
  }
  expect(result.manifest.files.map((f) => [f.part, f.sha256, f.shape])).toEqual(MNIST_FILES.map((f) => [f.part, f.sha256, f.shape]));
  for (const { path, rawBytes, gzipBytes } of result.manifest.files) {
    const url = new URL(path, FOLDER).href;
    expect(url.startsWith(FOLDER) && url.length > FOLDER.length).toBe(true);
    expect([rawBytes, gzipBytes].every((n) => Number.isSafeInteger(n) && n >= 0)).toBe(true);
  }
}

const fileName = fc.string({ unit: fc.constantFrom(...'abz09_.-'), minLength: 1, maxLength: 12 });
const entry = (info: (typeof MNIST_FILES)[number]) =>
  fc.record({ path: fileName, rawBytes: fc.nat(), gzipBytes: fc.nat() }).map(({ path, rawBytes, gzipBytes }): ManifestEntry => ({ part: info.part, path, sha256: info.sha256, rawBytes, gzipBytes, shape: info.shape }));
/** The four entries in any order, sometimes with entries for other files. */
const validManifest = fc
  .tuple(fc.tuple(...MNIST_FILES.map(entry)), fc.array(fc.nat()), fc.array(fc.record({ part: fc.string(), path: fileName }), { maxLength: 2 }))
  .map(([entries, order, extra]) => ({
    format: 'idx-gzip',
    files: [...entries.map((e, i) => ({ e, key: order[i] ?? 0 })).sort((a, b) => a.key - b.key).map(({ e }) => e), ...extra],
  }))
  .filter(({ files }) => files.every((f) => f.path !== '.' && f.path !== '..'));

describe('MNIST manifest, fuzzed', () => {
  it('reads any value without throwing, in bounded time', () => {
    fuzz(BOUNDARY, fc.property(fc.oneof(hostileValue, fc.jsonValue(), hostileValue.map((files) => ({ format: 'idx-gzip', files }))), (json) => expectUsable(timed(() => checkManifest(json)))));
  });

  it('reads a valid manifest with one field replaced, removed or added: never a path outside the folder, never odd sizes', () => {
    fuzz(BOUNDARY, fc.property(validManifest, mutation, (manifest, change) => expectUsable(timed(() => checkManifest(mutate(manifest, change))))));
  });

  it('reads a valid manifest with one field of one entry set to a hostile value or a file name of dots', () => {
    const field = fc.constantFrom('part', 'path', 'sha256', 'rawBytes', 'gzipBytes', 'shape');
    const value = fc.oneof(hostileValue, fc.constantFrom('.', '..', '...', '.hidden'), fileName);
    fuzz(BOUNDARY, fc.property(validManifest, fc.nat({ max: 3 }), field, value, (manifest, index, key, to) => {
      const files = manifest.files.map((file, i) => (i === index ? { ...file, [key]: to } : file));
      expectUsable(timed(() => checkManifest({ ...manifest, files })));
    }));
  });

  it('brings back every valid manifest as it is', () => {
    fuzz(BOUNDARY, fc.property(validManifest, (manifest) => {
      const files = MNIST_FILES.map((info) => manifest.files.find((f) => f.part === info.part));
      expect(timed(() => checkManifest(manifest))).toEqual({ ok: true, manifest: { format: 'idx-gzip', files } });
    }));
  });
});
