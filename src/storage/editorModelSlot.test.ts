import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../domain/defaults.ts';
import { encodeModelFragment } from '../domain/shareCodec.ts';
import { keepModel, readKeptModel } from './editorModelSlot.ts';

const KEY = 'convnet-playground.model.v1';
const slotHolding = (value: string | null) => ({ getItem: (key: string) => (key === KEY ? value : null) });
const newer = `model=${Buffer.from(JSON.stringify({ v: 3, graph: {} })).toString('base64url')}`;

describe('the editor’s model kept in localStorage', () => {
  it('gives back the model it kept', () => {
    const kept = new Map<string, string>();
    expect(keepModel({ setItem: (k, v) => kept.set(k, v) }, encodeModelFragment(DEFAULT_MODEL))).toBe(true);
    expect(readKeptModel(slotHolding(kept.get(KEY) ?? null))).toEqual({ kind: 'kept', spec: DEFAULT_MODEL });
  });

  it('holds nothing when empty, or when storage cannot be read; says so when it cannot write', () => {
    expect(readKeptModel(slotHolding(null))).toEqual({ kind: 'none' });
    expect(readKeptModel(null)).toEqual({ kind: 'none' });
    const throwing = { getItem: () => { throw new DOMException('denied', 'SecurityError'); }, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(readKeptModel(throwing)).toEqual({ kind: 'none' });
    expect(keepModel(throwing, 'model=x')).toBe(false);
    expect(keepModel(null, 'model=x')).toBe(false);
  });

  it('leaves a newer version’s model or an unreadable one alone, saying which', () => {
    expect(readKeptModel(slotHolding(newer))).toEqual({ kind: 'left-alone', message: expect.stringMatching(/^The model kept in this browser was saved by a newer version of the playground: reload .* leaves that copy as it is until you choose to save over it\.$/) });
    for (const damaged of ['model=%%%', 'model=AAAA', 'garbage']) {
      expect(readKeptModel(slotHolding(damaged))).toEqual({ kind: 'left-alone', message: expect.stringMatching(/^The model kept in this browser from an earlier visit cannot be read/) });
    }
  });
});
