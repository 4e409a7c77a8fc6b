import type { LayerRow } from '../analysis.ts';
import type { Shape } from '../modelSpec.ts';
import { formatCount } from '../format.ts';

const LINE_LENGTH = 65;
/** Keras 2's print_summary column stops for a sequential model: 0.45 and 0.85 of 65 characters. */
const COLUMN_ENDS = [29, 55, 65] as const;

/** A Python tuple with the batch axis, e.g. (None, 26, 26, 32). */
export function formatPythonShape(shape: Shape): string {
  return `(${['None', ...shape.map(String)].join(', ')})`;
}


/** Keras' print_row: each field is cut at its column's end, and its last character gives way to a space. */
function formatRow(fields: readonly string[]): string {
  let line = '';
  fields.forEach((field, i) => {
    const end = COLUMN_ENDS[i] ?? LINE_LENGTH;
    if (i > 0) line = `${line.slice(0, -1)} `;
    line = (line + field).slice(0, end);
    line = line.padEnd(end, ' ');
  });
  return line;
}

/** The text Keras 2's model.summary() prints for a Sequential model, as in the book's notebooks. */
export function formatKerasSummary(
  rows: readonly LayerRow[],
  totals: { totalParams: number; trainableParams: number; nonTrainableParams: number },
): string {
  const lines = ['_'.repeat(LINE_LENGTH), formatRow(['Layer (type)', 'Output Shape', 'Param #']), '='.repeat(LINE_LENGTH)];
  rows.forEach((row, i) => {
    lines.push(formatRow([`${row.name} (${row.type})`, formatPythonShape(row.outputShape), String(row.params)]));
    lines.push((i === rows.length - 1 ? '=' : '_').repeat(LINE_LENGTH));
  });
  if (rows.length === 0) lines.push('='.repeat(LINE_LENGTH));
  lines.push(
    `Total params: ${formatCount(totals.totalParams)}`,
    `Trainable params: ${formatCount(totals.trainableParams)}`,
    `Non-trainable params: ${formatCount(totals.nonTrainableParams)}`,
    '_'.repeat(LINE_LENGTH),
  );
  return lines.join('\n');
}
