/**
 * The two model.summary() printouts of the book's chapter-5 notebook (Keras 2), which the lesson holds the page's
 * summary to: the convolutional base alone, then the whole model with its classifier.
 */

const RULE = '_'.repeat(65);
const DOUBLE = '='.repeat(65);
const HEAD = [RULE, 'Layer (type)                 Output Shape              Param #', DOUBLE];
const BASE_ROWS = [
  'conv2d_1 (Conv2D)            (None, 26, 26, 32)        320',
  RULE,
  'max_pooling2d_1 (MaxPooling2 (None, 13, 13, 32)        0',
  RULE,
  'conv2d_2 (Conv2D)            (None, 11, 11, 64)        18496',
  RULE,
  'max_pooling2d_2 (MaxPooling2 (None, 5, 5, 64)          0',
  RULE,
  'conv2d_3 (Conv2D)            (None, 3, 3, 64)          36928',
];
const totals = (count: string) => [`Total params: ${count}`, `Trainable params: ${count}`, 'Non-trainable params: 0', RULE];

/** The book's first summary: the convolutional base alone, 55,744 parameters. Line ends trimmed. */
export const BOOK_BASE_SUMMARY = [...HEAD, ...BASE_ROWS, DOUBLE, ...totals('55,744')].join('\n');

/** The book's second summary: the base with Flatten, Dense 64 and Dense 10 on top, 93,322 parameters. */
export const BOOK_FULL_SUMMARY = [
  ...HEAD,
  ...BASE_ROWS,
  RULE,
  'flatten_1 (Flatten)          (None, 576)               0',
  RULE,
  'dense_1 (Dense)              (None, 64)                36928',
  RULE,
  'dense_2 (Dense)              (None, 10)                650',
  DOUBLE,
  ...totals('93,322'),
].join('\n');

/** Keras pads each row with spaces to 65 characters; the comparison ignores them, as a reader would. */
export function sameSummary(printed: string, book: string): boolean {
  const lines = (text: string) => text.trim().split('\n').map((line) => line.trimEnd());
  const a = lines(printed);
  const b = lines(book);
  return a.length === b.length && a.every((line, i) => line === b[i]);
}
