/**
 * The remembered backend choice read back from localStorage, fuzzed: whatever string the slot holds (a saved choice with
 * one field replaced, removed or added, its JSON text damaged, or any text at all), loadBackendChoice never throws nor
 * takes long, and answers with a choice for this device only, naming backends the page has; and every choice it saves
 * loads back as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKEND_NAMES, BACKEND_PREFERENCES } from '../domain/backends.ts';
import { fuzz, hostileValue, mutate, mutation, textDamage, timed } from '../domain/fuzzing.ts';
import { loadBackendChoice, saveBackendChoice, type BackendChoice } from './backendChoice.ts';

const BOUNDARY = 'remembered backend (localStorage)';
const KEY = 'convnet-playground:backend';
const HERE = 'Chromium/156 | 2 cores';

/** localStorage as the page sees it: strings only. */
function storageHolding(text: string | null): Storage {
  const items = new Map<string, string>(text === null ? [] : [[KEY, text]]);
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, String(value)) } as unknown as Storage;
}

function expectForThisDevice(choice: BackendChoice): void {
  expect(choice.deviceKey).toBe(HERE);
  expect(BACKEND_PREFERENCES).toContain(choice.preference);
  if (choice.measured === null) return;
  expect(BACKEND_NAMES).toContain(choice.measured.backend);
  expect(choice.measured.measurements.every((m) => BACKEND_NAMES.includes(m.backend))).toBe(true);
}

/** JSON writes -0 as 0; a measured speed is never -0 anyway. */
const speed = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));
const measurement = fc.record({ backend: fc.constantFrom(...BACKEND_NAMES), samplesPerSecond: fc.option(speed, { nil: null }), note: fc.string() });
const savedChoice: fc.Arbitrary<BackendChoice> = fc.record({
  deviceKey: fc.oneof(fc.constant(HERE), fc.string()),
  preference: fc.constantFrom(...BACKEND_PREFERENCES),
  measured: fc.option(fc.record({ backend: fc.constantFrom(...BACKEND_NAMES), measurements: fc.array(measurement, { maxLength: 3 }), at: fc.integer() }), { nil: null }),
});
const jsonOf = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return '[[[[';
  }
};

describe('remembered backend, fuzzed', () => {
  it('reads whatever string the slot holds without throwing, in bounded time, as a choice for this device', () => {
    const stored = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      hostileValue.map(jsonOf),
      fc.tuple(savedChoice, mutation).map(([choice, change]) => jsonOf(mutate({ ...choice, deviceKey: HERE }, change))),
      fc.tuple(savedChoice, textDamage).map(([choice, damage]) => damage(JSON.stringify({ ...choice, deviceKey: HERE }))),
    );
    fuzz(BOUNDARY, fc.property(stored, (text) => expectForThisDevice(timed(() => loadBackendChoice(storageHolding(text), HERE)))));
  });

  it('loads back every choice it saved, for this device; another device measures afresh', () => {
    fuzz(BOUNDARY, fc.property(savedChoice, (choice) => {
      const storage = storageHolding(null);
      saveBackendChoice(storage, choice);
      const fresh = { deviceKey: HERE, preference: 'auto', measured: null };
      expect(timed(() => loadBackendChoice(storage, HERE))).toEqual(choice.deviceKey === HERE ? choice : fresh);
    }));
  });
});
