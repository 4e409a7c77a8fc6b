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
import { drawnItem, MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import { ModelSwitch } from './ModelSwitch.tsx';
import { PadAnswer } from './PadAnswer.tsx';
import { ReaderExplanations } from './ReaderExplanations.tsx';
import { classNamesFor, readTestImage, teachesDigits } from './testImageReading.ts';
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
  /** The page's data: "yours" answers in its classes, the shipped model in MNIST's digits. */
  readonly dataset?: DatasetInfo;
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
export const DigitReader = memo(function DigitReader({ models, request, onKeepExample, onSlotChange, onReading, dataset = MNIST_INFO }: DigitReaderProps) {
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
  const classNames = classNamesFor(slot, dataset);
  const reading = useMemo(() => (prediction ? readTestImage(prediction.probabilities, classNames, modelName ?? 'The model', dataset.title) : null), [prediction, classNames, modelName, dataset.title]);
  const filters = active.status === 'ready' ? active.filters : null;
  // The examples are MNIST digits: a model answering in other classes is neither corrected nor taught with them.
  const teaches = teachesDigits(slot, dataset);
  const { correction, onStrokes } = usePadTeaching(digit, top && digit ? top.digit : null, teaches ? onKeepExample : undefined);
  useEffect(() => onSlotChange?.(slot), [slot, onSlotChange]);
  const readDigit = top && digit && modelName ? top.digit : null;
  const readPixels = readDigit !== null ? (digit?.pixels ?? null) : null;
  useEffect(() => onReading?.(readDigit !== null && readPixels && modelName ? { digit: readDigit, modelName, pixels: readPixels } : null), [readDigit, readPixels, modelName, onReading]);
  const otherSlot = slot === 'yours' ? 'pretrained' : 'yours';
  const other = models[otherSlot];

  return (
    <div className="reader">
      <div className="reader-main" onKeyDown={(event) => keepOnDigitKey(event, correction)}>
        <DrawPad onDigit={submit} onStrokes={onStrokes} item={drawnItem(dataset)} digitKeysKeep={onKeepExample !== undefined && teaches} />
        <div className="reader-side">
          <ModelSwitch models={models} slot={slot} onSlot={setSlot} />
          {active.status === 'error' && <p className="error" role="alert">{active.message}</p>}
          <PadAnswer drawn={digit !== null} prediction={prediction} error={error} pending={pending} active={active} modelName={modelName} reading={reading} classNames={classNames} item={drawnItem(dataset)} />
          {top && digit && modelName && (
            <BothModels
              request={request}
              digit={digit}
              reading={{ ...top, name: classNames[top.digit] ?? String(top.digit) }}
              readingName={modelName}
              other={other.status === 'ready' ? { slot: otherSlot, name: other.name, classNames: classNamesFor(otherSlot, dataset) } : null}
            />
          )}
          {top && digit && onKeepExample && teaches && <CorrectionBar read={top.digit} correction={correction} />}
          {top && digit && onKeepExample && !teaches && <p className="hint">Correcting an answer or keeping an example is for MNIST digits: {modelName} answers in {dataset.title}'s classes.</p>}
          <NetworkInput digit={digit} />
        </div>
      </div>
      <ReaderExplanations
        request={request}
        slot={slot}
        modelName={modelName}
        digit={digit}
        answer={digit && top ? top.digit : null}
        answerInHand={digit !== null && !pending}
        featureMaps={digit && prediction ? prediction.featureMaps : null}
        filters={filters}
        classNames={classNames}
      />
    </div>
  );
});
