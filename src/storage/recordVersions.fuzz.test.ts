/**
 * The record-version reader, fuzzed: whatever a stored value holds (any value, a record with any recordVersion, with
 * prototype keys), readRecord never throws nor takes long; a record of a version after the current one is always
 * "newer", one of an older version migrates through every step, and a stamped record always reads back as itself.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fuzz, hostileValue, timed } from '../domain/fuzzing.ts';
import { readRecord, stampRecord, versionOf, type RecordFormat } from './recordVersions.ts';

const BOUNDARY = 'stored record versions';

/** Version 3 of a toy record: each step adds one field, so a record read from version v shows 3 − v added fields. */
const FORMAT: RecordFormat<{ name: string; added: number[] }> = {
  current: 3,
  upgrades: [0, 1, 2].map((step) => (older: Record<string, unknown>) => ({ ...older, added: [...(Array.isArray(older['added']) ? older['added'] : []), step] })),
  schema: z.object({ name: z.string(), added: z.array(z.number()) }),
};

describe('record versions, fuzzed', () => {
  it('reads any value without throwing, in bounded time', () => {
    fuzz(BOUNDARY, fc.property(fc.oneof(hostileValue, fc.record({ recordVersion: hostileValue, name: fc.string() })), (value) => {
      const read = timed(() => readRecord(FORMAT, value));
      expect(['read', 'newer', 'unreadable']).toContain(read.kind);
      if (read.kind === 'read') expect(FORMAT.schema.safeParse(read.value).success).toBe(true);
    }));
  });

  it('calls every later version newer, migrates every earlier one step by step, and reads back what it stamps', () => {
    fuzz(BOUNDARY, fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.string(), (version, name) => {
      const read = readRecord(FORMAT, { recordVersion: version, name, added: [] });
      expect(versionOf({ recordVersion: version })).toBe(version);
      if (version > FORMAT.current) expect(read).toEqual({ kind: 'newer', version });
      else expect(read).toEqual({ kind: 'read', from: version, value: { name, added: [0, 1, 2].slice(version) } });
      const stamped = stampRecord(FORMAT, { name, added: [9] });
      expect(readRecord(FORMAT, stamped)).toEqual({ kind: 'read', from: FORMAT.current, value: { name, added: [9] } });
    }));
  });
});
