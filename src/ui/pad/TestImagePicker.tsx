/** "Pick a test image": a few of the chosen dataset's test images; the one clicked is read by the model in use. */
import { useCallback, useEffect, useState } from 'react';
import { networkInput, type TestSample } from '../../data/testSample.ts';
import { formatInputShape, type DatasetInfo } from '../../domain/datasets.ts';
import type { ModelStatus } from '../../engine/engineState.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import type { ModelSlot } from '../../training/protocol.ts';
import { DigitImage } from '../common/DigitImage.tsx';
import { ModelSwitch } from './ModelSwitch.tsx';
import { TestImageAnswer, type Asked } from './TestImageAnswer.tsx';
import { useLatestAnswer } from './useLatestAnswer.ts';
import './testImages.css';

interface TestImagePickerProps {
  readonly dataset: DatasetInfo;
  readonly sample: TestSample;
  readonly models: Readonly<Record<ModelSlot, ModelStatus>>;
  readonly request: EngineRequest;
}

/** The shipped model reads MNIST's 28×28 greyscale digits: it can be asked about a test image of that shape only. */
function shippedReads(sample: TestSample): boolean {
  return formatInputShape(sample.shape) === '28×28×1';
}

/** Which model reads: the person's own once there is one (as the pad does), else the shipped one. */
function useReadingSlot(models: Readonly<Record<ModelSlot, ModelStatus>>) {
  const yourName = models.yours.status === 'ready' ? models.yours.name : null;
  const [slot, setSlot] = useState<ModelSlot>(yourName === null ? 'pretrained' : 'yours');
  // A model the person just trained or loaded is the one they want to try (state adjusted while rendering).
  const [seenName, setSeenName] = useState(yourName);
  if (seenName !== yourName) {
    setSeenName(yourName);
    if (yourName !== null) setSlot('yours');
  }
  return [slot, setSlot] as const;
}

export function TestImagePicker({ dataset, sample, models, request }: TestImagePickerProps) {
  const [slot, setSlot] = useReadingSlot(models);
  const [picked, setPicked] = useState<number | null>(null);
  // Other images (another dataset, a new import): the one picked was of the old ones.
  const [seenSample, setSeenSample] = useState(sample);
  if (seenSample !== sample) {
    setSeenSample(sample);
    setPicked(null);
  }
  const active = models[slot];
  const modelName = active.status === 'ready' ? active.name : null;
  const canAsk = slot === 'yours' || shippedReads(sample);
  const ask = useCallback(
    async (question: Asked) => ({ question, reply: await request({ type: 'predict', slot: question.slot, pixels: networkInput(sample, question.at), featureMaps: true }) }),
    [request, sample],
  );
  const { latest, pending, submit } = useLatestAnswer(ask);
  useEffect(() => {
    submit(picked !== null && modelName !== null && canAsk ? { slot, at: picked, modelName } : null);
  }, [picked, slot, modelName, canAsk, submit]);
  const shown = latest && latest.question.at === picked && latest.question.slot === slot && latest.question.modelName === modelName ? latest.answer : null;
  const nameOf = (label: number) => dataset.classNames[label] ?? String(label);

  return (
    <div className="test-images">
      <p className="hint">
        {sample.labels.length} of {dataset.title}'s test images ({formatInputShape(sample.shape)}), {Math.ceil(sample.labels.length / Math.max(1, dataset.classNames.length))} of each class. Choose one
        and the model reads it.
      </p>
      <ul className="test-image-grid" aria-label={`Test images of ${dataset.title}`}>
        {[...sample.labels].map((label, at) => (
          <li key={sample.indices[at] ?? at}>
            <button type="button" aria-pressed={picked === at} aria-label={`Test image ${(sample.indices[at] ?? at) + 1}: ${nameOf(label)}`} onClick={() => setPicked(at)}>
              <DigitImage images={sample.images} index={at} shape={sample.shape} size={48} label={nameOf(label)} />
              <span>{nameOf(label)}</span>
            </button>
          </li>
        ))}
      </ul>
      <ModelSwitch models={models} slot={slot} onSlot={setSlot} name="test-image-model" />
      {slot === 'pretrained' && (
        <p className="hint" role="note">
          The shipped model was trained on MNIST digits:{' '}
          {canAsk ? `it answers with a digit, not one of ${dataset.title}'s classes.` : `it reads 28×28 greyscale digits, not ${formatInputShape(sample.shape)} images. Train a model on ${dataset.title} to read these.`}
        </p>
      )}
      {picked !== null && canAsk && (
        <TestImageAnswer dataset={dataset} slot={slot} trueLabel={sample.labels[picked] ?? 0} answer={shown} pending={pending} modelName={modelName} filters={active.status === 'ready' ? active.filters : null} />
      )}
    </div>
  );
}
