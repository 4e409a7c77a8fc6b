import { describe, expect, it } from 'vitest';
import { formatDecimal, formatShare } from './chartNumbers.ts';

describe('formatDecimal', () => {
  it('drops trailing zeros and rounds to at most the given decimals', () => {
    expect(formatDecimal(2.4, 3)).toBe('2.4');
    expect(formatDecimal(2, 3)).toBe('2');
    expect(formatDecimal(0.30449, 3)).toBe('0.304');
    expect(formatDecimal(0.12345, 4)).toBe('0.1235');
    expect(formatDecimal(0.00004, 4)).toBe('0');
    expect(formatDecimal(0.5, 2)).toBe('0.5');
  });

  it('says NaN and Infinity as they are, for a run that diverged', () => {
    expect(formatDecimal(NaN, 3)).toBe('NaN');
    expect(formatDecimal(Infinity, 3)).toBe('Infinity');
  });
});

describe('formatShare', () => {
  it('writes whole percentages without decimals, so the axis reads 100%, not 100.0%', () => {
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.25)).toBe('25%');
    expect(formatShare(0.9)).toBe('90%');
  });

  it('keeps one decimal where there is one', () => {
    expect(formatShare(0.9375)).toBe('93.8%');
    expect(formatShare(0.12345, 2)).toBe('12.35%');
  });
});
