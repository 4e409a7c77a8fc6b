import { useEffect } from 'react';
import { formatInputShape } from '../../domain/datasets.ts';
import { ClassPreview } from './ClassPreview.tsx';
import { ImportControls } from './ImportControls.tsx';
import type { YourImages } from './useYourImages.ts';
import './yourImages.css';

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/**
 * "Your images": the import (with its limits stated first), the kept dataset by class with its size, and Delete. Every
 * refusal is said here, and the dataset shown stays until a new one is imported whole.
 */
export function YourImagesPanel({ yourImages }: { readonly yourImages: YourImages }) {
  const { dataset, load } = yourImages;
  useEffect(load, [load]);
  const kept = dataset ? dataset.images.length + dataset.labels.length + dataset.testMask.length : 0;
  return (
    <section className="your-images" aria-labelledby="your-images-heading">
      <h2 id="your-images-heading">Your images</h2>
      <ImportControls busy={yourImages.importing !== null} onImport={yourImages.importFiles} />
      {yourImages.problem && (
        <p className="error" role="alert">
          {yourImages.problem}
        </p>
      )}
      {yourImages.notice && (
        <p className="examples-notice" role="status">
          {yourImages.notice}
        </p>
      )}
      {yourImages.leftAlone && <p className="warning">{yourImages.leftAlone}</p>}
      {dataset && (
        <div className="your-dataset">
          <p className="dataset-facts" aria-label="Your dataset">
            {dataset.sourceName}: {(dataset.info.trainCount + dataset.info.testCount).toLocaleString('en-US')} images of {formatInputShape(dataset.info.inputShape)} in{' '}
            {dataset.info.classNames.length} classes ({dataset.info.trainCount.toLocaleString('en-US')} train, {dataset.info.testCount.toLocaleString('en-US')} test),{' '}
            {megabytes(kept)} kept in this browser.
          </p>
          <p className="hint">{dataset.info.source}</p>
          <ClassPreview dataset={dataset} />
          <button type="button" onClick={yourImages.remove}>
            Delete your images
          </button>
        </div>
      )}
      {yourImages.loaded && !dataset && !yourImages.importing && <p className="note">No images imported yet.</p>}
    </section>
  );
}
