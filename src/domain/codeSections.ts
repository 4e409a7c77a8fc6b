/**
 * An exported training script cut into its steps, so that the script and its notebook come from the same text:
 * the script joins the steps, the notebook gives each step a cell.
 */

/** The steps in the order they run; each step's code may use what the steps before it defined. */
export const CODE_STEPS = ['data', 'model', 'summary', 'compile', 'fit', 'evaluate'] as const;
export type CodeStep = (typeof CODE_STEPS)[number];

/** The code of every step, each runnable at the top level of a notebook after the ones before it. */
export type CodeSections = Readonly<Record<CodeStep, string>>;

/** An export, or why the model cannot be exported (to show where the code would be). */
export type CodeExport<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };
