import { useCallback, useState } from 'react';
import type { TestSample } from '../../data/testSample.ts';
import { drawnItem, MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import { CHAPTER5_LAYERS } from '../../domain/defaults.ts';
import type { EngineState } from '../../engine/engineState.ts';
import type { TrainingEngine } from '../../engine/trainingEngine.ts';
import type { ModelSlot } from '../../training/protocol.ts';
import { HandwritingPanel } from '../handwriting/HandwritingPanel.tsx';
import { useHandwriting } from '../handwriting/useHandwriting.ts';
import { DigitReader } from '../pad/DigitReader.tsx';
import { TestImagePicker } from '../pad/TestImagePicker.tsx';
import type { SavedModels } from '../saved-models/useSavedModels.ts';
import { PanelBoundary } from './PanelBoundary.tsx';

interface PadAndHandwritingProps {
  readonly engine: TrainingEngine;
  readonly state: EngineState;
  readonly shelf: SavedModels;
  /** Told what the pad reads (the lesson checks it). */
  readonly onPadReading?: (reading: { readonly digit: number; readonly modelName: string; readonly pixels: Float32Array } | null) => void;
  /** The dataset the page trains on: the pad says what it reads when that is not MNIST. */
  readonly dataset?: DatasetInfo;
  /** A few of the dataset's test images to pick from (null for MNIST, and until they are loaded or imported). */
  readonly testSample?: TestSample | null;
}

/** The pad reads 28×28 greyscale drawings, as MNIST is: for other data, what that means for the model reading it. */
function padNote(dataset: DatasetInfo): string | null {
  if (dataset.id === 'mnist') return null;
  if (dataset.classNames.length === 0) return 'Import images under Your images above: their test images show here, for the model to read.';
  if (dataset.drawable) {
    const classes = dataset.classNames.join(', ');
    return `The pad reads a 28×28 greyscale drawing, as ${dataset.title}'s images are. A model trained on ${dataset.title} answers with its class names: ${classes}. The shipped model was trained on MNIST digits: it answers with a digit.`;
  }
  const shape = dataset.inputShape.join('×');
  return `The pad reads a 28×28 greyscale drawing; ${dataset.title} are ${shape}, so a model trained on them cannot read it: pick one of their test images instead. The shipped model was trained on MNIST digits.`;
}

/** The draw pad and the handwriting it teaches: a correction on the pad becomes an example in the panel below it. */
export function PadAndHandwriting({ engine, state, shelf, onPadReading, dataset = MNIST_INFO, testSample = null }: PadAndHandwritingProps) {
  const note = padNote(dataset);
  const handwriting = useHandwriting(engine);
  const [readingSlot, setReadingSlot] = useState<ModelSlot>('pretrained');
  // The shipped model is the book's chapter-5 network; "yours" is the shelf's model in use, named as the shelf names it.
  const parentOf = useCallback(
    (slot: ModelSlot) => {
      if (slot === 'pretrained') return { layers: CHAPTER5_LAYERS, name: null };
      const saved = shelf.models.find((model) => model.id === shelf.activeId);
      return saved ? { layers: saved.spec.layers, name: saved.name } : null;
    },
    [shelf.models, shelf.activeId],
  );
  return (
    <>
      <PanelBoundary name="draw a digit">
        <section className="card wide" aria-labelledby="draw-heading">
          <h2 id="draw-heading">{dataset.drawable ? `Draw ${drawnItem(dataset)}` : 'Pick a test image'}</h2>
          {note && <p className="hint">{note}</p>}
          {dataset.drawable && <DigitReader models={state.models} request={engine.request} onKeepExample={handwriting.keep} onSlotChange={setReadingSlot} onReading={onPadReading} dataset={dataset} />}
          {dataset.drawable && testSample && dataset.id !== 'mnist' && <h3 id="test-image-heading">Or pick a test image</h3>}
          {testSample && dataset.id !== 'mnist' && <TestImagePicker dataset={dataset} sample={testSample} models={state.models} request={engine.request} />}
        </section>
      </PanelBoundary>
      <PanelBoundary name="your handwriting">
        <HandwritingPanel handwriting={handwriting} models={state.models} readingSlot={readingSlot} parentOf={parentOf} run={state.run} controls={engine} />
      </PanelBoundary>
    </>
  );
}
