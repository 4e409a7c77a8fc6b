import { describe, expect, it } from 'vitest';
import { readDatasetChoice, writeDatasetChoice } from './datasetChoiceStore.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

describe('the kept dataset choice', () => {
  it('reads back what it wrote, as a version 1 record', () => {
    const storage = memoryStorage();
    expect(writeDatasetChoice(storage, 'fashion-mnist')).toBe(true);
    expect(JSON.parse(storage.items.get('convnet-playground.dataset') ?? '')).toEqual({ dataset: 'fashion-mnist', recordVersion: 1 });
    expect(readDatasetChoice(storage)).toEqual({ kind: 'kept', dataset: 'fashion-mnist' });
  });

  it('leaves a newer, unversioned or damaged record as it is and says so', () => {
    const newer = memoryStorage({ 'convnet-playground.dataset': JSON.stringify({ dataset: 'cifar-10', recordVersion: 2 }) });
    expect(readDatasetChoice(newer)).toMatchObject({ kind: 'left-alone', message: expect.stringContaining('newer version of the playground (record version 2)') });
    for (const stored of [JSON.stringify({ dataset: 'mnist' }), JSON.stringify({ dataset: 'cifar-10', recordVersion: 1 }), '{not json']) {
      expect(readDatasetChoice(memoryStorage({ 'convnet-playground.dataset': stored }))).toMatchObject({ kind: 'left-alone' });
    }
    expect(readDatasetChoice(memoryStorage())).toEqual({ kind: 'none' });
  });

  it('says when the browser will not keep it', () => {
    expect(writeDatasetChoice({ setItem: () => { throw new Error('QuotaExceededError'); } }, 'mnist')).toBe(false);
    expect(writeDatasetChoice(null, 'mnist')).toBe(false);
  });
});
