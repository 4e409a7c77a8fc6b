import { describe, expect, it } from 'vitest';
import { readImageHeader } from './imageHeader.ts';

const bytes = (...parts: (number[] | string)[]) => Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));

describe('readImageHeader', () => {
  it('reads the size of each format from its header', () => {
    expect(readImageHeader(bytes('GIF89a', [0x20, 0x01, 0x10, 0x00]))).toEqual({ kind: 'image', format: 'gif', width: 288, height: 16 });
    // A JPEG with an APP0 segment of 4 bytes before its SOF0 frame header (height 0x0100, width 0x0200).
    expect(readImageHeader(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x01, 0x00, 0x02, 0x00, 3]))).toEqual({ kind: 'image', format: 'jpeg', width: 512, height: 256 });
    const vp8x = bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X', [10, 0, 0, 0, 0, 0, 0, 0], [99, 0, 0], [49, 0, 0]);
    expect(readImageHeader(vp8x)).toEqual({ kind: 'image', format: 'webp', width: 100, height: 50 });
  });

  it('tells a file that is no image from one cut short', () => {
    expect(readImageHeader(bytes('hello, this is text'))).toEqual({ kind: 'not-image' });
    expect(readImageHeader(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 4]))).toEqual({ kind: 'damaged', format: 'jpeg' });
    expect(readImageHeader(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toEqual({ kind: 'damaged', format: 'png' });
  });
});
