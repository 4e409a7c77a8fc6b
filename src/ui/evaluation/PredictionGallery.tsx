import { useState } from 'react';
import type { Prediction } from '../../domain/evaluation.ts';
import { withIndefiniteArticle } from '../../domain/indefiniteArticle.ts';
import { DigitImage } from '../common/DigitImage.tsx';

const PAGE_SIZE = 24;

interface PredictionGalleryProps {
  readonly title: string;
  readonly predictions: readonly Prediction[];
  readonly images: Uint8Array;
  readonly empty: string;
  /** The dataset's class names, by label, and its images' H, W, C. */
  readonly classNames: readonly string[];
  readonly shape: readonly [number, number, number];
}

/** Test images with what the model made of them, a page at a time. */
export function PredictionGallery({ title, predictions, images, empty, classNames, shape }: PredictionGalleryProps) {
  const nameOf = (label: number) => classNames[label] ?? String(label);
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(predictions.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = predictions.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  return (
    <section className="gallery" aria-label={title}>
      <div className="gallery-head">
        <h3>{title}</h3>
        {pages > 1 && (
          <span className="pager">
            <button type="button" onClick={() => setPage(current - 1)} disabled={current === 0}>
              Previous
            </button>
            <span>
              page {current + 1} of {pages}
            </span>
            <button type="button" onClick={() => setPage(current + 1)} disabled={current === pages - 1}>
              Next
            </button>
          </span>
        )}
      </div>
      {shown.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ul className="gallery-grid">
          {shown.map((p) => (
            <li key={p.index} className={p.label === p.predicted ? 'right' : 'wrong'}>
              <DigitImage images={images} index={p.index} shape={shape} label={`Test image ${p.index + 1}: ${withIndefiniteArticle(nameOf(p.label))}`} />
              <span className="verdict">
                true <strong>{nameOf(p.label)}</strong> → read <strong>{nameOf(p.predicted)}</strong>
              </span>
              <span className="top">{p.top.map((t) => `${nameOf(t.digit)}: ${(t.probability * 100).toFixed(t.probability < 0.1 ? 1 : 0)}%`).join(' · ')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
