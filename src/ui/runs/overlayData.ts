/** Whether the curves on the charts come from different data, and what to say when they do. */
import { sameData, type DatasetRef } from '../../domain/datasetRef.ts';
import { formatInputShape, isDatasetId } from '../../domain/datasets.ts';
import type { RunRecord } from '../../storage/runStore.ts';

/** "Fashion-MNIST"; the person's images with their size, which can differ from run to run. */
export const nameData = (dataset: DatasetRef): string =>
  dataset.id === 'your-images' || !isDatasetId(dataset.id) ? `${dataset.title}, ${formatInputShape(dataset.inputShape)}` : dataset.title;

const curves = (n: number) => `${n} overlaid run${n === 1 ? '' : 's'}`;

/**
 * null when every curve drawn trained on the same data; else each dataset with the curves from it. `going`: the data
 * of the run on the charts (null when none is).
 */
export function describeMixedData(overlaid: readonly RunRecord[], going: DatasetRef | null): string | null {
  const groups: { dataset: DatasetRef; going: boolean; overlaid: number }[] = [];
  const groupOf = (dataset: DatasetRef) => {
    const found = groups.find((group) => sameData(group.dataset, dataset) && group.dataset.title === dataset.title);
    if (found) return found;
    const added = { dataset, going: false, overlaid: 0 };
    groups.push(added);
    return added;
  };
  if (going) groupOf(going).going = true;
  for (const run of overlaid) groupOf(run.dataset).overlaid++;
  if (groups.length < 2) return null;
  const parts = groups.map(({ dataset, going: isGoing, overlaid: n }) => {
    const which = [isGoing ? 'the run on the charts' : '', n > 0 ? curves(n) : ''].filter(Boolean).join(' and ');
    return `${nameData(dataset)} (${which})`;
  });
  return `These curves come from different data: ${parts.join('; ')}. An accuracy on one dataset says nothing about another's.`;
}
