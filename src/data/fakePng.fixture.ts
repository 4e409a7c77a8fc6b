/**
 * A PNG's signature and IHDR: enough for the page's header reader (imageHeaders.ts). Byte 29 carries a marker of the
 * test's own (a colour, a file's place in a list), which the tests' fake decoders read back.
 */
export function fakePngHeader(width: number, height: number, marker = 0): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes[29] = marker;
  return bytes;
}
