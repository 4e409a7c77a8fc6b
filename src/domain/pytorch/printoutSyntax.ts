/**
 * The text of PyTorch's print(model) for an nn.Sequential, read line by line into the modules it lists, in the order
 * they run, nested Sequential blocks flattened. Knows only the printout's form; printoutModules.ts knows what each
 * module means. The text may be anything pasted: sizes are capped and every problem is a message naming its line.
 */
import { formatCount } from '../format.ts';
import { MAX_LAYERS } from '../modelSpec.ts';

/** One leaf module as printed, e.g. "(3): Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1))" on line 5. */
export interface PrintedModule {
  readonly line: number;
  /** PyTorch's class name, e.g. Conv2d. */
  readonly className: string;
  /** What stands between its parentheses, as printed. */
  readonly argumentText: string;
  /** The call as printed, cut short for messages: Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1)). */
  readonly shownText: string;
}

export type PrintedModules = { readonly ok: true; readonly modules: readonly PrintedModule[] } | { readonly ok: false; readonly message: string };

/** The printout of the editor's largest model (200 layers, each with an activation after it) takes about 30,000. */
export const MAX_PRINTOUT_CHARS = 100_000;
/** PyTorch prints one module a line; its longest (a pooling layer with tuples, a long name, deep indentation) is far shorter. */
export const MAX_LINE_CHARS = 500;
/** Sequential blocks inside Sequential blocks, counting the outermost. */
export const MAX_NESTING = 16;

const NAME = String.raw`\(([^()\s]+)\):\s*`;
/** "(0): Conv2d(…)", or an unnamed "Conv2d(…)" as someone may have typed it. */
const LEAF = new RegExp(String.raw`^(?:${NAME})?(\w+)\((.*)\)$`);
/** "(features): Sequential(", or the outermost "Sequential(". */
const OPENING = new RegExp(String.raw`^(?:${NAME})?(\w+)\($`);
const PASTE_HINT = 'paste what print(model) shows for a torch.nn.Sequential, starting with Sequential(';

/** Text from the person, cut to `max` characters, with everything but printable ASCII escaped so no character can hide. */
export function shown(text: string, max = 60): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  const escaped = cut.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > max ? `${escaped}…` : escaped;
}

interface Reading {
  /** The line of each open Sequential(, outermost first. */
  readonly blocks: number[];
  readonly modules: PrintedModule[];
  firstLine: number | null;
  /** The line of the outermost block's closing parenthesis, once it is read. */
  closedOn: number | null;
}

function openBlock(reading: Reading, line: number, name: string | undefined, className: string): string | null {
  if (className !== 'Sequential') {
    const opening = `${name === undefined ? '' : `(${name}): `}${className}(`;
    const why = 'only an nn.Sequential lists its modules in the order they run (in any other model, its forward() decides)';
    const advice = reading.blocks.length === 0 ? PASTE_HINT : 'the editor reads Sequential blocks only';
    return `Line ${line}: ${shown(opening)} is a ${shown(className)}, not a Sequential: ${why}; ${advice}.`;
  }
  if (reading.blocks.length >= MAX_NESTING) {
    return `Line ${line}: this Sequential( is nested ${reading.blocks.length + 1} deep; the editor reads blocks nested at most ${MAX_NESTING} deep.`;
  }
  reading.firstLine ??= line;
  reading.blocks.push(line);
  return null;
}

function closeBlock(reading: Reading, line: number): string | null {
  if (reading.blocks.pop() === undefined) return `Line ${line}: this ) closes nothing; ${PASTE_HINT}.`;
  if (reading.blocks.length === 0) reading.closedOn = line;
  return null;
}

function addModule(reading: Reading, line: number, className: string, argumentText: string): string | null {
  const call = `${className}(${argumentText})`;
  // PyTorch prints a Sequential without modules on one line.
  const isEmptyBlock = className === 'Sequential' && argumentText.trim() === '';
  if (reading.blocks.length === 0) {
    if (!isEmptyBlock) return `Line ${line}: ${shown(call)} is not a Sequential printout: ${PASTE_HINT}.`;
    reading.firstLine ??= line;
    reading.closedOn = line;
    return null;
  }
  if (!isEmptyBlock) reading.modules.push({ line, className, argumentText, shownText: shown(call) });
  return null;
}

/** The problem with one trimmed, non-empty line, or null once it is read into `reading`. */
function readLine(reading: Reading, text: string, line: number): string | null {
  if (text.length > MAX_LINE_CHARS) {
    return `Line ${line} ("${shown(text, 40)}") has ${formatCount(text.length)} characters; a printout's lines have at most ${MAX_LINE_CHARS}.`;
  }
  if (reading.closedOn !== null) {
    return `Line ${line}: "${shown(text)}" comes after the model's closing ) on line ${reading.closedOn}; paste one printout.`;
  }
  if (text === ')') return closeBlock(reading, line);
  const opening = OPENING.exec(text);
  if (opening) return openBlock(reading, line, opening[1], opening[2] ?? '');
  const leaf = LEAF.exec(text);
  if (leaf) return addModule(reading, line, leaf[2] ?? '', leaf[3] ?? '');
  return reading.blocks.length === 0
    ? `Line ${line}: "${shown(text)}" is not a PyTorch printout: ${PASTE_HINT}.`
    : `Line ${line}: "${shown(text)}" is not a line of a printout: expected a module such as (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1)), or a closing ).`;
}

/** The leaf modules of a printed nn.Sequential in the order they run, with their line numbers, or the first problem. */
export function readPrintedModules(text: string): PrintedModules {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, message: `The text is empty: ${PASTE_HINT}.` };
  if (text.length > MAX_PRINTOUT_CHARS) {
    const message = `The text has ${formatCount(text.length)} characters; the printout of a model the editor can take (at most ${MAX_LAYERS} layers) has under ${formatCount(MAX_PRINTOUT_CHARS)}.`;
    return { ok: false, message };
  }
  const reading: Reading = { blocks: [], modules: [], firstLine: null, closedOn: null };
  for (const [index, raw] of text.split(/\r\n|\r|\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const problem = readLine(reading, line, index + 1);
    if (problem !== null) return { ok: false, message: problem };
  }
  const [outermost] = reading.blocks;
  if (outermost !== undefined) {
    return { ok: false, message: `The printout ends before the Sequential( on line ${outermost} is closed: paste all of it, down to its last ).` };
  }
  if (reading.modules.length === 0) return { ok: false, message: `The Sequential on line ${reading.firstLine ?? 1} has no modules.` };
  return { ok: true, modules: reading.modules };
}
