import { describe, expect, it } from 'vitest';
import { encodeExampleFiles, readExampleFiles } from './exampleFiles.ts';
import { encodeIdx, parseIdx } from './idx.ts';

const images = Uint8Array.from({ length: 3 * 784 }, (_, i) => (i * 37) % 256);
const labels = Uint8Array.from([7, 0, 9]);

describe('MNIST-format example files', () => {
  it('round-trip: what is exported reads back the same, files in either order', () => {
    const files = encodeExampleFiles({ images, labels });
    expect(parseIdx(files.images)).toMatchObject({ ok: true, value: { shape: [3, 28, 28] } });
    expect(parseIdx(files.labels)).toMatchObject({ ok: true, value: { shape: [3] } });
    const named = [
      { name: 'handwriting-images-idx3-ubyte', bytes: files.images },
      { name: 'handwriting-labels-idx1-ubyte', bytes: files.labels },
    ];
    expect(readExampleFiles(named)).toEqual({ ok: true, value: { images, labels } });
    expect(readExampleFiles([...named].reverse())).toEqual({ ok: true, value: { images, labels } });
  });

  it('writes the exact MNIST headers: magic 0x00000803 and 0x00000801, big-endian sizes', () => {
    const files = encodeExampleFiles({ images, labels });
    expect([...files.images.subarray(0, 16)]).toEqual([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 28, 0, 0, 0, 28]);
    expect([...files.labels.subarray(0, 8)]).toEqual([0, 0, 8, 1, 0, 0, 0, 3]);
  });

  const labelsFile = { name: 'labels.idx1', bytes: encodeIdx([3], labels) };
  it.each([
    ['images that are not 28×28', [{ name: 'big.idx3', bytes: encodeIdx([3, 32, 32], new Uint8Array(3 * 1024)) }, labelsFile], /“big\.idx3” holds 32×32 images; MNIST's, and this page's, are 28×28\./],
    ['a label outside 0–9', [{ name: 'img.idx3', bytes: encodeIdx([3, 28, 28], images) }, { name: 'bad-labels', bytes: encodeIdx([3], Uint8Array.from([1, 12, 3])) }], /“bad-labels” has the label 12 at position 2: digits are 0 to 9\./],
    ['counts that differ', [{ name: 'img.idx3', bytes: encodeIdx([2, 28, 28], images.slice(0, 1568)) }, labelsFile], /“img\.idx3” holds 2 images but “labels\.idx1” 3 labels/],
    ['a file that is not IDX', [{ name: 'photo.png', bytes: Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]) }, labelsFile], /“photo\.png” is not an MNIST-format file: not an IDX file/],
    ['a truncated file', [{ name: 'cut.idx3', bytes: encodeIdx([3, 28, 28], images).slice(0, 100) }, labelsFile], /“cut\.idx3” is not an MNIST-format file: truncated/],
    ['one file only', [labelsFile], /Choose two files together.*only one was chosen/],
    ['two label files', [labelsFile, { ...labelsFile, name: 'again.idx1' }], /expected images \(count×28×28\) and labels \(count\)/],
  ])('refuses %s, naming the file and the reason', (_case, files, message) => {
    expect(readExampleFiles(files)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });
});
