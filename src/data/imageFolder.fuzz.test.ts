/**
 * Folder layouts fuzzed: readFolderLayout reads any list of paths (dots, slashes, backslashes, '..', hidden names,
 * folder entries) without throwing; what it accepts has at least two classes, each with a file, no class name or file
 * path escaping the folder, and every file of a class is an entry given, counted once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzz, timed } from '../domain/fuzzing.ts';
import { readFolderLayout } from './imageFolder.ts';

const BOUNDARY = 'image folder paths';
const segment = fc.constantFrom('a', 'b', 'Cats', 'cats', '.', '..', '', '.DS_Store', '__MACOSX', 'x.png', 'y.txt', 'C:', 'top');
const path = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('/', '\\'), fc.boolean()).map(([parts, slash, folder]) => parts.join(slash) + (folder ? '/' : ''));

describe('readFolderLayout, fuzzed', () => {
  it('never throws; what it accepts is two or more classes of files given, inside the folder', () => {
    fuzz(BOUNDARY, fc.property(fc.array(path, { maxLength: 30 }), (paths) => {
      const read = timed(() => readFolderLayout(paths.map((p) => ({ path: p }))));
      if (!read.ok) {
        expect(read.message.length).toBeGreaterThan(10);
        return;
      }
      const { classes } = read.value;
      expect(classes.length).toBeGreaterThanOrEqual(2);
      const files = classes.flatMap((c) => c.files);
      expect(new Set(files).size).toBe(files.length);
      for (const folder of classes) {
        expect(folder.files.length).toBeGreaterThan(0);
        expect(folder.name).not.toMatch(/^\.|^\.\.$|^__MACOSX$/);
        for (const index of folder.files) expect(paths[index]!.split(/[\\/]/)).not.toContain('..');
      }
    }));
  });
});
