/**
 * IDX bytes fuzzed: parseIdx reads any bytes, and valid files cut short, padded or with a damaged header (sizes up to
 * 2³² − 1 per axis), without throwing and in time that does not grow with the sizes a header claims; what it accepts is
 * a view of exactly the bytes its header declares, never a copy or more; and every IDX file encodeIdx writes reads back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzz, timed } from '../domain/fuzzing.ts';
import { encodeIdx, parseIdx, type IdxParse } from './idx.ts';

const BOUNDARY = 'IDX bytes';
const UINT32_MAX = 2 ** 32 - 1;

/** An answer no larger than its input: a view into the same bytes, as long as the header says, after the header. */
function expectView(result: IdxParse, bytes: Uint8Array): void {
  if (!result.ok) {
    expect(result.message).toMatch(/^\S.{5,99}$/);
    return;
  }
  const { shape, data } = result.value;
  expect(shape.length).toBeGreaterThanOrEqual(1);
  expect(shape.length).toBeLessThanOrEqual(4);
  expect(data.length).toBe(shape.reduce((a, b) => a * b, 1));
  expect(data.length).toBe(bytes.length - 4 - 4 * shape.length);
  expect(data.buffer).toBe(bytes.buffer);
  expect(data.byteOffset).toBe(bytes.byteOffset + 4 + 4 * shape.length);
}

/** Shapes up to rank 4 whose files stay small. */
const smallShape = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 });
const validFile = smallShape.chain((shape) =>
  fc.uint8Array({ minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) }).map((data) => ({ shape, data, bytes: encodeIdx(shape, data) })),
);
/** The same bytes at an offset inside a larger buffer, as a subarray of a download would be. */
const atOffset = (bytes: Uint8Array, offset: number) => {
  const buffer = new Uint8Array(offset + bytes.length + 3);
  buffer.set(bytes, offset);
  return buffer.subarray(offset, offset + bytes.length);
};

describe('IDX bytes, fuzzed', () => {
  it('reads any bytes without throwing, in bounded time, into a view of exactly the declared data', () => {
    const header = fc.tuple(fc.constantFrom(0, 1), fc.constantFrom(0, 8, 9, 0x0d), fc.integer({ min: 0, max: 6 }));
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.tuple(header, fc.uint8Array({ maxLength: 200 })).map(([[zero, type, rank], rest]) => Uint8Array.from([0, zero, type, rank, ...rest])),
    );
    fuzz(BOUNDARY, fc.property(bytes, fc.nat({ max: 7 }), (raw, offset) => {
      const input = atOffset(raw, offset);
      expectView(timed(() => parseIdx(input)), input);
    }));
  });

  it('reads a valid file cut short, padded or with one header byte or size changed, whatever size it claims', () => {
    const damage = fc.oneof(
      fc.nat().map((at) => (bytes: Uint8Array) => bytes.subarray(0, at % (bytes.length + 1))),
      fc.uint8Array({ minLength: 1, maxLength: 16 }).map((extra) => (bytes: Uint8Array) => Uint8Array.from([...bytes, ...extra])),
      fc.record({ at: fc.nat({ max: 19 }), byte: fc.integer({ min: 0, max: 255 }) }).map(({ at, byte }) => (bytes: Uint8Array) => {
        const copy = bytes.slice();
        if (at < copy.length) copy[at] = byte;
        return copy;
      }),
      fc.record({ axis: fc.nat({ max: 3 }), size: fc.oneof(fc.constant(UINT32_MAX), fc.integer({ min: 0, max: UINT32_MAX })) }).map(({ axis, size }) => (bytes: Uint8Array) => {
        const copy = bytes.slice();
        if (4 + 4 * axis + 4 <= Math.min(copy.length, 4 + 4 * (copy[3] ?? 0))) new DataView(copy.buffer).setUint32(4 + 4 * axis, size, false);
        return copy;
      }),
    );
    fuzz(BOUNDARY, fc.property(validFile, damage, ({ bytes }, change) => {
      const damaged = change(bytes);
      expectView(timed(() => parseIdx(damaged)), damaged);
    }));
  });

  it('brings back the shape and bytes of every file encodeIdx writes, at any offset in its buffer', () => {
    fuzz(BOUNDARY, fc.property(validFile, fc.nat({ max: 7 }), ({ shape, data, bytes }, offset) => {
      const result = timed(() => parseIdx(atOffset(bytes, offset)));
      expect(result.ok && { shape: result.value.shape, data: Array.from(result.value.data) }).toEqual({ shape, data: Array.from(data) });
    }));
  });
});
