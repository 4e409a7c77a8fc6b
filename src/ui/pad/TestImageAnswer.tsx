/** What the model in use made of the test image picked: its answer by class name, the probabilities and its maps. */
import type { DatasetInfo } from '../../domain/datasets.ts';
import type { ModelFilters } from '../../engine/engineState.ts';
import type { ModelSlot, ReplyTo } from '../../training/protocol.ts';
import { FeatureMapsSection } from './FeatureMapsSection.tsx';
import { ProbabilityBars } from './ProbabilityBars.tsx';
import { classNamesFor, readTestImage, type TestImageReading } from './testImageReading.ts';

/** A test image asked about: which of the sample, of which model. */
export interface Asked {
  readonly slot: ModelSlot;
  readonly at: number;
  readonly modelName: string;
}

type PredictReply = ReplyTo<{ type: 'predict'; slot: ModelSlot; pixels: Float32Array; featureMaps: boolean }>;

interface TestImageAnswerProps {
  readonly dataset: DatasetInfo;
  readonly slot: ModelSlot;
  readonly trueLabel: number;
  /** The reply for the image and model shown; null while it is on its way. */
  readonly answer: { readonly question: Asked; readonly reply: PredictReply } | null;
  readonly pending: boolean;
  readonly modelName: string | null;
  readonly filters: ModelFilters | null;
}

export function TestImageAnswer({ dataset, slot, trueLabel, answer, pending, modelName, filters }: TestImageAnswerProps) {
  const trueName = dataset.classNames[trueLabel] ?? String(trueLabel);
  const names = classNamesFor(slot, dataset);
  const reply = answer?.reply ?? null;
  const reading = reply?.type === 'prediction' ? readTestImage(reply.probabilities, names, modelName ?? 'The model', dataset.title) : null;
  return (
    <section className="test-image-answer prediction" aria-label="Answer for the test image" aria-live="polite" aria-busy={pending}>
      {!reply && modelName === null && <p className="prediction-empty">Train a model (or load one) to read it.</p>}
      {!reply && modelName !== null && <p className="prediction-empty">Reading…</p>}
      {reply?.type === 'model-error' && <p className="error">{reply.message}</p>}
      {reading && !reading.ok && <p className="error">{reading.message}</p>}
      {reply?.type === 'prediction' && reading?.ok && (
        <>
          <Reading reading={reading} names={names} trueName={trueName} probabilities={reply.probabilities} modelName={modelName} inferenceMs={reply.inferenceMs} />
          <FeatureMapsSection filters={filters} featureMaps={reply.featureMaps} />
        </>
      )}
    </section>
  );
}

interface ReadingProps {
  readonly reading: Extract<TestImageReading, { ok: true }>;
  readonly names: readonly string[];
  readonly trueName: string;
  readonly probabilities: Float32Array;
  readonly modelName: string | null;
  readonly inferenceMs: number;
}

function Reading({ reading, names, trueName, probabilities, modelName, inferenceMs }: ReadingProps) {
  const { best, name, probability } = reading;
  return (
    <>
      <p className="prediction-top">
        <span className="prediction-class" data-class={name}>
          {name}
        </span>
        <span>{Math.round(probability * 100)}% sure</span>
      </p>
      <p className="muted small">
        True class: <strong>{trueName}</strong>. Read in {inferenceMs.toFixed(1)} ms by {modelName}.
      </p>
      <ProbabilityBars probabilities={probabilities} best={best} classNames={names} />
    </>
  );
}
