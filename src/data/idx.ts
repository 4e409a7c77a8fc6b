/**
 * IDX, the format MNIST ships in: 2 zero bytes, a type byte, a dimension count, big-endian uint32 sizes, then data.
 * Only unsigned bytes (type 0x08) are accepted: every MNIST file uses them.
 */
export interface IdxArray {
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

export type IdxParse = { readonly ok: true; readonly value: IdxArray } | { readonly ok: false; readonly message: string };

const UBYTE = 0x08;

export function parseIdx(bytes: Uint8Array): IdxParse {
  if (bytes.length < 4) return { ok: false, message: `too short to be an IDX file (${bytes.length} bytes)` };
  if (bytes[0] !== 0 || bytes[1] !== 0) return { ok: false, message: 'not an IDX file (bad magic number)' };
  if (bytes[2] !== UBYTE) return { ok: false, message: `unsupported IDX element type 0x${(bytes[2] ?? 0).toString(16)}` };
  const rank = bytes[3] ?? 0;
  if (rank < 1 || rank > 4) return { ok: false, message: `unexpected IDX rank ${rank}` };
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) return { ok: false, message: 'truncated IDX header' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = shape.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerLength;
  if (actual < expected) return { ok: false, message: `truncated: ${actual} of ${expected} data bytes` };
  if (actual > expected) return { ok: false, message: `${actual - expected} unexpected bytes after the data` };
  return { ok: true, value: { shape, data: bytes.subarray(headerLength) } };
}

/** An IDX header and data, for tests and fixtures. */
export function encodeIdx(shape: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = UBYTE;
  out[3] = shape.length;
  shape.forEach((size, i) => view.setUint32(4 + 4 * i, size, false));
  out.set(data, 4 + 4 * shape.length);
  return out;
}
