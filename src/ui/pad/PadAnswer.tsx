/** The pad's prediction region: the model's answer in the classes it answers in, its probabilities, or why not. */
import type { ModelStatus } from '../../engine/engineState.ts';
import { ProbabilityBars } from './ProbabilityBars.tsx';
import type { TestImageReading } from './testImageReading.ts';
import type { PadPrediction } from './usePadPredictions.ts';
import './padAnswer.css';

interface PadAnswerProps {
  readonly drawn: boolean;
  readonly prediction: PadPrediction | null;
  readonly error: string | null;
  readonly pending: boolean;
  readonly active: ModelStatus;
  readonly modelName: string | null;
  /** The answer named by the model's classes (null until there is one). */
  readonly reading: TestImageReading | null;
  readonly classNames: readonly string[];
  /** What to draw, with its article ("a digit"), for the empty pad's invitation. */
  readonly item?: string;
}

const isDigit = (name: string) => /^[0-9]$/.test(name);

export function PadAnswer({ drawn, prediction, error, pending, active, modelName, reading, classNames, item = 'a digit' }: PadAnswerProps) {
  const ready = active.status === 'ready';
  return (
    <section className="prediction" aria-live="polite" aria-label="Prediction" aria-busy={pending} data-latency-ms={prediction?.latencyMs.toFixed(2)} data-sequence={prediction?.sequence}>
      {!drawn && <p className="prediction-empty">Draw {item} and the network reads it as you draw.</p>}
      {drawn && !prediction && !error && ready && <p className="prediction-empty">Reading…</p>}
      {error && drawn && ready && <p className="error">{error}</p>}
      {reading && !reading.ok && drawn && <p className="error">{reading.message}</p>}
      {reading?.ok && prediction && drawn && (
        <>
          <p className="prediction-top">
            {/* data-digit stays the class index (the e2e page objects read it); a class name is longer than a digit. */}
            <span className={isDigit(reading.name) ? 'prediction-digit' : 'prediction-digit named'} data-digit={reading.best}>
              {reading.name}
            </span>
            <span>{Math.round(reading.probability * 100)}% sure</span>
          </p>
          <ProbabilityBars probabilities={prediction.probabilities} best={reading.best} classNames={classNames} />
          <p className="muted small">Read in {prediction.inferenceMs.toFixed(1)} ms by {modelName}.</p>
        </>
      )}
    </section>
  );
}
