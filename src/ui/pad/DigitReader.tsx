/** Room src/ui/pad/: draw a digit and watch a model read it — pad, prediction, network input, feature maps. */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { PreprocessedDigit } from '../../data/digitPreprocess.ts';
import { predictClasses } from '../../domain/evaluation.ts';
import type { ModelSlot } from '../../training/protocol.ts';
import type { DrawnDigit } from '../../engine/handwritingCoach.ts';
import { BothModels } from './BothModels.tsx';
import { CorrectionBar, keepOnDigitKey } from './CorrectionBar.tsx';
import { DrawPad } from './DrawPad.tsx';
import { usePadTeaching } from './usePadTeaching.ts';
import type { ModelStatus } from '../../engine/engineState.ts';
import { ModelSwitch } from './ModelSwitch.tsx';
import { ProbabilityBars } from './ProbabilityBars.tsx';
import { ReaderExplanations } from './ReaderExplanations.tsx';
import { usePadPredictions } from './usePadPredictions.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';

interface DigitReaderProps {
  readonly models: Readonly<Record<ModelSlot, ModelStatus>>;
  readonly request: EngineRequest;
  /** Keeps the drawing as one of the person's examples: null when kept, or why not. */
  readonly onKeepExample?: (drawn: DrawnDigit) => Promise<string | null>;
  /** Told which model reads the pad, whenever that changes. */
  readonly onSlotChange?: (slot: ModelSlot) => void;
  /** Told what the pad reads now, with which model and from which 28×28 input (null when empty): the lesson checks it. */
  readonly onReading?: (reading: { readonly digit: number; readonly modelName: string; readonly pixels: Float32Array } | null) => void;
}

/** The 28×28 image the network receives, drawn pixel for pixel and scaled up crisply by CSS. */
function NetworkInput({ digit }: { readonly digit: PreprocessedDigit | null }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    const picture = context.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const value = Math.round((digit?.pixels[i] ?? 0) * 255);
      picture.data.set([value, value, value, 255], i * 4);
    }
    context.putImageData(picture, 0, 0);
  }, [digit]);
  return (
    <figure className="network-input">
      <canvas ref={canvasRef} width={28} height={28} role="img" aria-label="The 28×28 image the network receives" />
      <figcaption>What the network sees: 28×28, centred like MNIST</figcaption>
    </figure>
  );
}

/** Draw a digit and watch a model read it: probabilities, the input it receives, and what each layer sees. */
export const DigitReader = memo(function DigitReader({ models, request, onKeepExample, onSlotChange, onReading }: DigitReaderProps) {
  const [slot, setSlot] = useState<ModelSlot>('pretrained');
  const yours = models.yours;
  const yourName = yours.status === 'ready' ? yours.name : null;
  // A model the person just trained or loaded is the one they want to try (state adjusted while rendering, as React advises).
  const [seenName, setSeenName] = useState(yourName);
  if (seenName !== yourName) {
    setSeenName(yourName);
    if (yourName !== null) setSlot('yours');
  }
  const active = models[slot];
  const modelName = active.status === 'ready' ? active.name : null;
  const { prediction, error, digit, pending, submit } = usePadPredictions(request, slot, modelName);

  const top = useMemo(() => {
    if (!prediction) return null;
    const best = predictClasses(prediction.probabilities, prediction.probabilities.length)[0] ?? 0;
    return { digit: best, probability: prediction.probabilities[best] ?? 0 };
  }, [prediction]);
  const filters = active.status === 'ready' ? active.filters : null;
  const { correction, onStrokes } = usePadTeaching(digit, top && digit ? top.digit : null, onKeepExample);
  useEffect(() => onSlotChange?.(slot), [slot, onSlotChange]);
  const readDigit = top && digit && modelName ? top.digit : null;
  const readPixels = readDigit !== null ? (digit?.pixels ?? null) : null;
  useEffect(() => onReading?.(readDigit !== null && readPixels && modelName ? { digit: readDigit, modelName, pixels: readPixels } : null), [readDigit, readPixels, modelName, onReading]);
  const otherSlot = slot === 'yours' ? 'pretrained' : 'yours';
  const other = models[otherSlot];

  return (
    <div className="reader">
      <div className="reader-main" onKeyDown={(event) => keepOnDigitKey(event, correction)}>
        <DrawPad onDigit={submit} onStrokes={onStrokes} />
        <div className="reader-side">
          <ModelSwitch models={models} slot={slot} onSlot={setSlot} />
          {active.status === 'error' && <p className="error" role="alert">{active.message}</p>}
          <section className="prediction" aria-live="polite" aria-label="Prediction" aria-busy={pending} data-latency-ms={prediction?.latencyMs.toFixed(2)} data-sequence={prediction?.sequence}>
            {!digit && <p className="prediction-empty">Draw a digit and the network reads it as you draw.</p>}
            {digit && !prediction && !error && active.status === 'ready' && <p className="prediction-empty">Reading…</p>}
            {error && digit && active.status === 'ready' && <p className="error">{error}</p>}
            {top && prediction && digit && (
              <>
                <p className="prediction-top">
                  <span className="prediction-digit" data-digit={top.digit}>
                    {top.digit}
                  </span>
                  <span>{Math.round(top.probability * 100)}% sure</span>
                </p>
                <ProbabilityBars probabilities={prediction.probabilities} best={top.digit} />
                <p className="muted small">Read in {prediction.inferenceMs.toFixed(1)} ms by {modelName}.</p>
              </>
            )}
          </section>
          {top && digit && modelName && (
            <BothModels request={request} digit={digit} reading={top} readingName={modelName} other={other.status === 'ready' ? { slot: otherSlot, name: other.name } : null} />
          )}
          {top && digit && onKeepExample && <CorrectionBar read={top.digit} correction={correction} />}
          <NetworkInput digit={digit} />
        </div>
      </div>
      <ReaderExplanations
        request={request}
        slot={slot}
        modelName={modelName}
        digit={digit}
        answer={digit && top ? top.digit : null}
        featureMaps={digit && prediction ? prediction.featureMaps : null}
        filters={filters}
      />
    </div>
  );
});
