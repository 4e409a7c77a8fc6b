/**
 * The arguments between a printed module's parentheses, as PyTorch's extra_repr writes them: positional first
 * (Conv2d's in_channels, out_channels), then name=value. A reader per module keeps the first problem, as the Keras
 * config readers do, so a module is read to its end and the message names the first thing the editor cannot use.
 */
import type { Pair } from '../modelSpec.ts';
import type { PrintedModule } from './printoutSyntax.ts';
import { shown } from './printoutSyntax.ts';

/** What PyTorch prints for a setting: a number, True/False/None, a tuple of numbers, or a bare word (padding=same). */
export type PrintedValue = number | boolean | null | string | readonly number[];

export interface PrintedArgument {
  /** As printed, with its name: kernel_size=(3, 3), or in_channels=1 for the positional 1. */
  readonly text: string;
  readonly value: PrintedValue;
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
const KEYWORD = /^(\w+)\s*=\s*(.*)$/s;

/** One printed value, or undefined for text PyTorch would not print. */
export function parsePrintedValue(text: string): PrintedValue | undefined {
  if (NUMBER.test(text)) return Number(text);
  if (text === 'True' || text === 'False') return text === 'True';
  if (text === 'None') return null;
  // A word as Python's str() prints it (padding=same), or quoted as someone may have typed it.
  const word = /^(['"]?)(\w+)\1$/.exec(text);
  if (word) return word[2] ?? '';
  if (!text.startsWith('(') || !text.endsWith(')')) return undefined;
  const parts = text.slice(1, -1).split(',').map((part) => part.trim());
  if (parts.length > 1 && parts.at(-1) === '') parts.pop(); // Python's one-item tuple: (3,)
  return parts.every((part) => NUMBER.test(part)) ? parts.map(Number) : undefined;
}

/** The arguments split at the commas outside brackets of any kind, or null when the brackets do not balance. */
export function splitArguments(text: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && --depth < 0) return null;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '' || parts.length > 0) parts.push(last);
  return depth === 0 ? parts : null;
}

const isPositiveInteger = (value: PrintedValue | undefined): value is number => Number.isSafeInteger(value) && (value as number) > 0;

function readArgumentList(module: PrintedModule, parameters: readonly string[], fail: (message: string) => void): Map<string, PrintedArgument> {
  const byName = new Map<string, PrintedArgument>();
  const parts = splitArguments(module.argumentText);
  let sawKeyword = false;
  if (parts === null) fail(`${module.shownText} has unbalanced parentheses`);
  for (const [i, part] of (parts ?? []).entries()) {
    const keyword = KEYWORD.exec(part);
    sawKeyword ||= keyword !== null;
    const name = keyword ? (keyword[1] ?? '') : parameters[i];
    const valueText = keyword ? (keyword[2] ?? '').trim() : part;
    const value = parsePrintedValue(valueText);
    if (name === undefined) fail(`${module.shownText} has more arguments than ${module.className}(${parameters.join(', ')})`);
    else if (!keyword && sawKeyword) fail(`${module.className} ${shown(part, 40)} comes after a name=value argument`);
    else if (!parameters.includes(name)) fail(`${module.className} ${shown(part, 40)} is not a setting of ${module.className} the editor reads`);
    else if (byName.has(name)) fail(`${module.className} gives ${name} twice`);
    else if (value === undefined) fail(`${module.className} ${name}=${shown(valueText, 40)} is not a value PyTorch prints`);
    else byName.set(name, { text: `${name}=${valueText}`, value });
  }
  return byName;
}

/**
 * Reads one module's arguments by PyTorch's parameter names, in its signature's order. Each getter returns a placeholder
 * after a problem; problem() gives the first, as "Line 5: …".
 */
export function readArguments(module: PrintedModule, parameters: readonly string[]) {
  let problem: string | null = null;
  const fail = <T>(message: string, placeholder: T): T => {
    problem ??= `Line ${module.line}: ${message}.`;
    return placeholder;
  };
  const byName = readArgumentList(module, parameters, (message) => fail(message, null));
  const about = (argument: PrintedArgument) => `${module.className} ${shown(argument.text, 40)}`;
  const reader = {
    module,
    problem: () => problem,
    fail,
    get: (name: string): PrintedArgument | undefined => byName.get(name),
    positiveInteger(name: string): number {
      const argument = byName.get(name);
      if (argument === undefined) return fail(`${module.shownText} has no ${name}`, 1);
      return isPositiveInteger(argument.value) ? argument.value : fail(`${about(argument)} must be a positive integer`, 1);
    },
    /** A size or stride: PyTorch prints Conv2d's as (3, 3) and a pooling layer's as it was given, 2 or (2, 2). */
    pair(name: string, fallback?: Pair): Pair {
      const argument = byName.get(name);
      if (argument === undefined) return fallback ?? fail(`${module.shownText} has no ${name}`, [1, 1]);
      const { value } = argument;
      if (isPositiveInteger(value)) return [value, value];
      const [a, b] = Array.isArray(value) && value.length === 2 ? value : [];
      return isPositiveInteger(a) && isPositiveInteger(b) ? [a, b] : fail(`${about(argument)} must be a positive integer or two, such as 3 or (3, 3)`, [1, 1]);
    },
    /** Settings the editor has no field for must hold the value it stands for, or the import would change the model. */
    require(name: string, holds: (value: PrintedValue) => boolean, problemText: string): void {
      const argument = byName.get(name);
      if (argument !== undefined && !holds(argument.value)) fail(`${about(argument)} ${problemText}`, null);
    },
  };
  return reader;
}

export type ArgumentReader = ReturnType<typeof readArguments>;
