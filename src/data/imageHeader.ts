/**
 * What an image file says it is, from its first bytes: the format and the pixel size, read before decoding so a
 * 100-megapixel image is refused without the browser allocating its pixels. Never throws.
 */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export type ImageHeader =
  | { readonly kind: 'image'; readonly format: ImageFormat; readonly width: number; readonly height: number }
  /** Not one of the four formats: skipped and counted. */
  | { readonly kind: 'not-image' }
  /** Starts as one of them but its size cannot be read: cut short or damaged. */
  | { readonly kind: 'damaged'; readonly format: ImageFormat };

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function sized(format: ImageFormat, width: number, height: number): ImageHeader {
  return width > 0 && height > 0 ? { kind: 'image', format, width, height } : { kind: 'damaged', format };
}

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, PNG)) {
    // IHDR is the first chunk: width and height, big-endian, at 16 and 20.
    return bytes.length >= 24 && startsWith(bytes, ascii('IHDR'), 12) ? sized('png', view.getUint32(16), view.getUint32(20)) : { kind: 'damaged', format: 'png' };
  }
  if (startsWith(bytes, ascii('GIF8'))) return bytes.length >= 10 ? sized('gif', view.getUint16(6, true), view.getUint16(8, true)) : { kind: 'damaged', format: 'gif' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return readWebp(bytes, view);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return readJpeg(bytes, view);
  return { kind: 'not-image' };
}

function readWebp(bytes: Uint8Array, view: DataView): ImageHeader {
  const damaged = { kind: 'damaged', format: 'webp' } as const;
  if (bytes.length < 30) return damaged;
  if (startsWith(bytes, ascii('VP8X'), 12)) {
    const width = 1 + (view.getUint16(24, true) | ((bytes[26] ?? 0) << 16));
    const height = 1 + (view.getUint16(27, true) | ((bytes[29] ?? 0) << 16));
    return sized('webp', width, height);
  }
  if (startsWith(bytes, ascii('VP8L'), 12)) {
    if (bytes[20] !== 0x2f) return damaged;
    const bits = view.getUint32(21, true);
    return sized('webp', 1 + (bits & 0x3fff), 1 + ((bits >>> 14) & 0x3fff));
  }
  if (startsWith(bytes, ascii('VP8 '), 12)) {
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return damaged;
    return sized('webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  }
  return damaged;
}

/** The frame header (SOF0–SOF15 but DHT, JPG and DAC) holds the size; markers before it are skipped by their lengths. */
function readJpeg(bytes: Uint8Array, view: DataView): ImageHeader {
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) return { kind: 'damaged', format: 'jpeg' };
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return sized('jpeg', view.getUint16(at + 7), view.getUint16(at + 5));
    at += 2 + view.getUint16(at + 2);
  }
  return { kind: 'damaged', format: 'jpeg' };
}
