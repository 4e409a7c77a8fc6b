/** Room src/ui/datasets/: the dataset picker at the top of the page — MNIST, Fashion-MNIST or the person's images. */
import type { ReactNode } from 'react';
import type { DatasetId, DatasetInfo } from '../../domain/datasets.ts';

const CHOICES: readonly { readonly id: DatasetId; readonly label: string }[] = [
  { id: 'mnist', label: 'MNIST digits' },
  { id: 'fashion-mnist', label: 'Fashion-MNIST' },
  { id: 'your-images', label: 'Your images' },
];

interface DatasetPickerProps {
  readonly chosen: DatasetInfo;
  readonly onChoose: (id: DatasetId) => void;
  /** A run going trains on its own data: the choice waits until it ends. */
  readonly locked: boolean;
  /** Why the kept choice is not used or cannot be kept. */
  readonly notice: string | null;
  /** Shown under "Your images" when chosen: the import panel. */
  readonly children?: ReactNode;
}

/** Native radios in a fieldset: arrow keys move between them, as a radio group should. */
export function DatasetPicker({ chosen, onChoose, locked, notice, children }: DatasetPickerProps) {
  return (
    <section className="card wide dataset-picker" aria-labelledby="dataset-heading">
      <fieldset disabled={locked}>
        <legend id="dataset-heading">Dataset</legend>
        {CHOICES.map(({ id, label }) => (
          <label key={id} className="dataset-choice">
            <input type="radio" name="dataset" value={id} checked={chosen.id === id} onChange={() => onChoose(id)} />
            {label}
          </label>
        ))}
      </fieldset>
      <p className="hint" role="note" aria-label="Where the data comes from">
        {chosen.source} Input {chosen.inputShape.join('×')}, {chosen.classNames.length} classes
        {chosen.classNames.length > 0 && chosen.classNames.length <= 12 ? `: ${chosen.classNames.join(', ')}` : ''}.
      </p>
      {locked && <p className="hint">A run is going: the dataset can change when it ends.</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      {chosen.id === 'your-images' && children}
    </section>
  );
}
