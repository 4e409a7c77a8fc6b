/**
 * What the *.fuzz.test.ts files share (imported by tests only): seeded property runs that repeat exactly, a time bound
 * per input, and hostile values to feed the readers of untrusted bytes. `npx vitest run` takes FUZZ_RUNS cases per
 * property (200 unless set) from seed FUZZ_SEED (19, the number, unless set); `npm run fuzz` raises the count,
 * may cap each property's time with FUZZ_SECONDS, and sets FUZZ_REPORT so each property logs the cases it ran.
 */
import fc from 'fast-check';
// The readers are timed as the page runs them: zod without its JIT, as the Content-Security-Policy requires.
import './zodWithoutEval.ts';

const env = import.meta.env as Record<string, string | undefined>;
const positiveOr = (text: string | undefined, fallback: number) => {
  const value = Number(text);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
};

export const FUZZ_SEED = positiveOr(env['FUZZ_SEED'], 19);
export const FUZZ_RUNS = positiveOr(env['FUZZ_RUNS'], 200);
const FUZZ_SECONDS = positiveOr(env['FUZZ_SECONDS'], 0);

/**
 * Per input, in CPU time. The readers answer in well under 10 ms; 200 ms is far above that, leaving room for a garbage
 * collection, and still far below what a person would notice as a hang.
 */
export const TIME_BOUND_MS = 200;

type CpuClock = { cpuUsage(): { user: number; system: number } };
/**
 * This process's CPU time in ms (Node's, where the tests run), else the wall clock. Wall time grows while other programs
 * have the machine's cores (the shared 2-core machine ran at a load of 6); CPU time grows only with the reader's work.
 */
function cpuNow(): number {
  const usage = (globalThis as { process?: CpuClock }).process?.cpuUsage();
  return usage ? (usage.user + usage.system) / 1000 : performance.now();
}

function parameters<Ts>(): fc.Parameters<Ts> {
  const plugins = FUZZ_SECONDS > 0 ? [fc.interruptAfterTimeLimit(FUZZ_SECONDS * 1000)] : [];
  return { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, plugins };
}

/** The line scripts/fuzz.ts adds up: tab-separated, so a boundary's name may hold spaces. */
export const FUZZ_REPORT_TAG = 'fuzz-cases';

function report<Ts>(boundary: string, details: fc.RunDetails<Ts>): void {
  if (details.failed) throw new Error(`${fc.defaultReportMessage(details)}\nGot: ${String(details.errorInstance)}`, { cause: details.errorInstance });
  if (env['FUZZ_REPORT']) console.log([FUZZ_REPORT_TAG, boundary, details.numRuns].join('\t'));
}

/** Checks the property with the seeded settings; a failure names its counterexample, seed and path to replay it. */
export function fuzz<Ts>(boundary: string, property: fc.IProperty<Ts>): void {
  report(boundary, fc.check(property, parameters<Ts>()));
}

export async function fuzzAsync<Ts>(boundary: string, property: fc.IAsyncProperty<Ts>): Promise<void> {
  report(boundary, await fc.check(property, parameters<Ts>()));
}

const tooSlow = (elapsed: number) => new Error(`took ${elapsed.toFixed(0)} ms of CPU for one input; the bound is ${TIME_BOUND_MS} ms`);

/** The reader's answer, failing the property if it took longer than TIME_BOUND_MS (a throw fails it too). */
export function timed<T>(read: () => T): T {
  const started = cpuNow();
  const answer = read();
  const elapsed = cpuNow() - started;
  if (elapsed > TIME_BOUND_MS) throw tooSlow(elapsed);
  return answer;
}

/** As timed; a store's read that never settles is caught by the test's own timeout. */
export async function timedAsync<T>(read: () => Promise<T>): Promise<T> {
  const started = cpuNow();
  const answer = await read();
  const elapsed = cpuNow() - started;
  if (elapsed > TIME_BOUND_MS) throw tooSlow(elapsed);
  return answer;
}

/** Keys a hostile file uses to reach a prototype, shadow a method or pass for a promise. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'then'];
const hostileKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 }));

/** Numbers at the edges: the largest doubles, -0, NaN and ±Infinity (what JSON's `1e999` parses into), unsafe integers. */
export const EDGE_NUMBERS = [1e308, -1e308, Infinity, -Infinity, NaN, -0, 0, -1, 0.5, 1.5, 5e-324, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 1e21];

/** Names a huge value in a failure's report, which would otherwise print (or overflow printing) all of it. */
function describedAs<T extends object>(value: T, description: string): T {
  return Object.defineProperty(value, fc.toStringMethod, { value: () => description });
}

/** `depth` lists (or objects) inside each other around 1, built without recursion. */
export function nested(depth: number, asList: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = asList ? [value] : { a: value };
  return describedAs(value as object, `nested(${depth}, ${asList})`);
}

/**
 * Wrong types, edge numbers, prototype keys, deep nesting and huge lists: one value a hostile file could hold. Values
 * bound for IndexedDB nest less deeply: fake-indexeddb copies them with structuredClone deep in its own stack, which
 * overflows past about 2,000 levels and throws outside any request, a limit of the test double, not of a reader.
 */
export const hostileValues = (maxDepth = 20_000): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...EDGE_NUMBERS),
    fc.constantFrom(null, true, false, undefined, '', '1e999', 'NaN', '$&$`', '../../etc/passwd', 'x'.repeat(100_000)),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.anything({ maxDepth: 3, key: hostileKey, withNullPrototype: true, withSparseArray: true }),
    fc.record({ depth: fc.integer({ min: 100, max: maxDepth }), asList: fc.boolean() }).map(({ depth, asList }) => nested(depth, asList)),
    fc.integer({ min: 1_000, max: 100_000 }).map((length) => describedAs(new Array<number>(length).fill(7), `${length} sevens`)),
    fc.constantFrom(...PROTOTYPE_KEYS).map((key) => JSON.parse(`{${JSON.stringify(key)}:{"polluted":true}}`) as unknown),
  );
export const hostileValue = hostileValues();
/** For records written to IndexedDB (see hostileValues). */
export const storableHostileValue = hostileValues(500);

/** One change to a valid value: a field replaced, removed or added somewhere in its tree, chosen by `steps`. */
export interface Mutation {
  readonly steps: readonly number[];
  readonly action: 'replace' | 'remove' | 'add';
  readonly key: string;
  readonly value: unknown;
}

export const mutations = (values: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> =>
  fc.record({ steps: fc.array(fc.nat(), { maxLength: 10 }), action: fc.constantFrom('replace', 'replace', 'remove', 'add'), key: hostileKey, value: values });
export const mutation = mutations(hostileValue);
export const storableMutation = mutations(storableHostileValue);

const isContainer = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer);
/** As JSON.parse makes them: own data properties, so '__proto__' is a key, not the prototype. */
const define = (target: object, key: string, value: unknown) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });

/** A copy of `root` with the mutation applied; `root` is untouched. */
export function mutate(root: unknown, { steps, action, key, value }: Mutation): unknown {
  const copy: unknown = structuredClone(root);
  if (!isContainer(copy)) return value;
  let parent = copy;
  let at: string | undefined;
  for (const [i, step] of steps.entries()) {
    const keys = Object.keys(parent);
    at = keys[step % Math.max(keys.length, 1)];
    const child = at === undefined ? undefined : parent[at];
    if (i === steps.length - 1 || !isContainer(child) || Object.keys(child).length === 0) break;
    parent = child;
  }
  if (action === 'add' || at === undefined) {
    if (Array.isArray(parent)) parent.push(value);
    else define(parent, key, value);
  } else if (action === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(at), 1);
    else delete parent[at];
  } else define(parent, at, value);
  return copy;
}

/** Text-level damage to a JSON file: cut short, a number rewritten to an edge, wrapped deep, or a byte changed. */
export const textDamage = fc.oneof(
  fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
  fc.record({ nth: fc.nat(), to: fc.constantFrom('1e999', '-1e999', '-0', '1e308', '5e-324', '123456789012345678901234567890', 'NaN', '0x10') }).map(
    ({ nth, to }) =>
      (text: string) => {
        let seen = -1;
        const count = text.match(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g)?.length ?? 0;
        return text.replace(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g, (number) => (++seen === nth % Math.max(count, 1) ? to : number));
      },
  ),
  fc.record({ depth: fc.integer({ min: 1, max: 100_000 }), list: fc.boolean() }).map(
    ({ depth, list }) =>
      (text: string) => (list ? `${'['.repeat(depth)}${text}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${text}${'}'.repeat(depth)}`),
  ),
  fc.record({ at: fc.nat(), char: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }).map(
    ({ at, char }) =>
      (text: string) => {
        const i = at % Math.max(text.length, 1);
        return `${text.slice(0, i)}${char}${text.slice(i + 1)}`;
      },
  ),
);
