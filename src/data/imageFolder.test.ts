import { describe, expect, it } from 'vitest';
import { readFolderLayout } from './imageFolder.ts';

const paths = (...list: string[]) => list.map((path) => ({ path }));

describe('readFolderLayout', () => {
  it('reads one folder per class, sorted by name, unwrapping one top folder and counting skipped files', () => {
    const read = readFolderLayout(paths('shapes/', 'shapes/squares/a.png', 'shapes/circles/b.png', 'shapes/circles/c.png', '__MACOSX/shapes/._a.png', 'shapes/.DS_Store'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.classes.map((c) => [c.name, c.files])).toEqual([['circles', [2, 3]], ['squares', [1]]]);
    expect(read.value.hidden).toBe(2);
  });

  it('counts files beside the class folders without making them a class, inside a top folder or not', () => {
    for (const read of [readFolderLayout(paths('README.txt', 'a/1.png', 'b/2.png')), readFolderLayout(paths('shapes/README.txt', 'shapes/a/1.png', 'shapes/b/2.png'))]) {
      expect(read.ok && read.value.outsideClasses).toBe(1);
      expect(read.ok && read.value.classes.map((c) => c.name)).toEqual(['a', 'b']);
    }
  });

  it('refuses files with no class folders', () => {
    const read = readFolderLayout(paths('1.png', '2.png'));
    expect(read).toEqual({ ok: false, message: expect.stringContaining('No class folders found') });
  });

  it('refuses one class only, inside its top folder or not', () => {
    expect(readFolderLayout(paths('cats/1.png', 'cats/2.png'))).toEqual({ ok: false, message: expect.stringContaining('Only one class folder, “cats”') });
  });

  it('refuses an empty class folder (a ZIP keeps its entry)', () => {
    expect(readFolderLayout(paths('cats/', 'cats/1.png', 'dogs/'))).toEqual({ ok: false, message: expect.stringContaining('“dogs” holds no files') });
  });

  it('refuses a path escaping the folder, naming it', () => {
    for (const bad of ['../evil.png', 'a/../../evil.png', '/etc/passwd', 'C:\\x.png', 'a\\..\\..\\x.png']) {
      expect(readFolderLayout(paths('a/1.png', 'b/1.png', bad))).toEqual({ ok: false, message: expect.stringContaining('points outside the folder') });
    }
  });

  it('refuses a name that appears twice, and classes that differ only in capitals', () => {
    expect(readFolderLayout(paths('a/1.png', 'b/1.png', 'a/1.png'))).toEqual({ ok: false, message: expect.stringContaining('“a/1.png” appears twice') });
    expect(readFolderLayout(paths('Cats/1.png', 'cats/2.png'))).toEqual({ ok: false, message: expect.stringContaining('differ only in capitals') });
  });
});
