import { describe, expect, it } from 'vitest';
import { describeProgress } from './datasetDownload.ts';

describe('the download progress beside the picker', () => {
  it('says bytes of the total and the whole percent reached, never past 100', () => {
    expect(describeProgress(12_345_678, 30_700_000)).toBe('12.3 MB of 30.7 MB (40%)');
    expect(describeProgress(30_700_000, 30_700_000)).toBe('30.7 MB of 30.7 MB (100%)');
    expect(describeProgress(31_000_000, 30_700_000)).toContain('(100%)');
  });

  it('says it is starting before the manifest gives the total', () => {
    expect(describeProgress(0, 0)).toBe('starting');
  });
});
