/** How the pad's explanations name a class of the model's output. */

/**
 * Class `index` by the name the model answers in, when its output has one value per named class; else its index, as
 * for a model of another class count (trained on other data: naming its outputs would be made up).
 */
export function classLabel(classNames: readonly string[] | undefined, index: number, outputCount: number): string {
  const named = classNames !== undefined && classNames.length === outputCount ? classNames[index] : undefined;
  return named ?? String(index);
}
