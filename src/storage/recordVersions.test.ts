import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeLeftAlone, isReplaceable, readRecord, readRecords, stampRecord, versionOf, type RecordFormat } from './recordVersions.ts';

/** A record kind at version 2: version 1 renamed `title` to `name`, version 2 turned `size` from a string to a number. */
const FORMAT: RecordFormat<{ name: string; size: number }> = {
  current: 2,
  upgrades: [
    (v0) => ({ name: v0['title'], size: v0['size'] }),
    (v1) => ({ ...v1, size: Number.parseInt(String(v1['size']), 10) }),
  ],
  schema: z.object({ name: z.string(), size: z.number().int() }),
};

describe('record versions', () => {
  it('reads a record with no version as version 0, and migrates it step by step', () => {
    expect(readRecord(FORMAT, { title: 'a', size: '12' })).toEqual({ kind: 'read', value: { name: 'a', size: 12 }, from: 0 });
    expect(readRecord(FORMAT, { recordVersion: 1, name: 'b', size: '3' })).toEqual({ kind: 'read', value: { name: 'b', size: 3 }, from: 1 });
    expect(readRecord(FORMAT, { recordVersion: 2, name: 'c', size: 4 })).toEqual({ kind: 'read', value: { name: 'c', size: 4 }, from: 2 });
  });

  it('leaves a newer version alone, and calls an unknown version or a record that does not read as its version unreadable', () => {
    expect(readRecord(FORMAT, { recordVersion: 3, name: 'c', size: 4, extra: true })).toEqual({ kind: 'newer', version: 3 });
    for (const unknown of ['2', 1.5, -1, null, Number.MAX_VALUE, Infinity]) {
      expect(readRecord(FORMAT, { recordVersion: unknown, name: 'c', size: 4 })).toEqual({ kind: 'unreadable', version: null });
    }
    expect(readRecord(FORMAT, { recordVersion: 2, name: 'c', size: '4' })).toEqual({ kind: 'unreadable', version: 2 });
    expect(readRecord(FORMAT, { title: 'a', size: 'many' })).toEqual({ kind: 'unreadable', version: 0 });
    for (const notARecord of [undefined, null, 'text', 7, [1, 2], ['recordVersion']]) expect(readRecord(FORMAT, notARecord)).toEqual({ kind: 'unreadable', version: null });
  });

  it('never throws, even when an upgrade does, and reads only its own recordVersion (not one inherited)', () => {
    const throwing: RecordFormat<unknown> = { current: 1, upgrades: [() => { throw new Error('bad'); }], schema: z.unknown() };
    expect(readRecord(throwing, {})).toEqual({ kind: 'unreadable', version: 0 });
    const inherits = Object.create({ recordVersion: 9 }) as object;
    expect(versionOf(inherits)).toBe(0);
    expect(versionOf(JSON.parse('{"__proto__": {"recordVersion": 9}}'))).toBe(0);
  });

  it('stamps what is written with the current version, so it reads back as it was', () => {
    const stamped = stampRecord(FORMAT, { name: 'd', size: 5 });
    expect(stamped).toEqual({ name: 'd', size: 5, recordVersion: 2 });
    expect(readRecord(FORMAT, stamped)).toEqual({ kind: 'read', value: { name: 'd', size: 5 }, from: 2 });
  });

  it('lets a write replace nothing, a readable record or a damaged one of a known version; never a newer or unknown one', () => {
    expect(isReplaceable(null)).toBe(true);
    expect(isReplaceable(readRecord(FORMAT, { recordVersion: 2, name: 'c', size: 4 }))).toBe(true);
    expect(isReplaceable(readRecord(FORMAT, { recordVersion: 1, name: 7 }))).toBe(true);
    expect(isReplaceable(readRecord(FORMAT, { recordVersion: 3 }))).toBe(false);
    expect(isReplaceable(readRecord(FORMAT, { recordVersion: 'x' }))).toBe(false);
  });

  it('counts what a listing leaves alone, and says so in words', () => {
    const { records, leftAlone } = readRecords(FORMAT, [{ title: 'a', size: '1' }, { recordVersion: 5 }, { recordVersion: 5 }, 'junk']);
    expect(records).toEqual([{ name: 'a', size: 1 }]);
    expect(leftAlone).toEqual({ newer: 2, unreadable: 1 });
    expect(describeLeftAlone(leftAlone, 'saved run', 'saved runs')).toBe(
      '2 saved runs were saved by a newer version of the playground (reload to get it); 1 saved run could not be read (damaged or written by something else): not shown, and kept in this browser as they are.',
    );
    expect(describeLeftAlone({ newer: 1, unreadable: 0 }, 'saved model', 'saved models')).toBe(
      '1 saved model was saved by a newer version of the playground (reload to get it): not shown, and kept in this browser as it is.',
    );
    expect(describeLeftAlone({ newer: 0, unreadable: 0 }, 'saved run', 'saved runs')).toBeNull();
  });
});
