/**
 * An exported training script cut into its steps, so that the script and its notebook come from the same text:
 * the script joins the steps, the notebook gives each step a cell.
 */
import type { DatasetInfo } from './datasets.ts';

/** The steps in the order they run; each step's code may use what the steps before it defined. */
export const CODE_STEPS = ['data', 'model', 'summary', 'compile', 'fit', 'evaluate'] as const;
export type CodeStep = (typeof CODE_STEPS)[number];

/** The code of every step, each runnable at the top level of a notebook after the ones before it. */
export type CodeSections = Readonly<Record<CodeStep, string>>;

/** An export, or why the model cannot be exported (to show where the code would be). */
export type CodeExport<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/**
 * Why no code can load this data, or null. The exports read MNIST and Fashion-MNIST through the frameworks' own
 * loaders and the person's images from a folder of class folders; images imported as MNIST-format files have neither.
 */
export function whyNoCodeLoads(dataset: DatasetInfo): string | null {
  if (dataset.id !== 'your-images' || dataset.imageFolder) return null;
  return 'Your images came from MNIST-format (IDX) files: the code exports read your images from a folder with one sub-folder per class, so there is no code for these; import them as a folder or ZIP to get it.';
}
