/** Why the pad's model said what it said: what it looked at, what each layer sees, and how any one number is computed. */
import { useState } from 'react';
import type { PreprocessedDigit } from '../../data/digitPreprocess.ts';
import type { AttributionMethod } from '../../domain/explain/explanations.ts';
import type { ModelFilters } from '../../engine/engineState.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import type { FeatureMapLayer, ModelSlot } from '../../training/protocol.ts';
import { AttributionView } from './AttributionView.tsx';
import { CellExplainer } from './CellExplainer.tsx';
import './explain.css';
import { FeatureMapsSection } from './FeatureMapsSection.tsx';
import { useAttribution } from './useAttribution.ts';
import { useCellExplanation } from './useCellExplanation.ts';

interface ReaderExplanationsProps {
  readonly request: EngineRequest;
  readonly slot: ModelSlot;
  readonly modelName: string | null;
  readonly digit: PreprocessedDigit | null;
  /** The model's answer for the digit, once read. */
  readonly answer: number | null;
  /** The digit's own answer (or why none) has come: only then is its attribution asked (attributionAfterAnswer.ts). */
  readonly answerInHand: boolean;
  readonly featureMaps: readonly FeatureMapLayer[] | null;
  readonly filters: ModelFilters | null;
  /** The classes the model answers in, by index: MNIST's digits unless told. */
  readonly classNames?: readonly string[];
}

export function ReaderExplanations({ request, slot, modelName, digit, answer, answerInHand, featureMaps, filters, classNames }: ReaderExplanationsProps) {
  const [method, setMethod] = useState<AttributionMethod>('gradient-input');
  const [targetClass, setTargetClass] = useState<number | null>(null);
  const { attribution, pending } = useAttribution(request, { slot, modelName, digit, answerInHand }, method, targetClass);
  const explainer = useCellExplanation(request, slot, modelName, digit);
  const { target } = explainer;
  const [row = 0, col = 0, tile = 0] = target?.position ?? [];
  const picked = target && target.position.length === 3 ? { layerIndex: target.layerIndex, cell: { row, col, tile } } : null;
  const readable = digit !== null && answer !== null;
  return (
    <>
      {readable && (
        <div className="explain-row">
          <AttributionView
            attribution={attribution}
            pending={pending}
            method={method}
            onMethod={setMethod}
            targetClass={targetClass}
            onTargetClass={setTargetClass}
            answer={answer}
            classNames={classNames}
          />
          <p className="softmax-entry">
            <button type="button" onClick={() => explainer.explain({ layerIndex: -1, position: [targetClass ?? answer] })}>
              How the probabilities are computed
            </button>
            <span className="muted small"> the last layer’s sums for {classNames?.[targetClass ?? answer] ?? targetClass ?? answer}, then softmax</span>
          </p>
        </div>
      )}
      {(featureMaps || filters) && (
        <FeatureMapsSection
          filters={filters}
          featureMaps={featureMaps}
          onPick={(layerIndex, cell) => explainer.explain({ layerIndex, position: [cell.row, cell.col, cell.tile] })}
          picked={picked}
        />
      )}
      {digit && <CellExplainer explainer={explainer} digit={digit.pixels} featureMaps={featureMaps} classNames={classNames} />}
    </>
  );
}
