import { describe, expect, it } from 'vitest';
import { compareAsImageFolder, compareCodePoints } from './imageFolderOrder.ts';

const sorted = (paths: readonly string[]) => [...paths].sort(compareAsImageFolder);

describe("ImageFolder's order of a class's files", () => {
  it('sorts names as text, not as numbers (img10 before img2), capitals before small letters', () => {
    expect(sorted(['cats/img2.png', 'cats/img10.png', 'cats/Img3.png', 'cats/img1.png'])).toEqual(['cats/Img3.png', 'cats/img1.png', 'cats/img10.png', 'cats/img2.png']);
  });

  it("lists a folder's own files before its sub-folders, and sub-folders by their path", () => {
    // sorted(os.walk) visits cats, cats/sub, cats/sub-1 ('cats/sub' is a prefix of 'cats/sub-1'), each folder's names sorted.
    const paths = ['cats/sub-1/a.png', 'cats/sub/z.png', 'cats/zz.png', 'cats/sub/b.png', 'cats/a.png'];
    expect(sorted(paths)).toEqual(['cats/a.png', 'cats/zz.png', 'cats/sub/b.png', 'cats/sub/z.png', 'cats/sub-1/a.png']);
    // Whole paths as text would differ: 'cats/sub-1/…' < 'cats/sub/…' < 'cats/zz.png'.
    expect([...paths].sort()).not.toEqual(sorted(paths));
  });

  it('reads backslashes, doubled slashes and ./ as the folder reader does', () => {
    expect(sorted(['shapes\\cats\\b.png', 'shapes/cats//a.png', './shapes/cats/sub/a.png'])).toEqual(['shapes/cats//a.png', 'shapes\\cats\\b.png', './shapes/cats/sub/a.png']);
  });

  it('compares by code point as Python does, past U+FFFF too', () => {
    // U+FF5E (a BMP character) is below U+1F600 as a code point, above it as a UTF-16 unit (0xD83D).
    expect(compareCodePoints('\uff5e', '😀')).toBeLessThan(0);
    expect('\uff5e' < '😀').toBe(false);
    expect(compareCodePoints('a😀b', 'a😀c')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('abc', 'abc')).toBe(0);
  });
});
