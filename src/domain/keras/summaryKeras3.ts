import type { LayerRow } from '../analysis.ts';
import { formatPythonShape } from './summary.ts';
import { formatCount } from '../format.ts';
import type { LayerType } from '../modelSpec.ts';

/**
 * Keras 3 draws its table min(88, terminal columns − 4) wide. 76 is what an 80-column terminal shows, and what
 * Jupyter, Colab and redirected output show too: Python falls back to 80 columns when stdout is not a terminal.
 */
export const KERAS3_LINE_LENGTH = 76;
/** A terminal of 92 columns or more. */
export const KERAS3_WIDE_LINE_LENGTH = 88;

const BYTES_PER_PARAM = 4; // float32
const MEMORY_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** Keras' to_snake_case: MaxPooling2D → max_pooling2d, BatchNormalization → batch_normalization. */
function toSnakeCase(className: string): string {
  return className
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Keras 3 names layers per class as a fresh Python session does: conv2d, conv2d_1, conv2d_2, … */
export function nameLayersKeras3(types: readonly LayerType[]): string[] {
  const seen = new Map<string, number>();
  return types.map((type) => {
    const base = toSnakeCase(type);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}_${count}`;
  });
}

/**
 * Python's '{:.2f}' of numerator / denominator, ties to even where JS toFixed rounds them up (1.125 KB → 1.12).
 * Exact in integers while numerator × 100 stays below 2^53, i.e. for models under about 20 trillion parameters.
 */
function formatTwoDecimals(numerator: number, denominator: number): string {
  const scaled = numerator * 100;
  let hundredths = Math.floor(scaled / denominator);
  const twiceRemainder = 2 * (scaled - hundredths * denominator);
  if (twiceRemainder > denominator || (twiceRemainder === denominator && hundredths % 2 === 1)) hundredths += 1;
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** Keras 3's readable_memory_size: 1 KB = 1024 B, the largest unit that keeps the number at 1 or more. */
export function formatMemorySize(bytes: number): string {
  let unit = 0;
  while (unit < MEMORY_UNITS.length - 1 && bytes >= 1024 ** (unit + 1)) unit += 1;
  return `${formatTwoDecimals(bytes, 1024 ** unit)} ${MEMORY_UNITS[unit]}`;
}

/**
 * Text widths of the three columns. Keras asks rich for columns ending at 0.45 and 0.80 of the line; their one-space
 * padding on each side and the four borders then overflow the line by 10, which rich takes back evenly: 3, 4, 3.
 */
export function keras3ColumnWidths(lineLength: number): [number, number, number] {
  const firstEnd = Math.floor(0.45 * lineLength);
  const secondEnd = Math.floor(0.8 * lineLength);
  return [firstEnd - 3, secondEnd - firstEnd - 4, lineLength - secondEnd - 3];
}

/**
 * rich's word wrap: words move whole to the next line; a word wider than the cell stands alone, cut with '…'.
 * Our names, shapes and counts are single-spaced, so joining words with one space is exact.
 */
function wrapCell(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line));
}

type Justify = 'left' | 'right';
const JUSTIFY: readonly Justify[] = ['left', 'left', 'right'];

/** One table row, as many lines tall as its tallest cell. rich puts the header at the bottom, body cells at the top. */
function formatTableRow(cells: readonly string[], widths: readonly number[], border: string, align: 'top' | 'bottom'): string[] {
  const wrapped = cells.map((cell, i) => wrapCell(cell, widths[i] ?? 0));
  const height = Math.max(...wrapped.map((lines) => lines.length));
  return Array.from({ length: height }, (_, lineIndex) => {
    const parts = wrapped.map((lines, i) => {
      const text = lines[align === 'top' ? lineIndex : lineIndex - (height - lines.length)] ?? '';
      const width = widths[i] ?? 0;
      return JUSTIFY[i] === 'right' ? text.padStart(width) : text.padEnd(width);
    });
    return `${border} ${parts.join(` ${border} `)} ${border}`;
  });
}

/** Left corner, line, crossing and right corner of one of rich's HEAVY_HEAD box rules. */
type RuleChars = readonly [left: string, fill: string, cross: string, right: string];

function formatRule(widths: readonly number[], [left, fill, cross, right]: RuleChars): string {
  return left + widths.map((width) => fill.repeat(width + 2)).join(cross) + right;
}

function formatTotal(label: string, params: number): string {
  return ` ${label}: ${formatCount(params)} (${formatMemorySize(params * BYTES_PER_PARAM)})`;
}

/**
 * The text Keras 3's model.summary() prints for a Sequential model, styles dropped, in a fresh Python session
 * (so the model is "sequential" and names start without a suffix), before compile: no optimizer line.
 */
export function formatKeras3Summary(
  rows: readonly LayerRow[],
  totals: { totalParams: number; trainableParams: number; nonTrainableParams: number },
  lineLength: number = KERAS3_LINE_LENGTH,
): string {
  const widths = keras3ColumnWidths(lineLength);
  const names = nameLayersKeras3(rows.map((row) => row.type));
  const body = rows.map((row, i) =>
    formatTableRow([`${names[i]} (${row.type})`, formatPythonShape(row.outputShape), formatCount(row.params)], widths, '│', 'top'),
  );
  return [
    'Model: "sequential"',
    formatRule(widths, ['┏', '━', '┳', '┓']),
    ...formatTableRow(['Layer (type)', 'Output Shape', 'Param #'], widths, '┃', 'bottom'),
    formatRule(widths, ['┡', '━', '╇', '┩']),
    ...body.flatMap((lines, i) => (i === 0 ? lines : [formatRule(widths, ['├', '─', '┼', '┤']), ...lines])),
    formatRule(widths, ['└', '─', '┴', '┘']),
    formatTotal('Total params', totals.totalParams),
    formatTotal('Trainable params', totals.trainableParams),
    formatTotal('Non-trainable params', totals.nonTrainableParams),
  ].join('\n');
}
