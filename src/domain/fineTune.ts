/**
 * Fine-tuning on the person's handwriting, as plain arithmetic: which examples are held out, how each epoch's mix is
 * sized, what a fine-tune may start with, and how the model before and after compare on the examples.
 */

/** A fine-tune's knobs, with the defaults a learner starts from. */
export interface FineTuneSettings {
  readonly epochs: number;
  /** MNIST training images mixed in per image of yours: what keeps the network from forgetting MNIST. */
  readonly mnistPerExample: number;
}

export const DEFAULT_FINE_TUNE: FineTuneSettings = { epochs: 3, mnistPerExample: 4 };
export const FINE_TUNE_LIMITS = { epochs: { min: 1, max: 20 }, mnistPerExample: { min: 0, max: 20 } } as const;
/**
 * RMSprop at 0.3 of the pretrained model's rate (0.001): enough to learn a style in a few epochs, small enough not to
 * undo what MNIST taught. Measured (tfjs in Node): 6 drawings of a 7 with a kinked stem, which the shipped model read
 * as 3 (99–100%), 3 epochs with 4 MNIST images per copy: 4 new drawings of that 7 read as 7, and accuracy on the first
 * 2,000 MNIST test images went from 98.65% to 98.50%.
 */
export const FINE_TUNE_LEARNING_RATE = 0.0003;
export const FINE_TUNE_BATCH_SIZE = 32;
/** Below this many examples every one is trained on: too few to spare any for checking. */
export const MIN_EXAMPLES_FOR_HOLD_OUT = 20;
/** Each epoch shows a small set several times, augmented differently each time, so a handful still makes batches. */
const TARGET_COPIES_PER_EPOCH = 200;
const MAX_COPIES = 8;

export interface LabelledExample {
  readonly id: string;
  readonly label: number;
}

/** What a fine-tune trains on and what it checks on, and the sentence that says so. */
export interface ExampleSplit<T> {
  readonly trained: readonly T[];
  readonly heldOut: readonly T[];
  readonly description: string;
}

/**
 * With MIN_EXAMPLES_FOR_HOLD_OUT or more, every fifth example of each digit (in the order kept) is held out, so each
 * digit is checked in proportion; below that, all are trained on and the comparison says so.
 */
export function splitExamples<T extends LabelledExample>(examples: readonly T[]): ExampleSplit<T> {
  if (examples.length < MIN_EXAMPLES_FOR_HOLD_OUT) {
    return {
      trained: examples,
      heldOut: [],
      description: `All ${examples.length} examples are trained on (from ${MIN_EXAMPLES_FOR_HOLD_OUT}, every fifth of each digit is held out to check on).`,
    };
  }
  const seen = new Map<number, number>();
  const trained: T[] = [];
  const heldOut: T[] = [];
  for (const example of examples) {
    const n = (seen.get(example.label) ?? 0) + 1;
    seen.set(example.label, n);
    (n % 5 === 0 ? heldOut : trained).push(example);
  }
  return { trained, heldOut, description: `Trained on ${trained.length}, checked on ${heldOut.length} held out (every fifth of each digit).` };
}

/** Why a fine-tune cannot start on these examples, or null. */
export function checkFineTuneExamples(examples: readonly LabelledExample[]): string | null {
  if (examples.length === 0) {
    return 'No examples yet: draw a digit, then correct the answer or keep it as an example. A few drawings of the digit it misreads are enough.';
  }
  return null;
}

/** A note that does not stop the fine-tune: with one digit only, the network is taught only that digit's examples. */
export function noteFineTuneExamples(examples: readonly LabelledExample[], settings: FineTuneSettings): string | null {
  const digits = new Set(examples.map((example) => example.label));
  if (digits.size === 1 && settings.mnistPerExample === 0) {
    return `All your examples are ${[...digits][0]}s and no MNIST is mixed in: the network would learn to answer ${[...digits][0]} to everything. Mix in MNIST, or add examples of other digits.`;
  }
  if (digits.size === 1) return `All your examples are ${[...digits][0]}s: the MNIST mixed in keeps the other digits in mind.`;
  return null;
}

/** Augmented copies of each trained example per epoch. */
export const copiesPerEpoch = (trained: number) => Math.max(1, Math.min(MAX_COPIES, Math.ceil(TARGET_COPIES_PER_EPOCH / Math.max(1, trained))));

/** The size of one epoch's mix: every trained example's copies, and mnistPerExample MNIST images for each. */
export function planFineTuneEpoch(trained: number, mnistPerExample: number): { readonly yours: number; readonly mnist: number; readonly total: number } {
  const yours = trained * copiesPerEpoch(trained);
  const mnist = Math.round(yours * mnistPerExample);
  return { yours, mnist, total: yours + mnist };
}

/** One example as each model read it. */
export interface ComparedExample {
  readonly id: string;
  readonly label: number;
  readonly heldOut: boolean;
  readonly before: number;
  readonly after: number;
}

export interface Accuracy {
  readonly correct: number;
  readonly count: number;
}

/** Accuracy before and after, on the held-out examples when there are any, else on all (which were trained on). */
export function compareOnExamples(examples: readonly ComparedExample[]): { readonly before: Accuracy; readonly after: Accuracy; readonly heldOut: boolean } {
  const heldOut = examples.some((example) => example.heldOut);
  const checked = heldOut ? examples.filter((example) => example.heldOut) : examples;
  const correct = (which: 'before' | 'after') => checked.filter((example) => example[which] === example.label).length;
  return { before: { correct: correct('before'), count: checked.length }, after: { correct: correct('after'), count: checked.length }, heldOut };
}

/** The examples the two models read differently: fixed ones first, then broken ones, then others. */
export function changedExamples(examples: readonly ComparedExample[]): ComparedExample[] {
  const rank = (example: ComparedExample) => (example.after === example.label ? 0 : example.before === example.label ? 1 : 2);
  return examples.filter((example) => example.before !== example.after).sort((a, b) => rank(a) - rank(b));
}

/** A finished fine-tune, side by side with its parent: what the before → after view shows, kept across reloads. */
export interface FineTuneComparison {
  /** The new model's name on the shelf, and its parent's. */
  readonly modelName: string;
  readonly parentName: string;
  readonly finishedAt: number;
  /** MNIST test accuracy (0–1) of each model, on the same `count` test images. */
  readonly parentTest: { readonly accuracy: number; readonly count: number };
  readonly test: { readonly accuracy: number; readonly count: number };
  /** How the examples were split, in words (see splitExamples). */
  readonly split: string;
  readonly examples: readonly ComparedExample[];
}
