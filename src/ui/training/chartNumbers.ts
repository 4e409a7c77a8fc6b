/** The learning curves' numbers as people write them: no trailing zeros, whole percentages without decimals. */

/** 2.4, not 2.400: at most `maxDigits` decimals, trailing zeros dropped (2.4004 → '2.4' with 3). */
export function formatDecimal(value: number, maxDigits: number): string {
  // toFixed rounds; Number() then drops the zeros it padded with. Losses stay far below 1e21, where this turns exponential.
  return String(Number(value.toFixed(maxDigits)));
}

/** A fraction as a percentage: 1 → '100%', 0.9375 → '93.8%', 0.9 → '90%'. */
export function formatShare(fraction: number, maxDigits = 1): string {
  return `${formatDecimal(fraction * 100, maxDigits)}%`;
}
