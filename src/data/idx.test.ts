import { describe, expect, it } from 'vitest';
import { encodeIdx, parseIdx } from './idx.ts';

describe('parseIdx', () => {
  const images = encodeIdx([2, 2, 3], Uint8Array.from([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]));

  it('reads shape and data of a valid file', () => {
    const result = parseIdx(images);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.shape).toEqual([2, 2, 3]);
    expect(Array.from(result.value.data)).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
  });

  it('reads a 20-byte labels file byte for byte', () => {
    const bytes = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 12, 5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5]);
    const result = parseIdx(bytes);
    expect(result.ok && result.value.shape).toEqual([12]);
    expect(result.ok && Array.from(result.value.data)).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5]);
  });

  it('reports a truncated file with how much is missing', () => {
    expect(parseIdx(images.subarray(0, images.length - 5))).toEqual({ ok: false, message: 'truncated: 7 of 12 data bytes' });
  });

  it('reports a truncated header', () => {
    expect(parseIdx(images.subarray(0, 9))).toEqual({ ok: false, message: 'truncated IDX header' });
  });

  it('reports trailing bytes', () => {
    const longer = new Uint8Array(images.length + 2);
    longer.set(images);
    expect(parseIdx(longer)).toEqual({ ok: false, message: '2 unexpected bytes after the data' });
  });

  it.each([
    ['a bad magic number', [1, 0, 8, 1, 0, 0, 0, 0], 'not an IDX file (bad magic number)'],
    ['a non-byte element type', [0, 0, 0x0d, 1, 0, 0, 0, 0], 'unsupported IDX element type 0xd'],
    ['rank 0', [0, 0, 8, 0], 'unexpected IDX rank 0'],
    ['too few bytes', [0, 0], 'too short to be an IDX file (2 bytes)'],
    ['gzip bytes', [0x1f, 0x8b, 8, 0], 'not an IDX file (bad magic number)'],
  ])('rejects %s', (_name, bytes, message) => {
    expect(parseIdx(Uint8Array.from(bytes))).toEqual({ ok: false, message });
  });
});
