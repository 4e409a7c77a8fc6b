import { describe, expect, it } from 'vitest';
import { keepLessonProgress, readLessonProgress } from './lessonProgressStore.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

const KEY = 'convnet-playground.lesson';

describe('lesson progress in localStorage', () => {
  it('reads back what it kept, with recordVersion 1', () => {
    const storage = memoryStorage();
    expect(keepLessonProgress(storage, { step: 'train', skipped: ['read'], open: true })).toBe(true);
    expect(JSON.parse(storage.items.get(KEY) ?? '')).toEqual({ step: 'train', skipped: ['read'], open: true, recordVersion: 1 });
    expect(readLessonProgress(storage)).toEqual({ kind: 'kept', progress: { step: 'train', skipped: ['read'], open: true } });
  });

  it('holds nothing when nothing is kept or storage is off', () => {
    expect(readLessonProgress(memoryStorage())).toEqual({ kind: 'none' });
    expect(readLessonProgress(null)).toEqual({ kind: 'none' });
    expect(keepLessonProgress(null, { step: 'read', skipped: [], open: false })).toBe(false);
  });

  it('refuses a newer version’s record and says so', () => {
    const read = readLessonProgress(memoryStorage({ [KEY]: JSON.stringify({ step: 'base', skipped: [], open: true, recordVersion: 2 }) }));
    expect(read.kind).toBe('left-alone');
    expect(read.kind === 'left-alone' && read.message).toContain('newer version of the playground (record version 2)');
  });

  it.each([
    ['not JSON', '{step'],
    ['an unknown step', JSON.stringify({ step: 'dance', skipped: [], open: true, recordVersion: 1 })],
    ['no version', JSON.stringify({ step: 'base', skipped: [], open: true })],
    ['a version that is not a whole number', JSON.stringify({ step: 'base', skipped: [], open: true, recordVersion: 1.5 })],
  ])('refuses %s as unreadable', (_, stored) => {
    const read = readLessonProgress(memoryStorage({ [KEY]: stored }));
    expect(read.kind === 'left-alone' && read.message).toContain('cannot be read');
  });

  it('answers false when the browser refuses to store', () => {
    const full = { setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(keepLessonProgress(full, { step: 'read', skipped: [], open: false })).toBe(false);
  });
});
