import { describe, expect, it } from 'vitest';
import { formatTally, tallyCases } from './fuzzTally.ts';

describe("npm run fuzz's tally", () => {
  const output = [
    'stdout | src/domain/shareCodec.fuzz.test.ts > share links, fuzzed > read any fragment',
    'fuzz-cases\tshare links\t20000',
    '\x1b[22m\x1b[39mfuzz-cases\tIDX bytes\t513',
    'fuzz-cases\tshare links\t1234\r',
    'fuzz-cases share links 99',
    ' ✓ src/data/idx.fuzz.test.ts (3 tests) 433ms',
  ].join('\n');

  it('adds up the cases and properties of each boundary, in the order they first report, ignoring other lines', () => {
    expect(tallyCases(output)).toEqual([
      { boundary: 'share links', properties: 2, cases: 21_234 },
      { boundary: 'IDX bytes', properties: 1, cases: 513 },
    ]);
  });

  it('sets them out as a table with a total', () => {
    expect(formatTally(tallyCases(output)).split('\n')).toEqual([
      'boundary     properties         cases',
      'share links           2        21,234',
      'IDX bytes             1           513',
      'total                 3        21,747',
    ]);
  });
});
