import type { LessonOffer } from '../../domain/lesson/lessonSteps.ts';

const OFFER_LABELS: Readonly<Record<LessonOffer, string>> = {
  'quick-subset': 'Use a quick subset (2,000 images, 1 epoch)',
  'book-run': 'Use the book’s full run (60,000 images, 5 epochs)',
  'load-convnet': 'Put the chapter-5 convnet in the editor',
  'load-dense': 'Put the dense network in the editor',
  'add-dropout': 'Add Dropout(0.5) after Flatten',
  'fewer-filters': 'Halve every Conv2D’s filters',
  'fashion-mnist': 'Train on Fashion-MNIST instead',
};

/** A step's one-click changes to the page's model or settings. */
export function LessonOffers({ offers, onOffer }: { readonly offers: readonly LessonOffer[]; readonly onOffer: (offer: LessonOffer) => void }) {
  if (offers.length === 0) return null;
  return (
    <div className="lesson-offers" role="group" aria-label="One-click changes">
      {offers.map((offer) => (
        <button key={offer} type="button" onClick={() => onOffer(offer)}>
          {OFFER_LABELS[offer]}
        </button>
      ))}
    </div>
  );
}
