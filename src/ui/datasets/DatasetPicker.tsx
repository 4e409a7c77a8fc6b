/** Room src/ui/datasets/: the dataset picker at the top of the page — MNIST, Fashion-MNIST or the person's images. */
import type { ReactNode } from 'react';
import type { DatasetId, DatasetInfo } from '../../domain/datasets.ts';
import { describeProgress, type DatasetDownload } from './datasetDownload.ts';

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
  /** A chosen dataset on its way, or why it did not come. */
  readonly download?: DatasetDownload | null;
  /** Shown under "Your images" when chosen: the import panel. */
  readonly children?: ReactNode;
}

/** Native radios in a fieldset: arrow keys move between them, as a radio group should. */
export function DatasetPicker({ chosen, onChoose, locked, notice, download = null, children }: DatasetPickerProps) {
  // The radio shows what was asked for while it loads; the rest of the page stays on the chosen data until then.
  const checkedId = download?.status === 'loading' ? download.id : chosen.id;
  return (
    <section className="card wide dataset-picker" aria-labelledby="dataset-heading">
      <fieldset disabled={locked}>
        <legend id="dataset-heading">Dataset</legend>
        {CHOICES.map(({ id, label }) => (
          <label key={id} className="dataset-choice">
            <input type="radio" name="dataset" value={id} checked={checkedId === id} onChange={() => onChoose(id)} />
            {label}
          </label>
        ))}
      </fieldset>
      <p className="hint" role="note" aria-label="Where the data comes from">
        {chosen.source} Input {chosen.inputShape.join('×')}, {chosen.classNames.length} classes
        {chosen.classNames.length > 0 && chosen.classNames.length <= 12 ? `: ${chosen.classNames.join(', ')}` : ''}.
      </p>
      <DownloadState download={download} chosen={chosen} />
      {locked && <p className="hint">A run is going: the dataset can change when it ends.</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      {chosen.id === 'your-images' && children}
    </section>
  );
}

/** Progress as a bar and in words while a chosen dataset downloads; its failure, beside the picker, as an alert. */
function DownloadState({ download, chosen }: { readonly download: DatasetDownload | null; readonly chosen: DatasetInfo }) {
  if (!download) return null;
  if (download.status === 'failed') {
    return (
      <p className="error" role="alert">
        {download.message}
      </p>
    );
  }
  const { id, title, loadedBytes, totalBytes } = download;
  return (
    <p className="dataset-download" role="status">
      <progress max={Math.max(totalBytes, 1)} value={loadedBytes} aria-label={`${title} download`} /> Downloading {title}: {describeProgress(loadedBytes, totalBytes)}.
      {id !== chosen.id && ` The page stays on ${chosen.title} until it is here.`}
    </p>
  );
}
