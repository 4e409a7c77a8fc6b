/** A confusion-matrix cell's colours: a tint whose strength is the cell's share of its row, and text readable on it. */

type Rgb = readonly [number, number, number];

/** Blue for right answers, orange for confusions: a pair that colour-blind readers tell apart. */
const CORRECT: Rgb = [33, 102, 172];
const CONFUSED: Rgb = [230, 97, 1];
/** The card behind the matrix; the tint is mixed with it here, so the contrast below is the one on screen. */
const PAPER: Rgb = [255, 255, 255];

/** WCAG 2 relative luminance of an sRGB colour. */
export function relativeLuminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Stronger = larger share of the row. The text is black or white, whichever contrasts more: one of the two always
 * reaches √(1.05 / 0.05) ≈ 4.58:1 on any background, so every count meets WCAG AA; a softer ink than black dips to
 * about 4.2:1 on mid tints.
 */
export function cellColour(share: number, correct: boolean): { background: string; color: string } {
  const alpha = share === 0 ? 0 : 0.12 + 0.88 * Math.sqrt(share);
  const tint = correct ? CORRECT : CONFUSED;
  const mix = (i: 0 | 1 | 2) => Math.round(alpha * tint[i] + (1 - alpha) * PAPER[i]);
  const background: Rgb = [mix(0), mix(1), mix(2)];
  const black: Rgb = [0, 0, 0];
  const white: Rgb = [255, 255, 255];
  const color = contrastRatio(background, black) >= contrastRatio(background, white) ? '#000' : '#fff';
  return { background: `rgb(${background.join(', ')})`, color };
}
