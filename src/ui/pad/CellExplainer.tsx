import { useEffect, useRef } from 'react';
import type { FeatureMapLayer } from '../../training/protocol.ts';
import { CellEquation } from './CellEquation.tsx';
import { classLabel } from './classLabel.ts';
import { ConvExplanation } from './ConvExplanation.tsx';
import { DenseExplanation } from './DenseExplanation.tsx';
import { PoolExplanation } from './PoolExplanation.tsx';
import type { CellTarget, useCellExplanation } from './useCellExplanation.ts';

type Explainer = ReturnType<typeof useCellExplanation>;

interface CellExplainerProps {
  readonly explainer: Explainer;
  readonly digit: Float32Array;
  readonly featureMaps: readonly FeatureMapLayer[] | null;
  /** The classes the model answers in, by index: the output layer's units are named by them. */
  readonly classNames?: readonly string[];
}

const MOVES = [
  { label: 'Cell up', key: 'ArrowUp', row: -1, col: 0 },
  { label: 'Cell down', key: 'ArrowDown', row: 1, col: 0 },
  { label: 'Cell left', key: 'ArrowLeft', row: 0, col: -1 },
  { label: 'Cell right', key: 'ArrowRight', row: 0, col: 1 },
] as const;

/** The neighbouring cell in the same map and channel, or null at the edge. */
function moved(target: CellTarget, map: FeatureMapLayer | undefined, row: number, col: number): CellTarget | null {
  const [r = 0, c = 0, channel = 0] = target.position;
  if (!map || target.position.length !== 3) return null;
  const next = [r + row, c + col, channel];
  return next[0]! >= 0 && next[0]! < map.height && next[1]! >= 0 && next[1]! < map.width ? { layerIndex: target.layerIndex, position: next } : null;
}

/** outputCount: the output layer's units, once the answer tells them (until then, one per named class). */
function describeTarget(target: CellTarget, classNames: readonly string[] | undefined, outputCount: number | undefined): string {
  const [a = 0, b = 0, c = 0] = target.position;
  return target.position.length === 3 ? `row ${a + 1}, column ${b + 1}, channel ${c + 1}` : `class ${classLabel(classNames, a, outputCount ?? classNames?.length ?? 0)}`;
}

/** How one number is computed: the explanation of the picked cell, with moves to its neighbours; Escape or Close ends it. */
export function CellExplainer({ explainer, digit, featureMaps, classNames }: CellExplainerProps) {
  const { target, latest, pending, explain, close } = explainer;
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  // A cell picked from outside (a map, the softmax button) takes the reader to its explanation; moving from cell to
  // cell with the view's own buttons leaves the focus on the button pressed.
  useEffect(() => {
    if (target && !section.current?.contains(document.activeElement)) heading.current?.focus();
  }, [target]);
  if (!target) return null;
  const map = featureMaps?.find((m) => m.layerIndex === target.layerIndex);
  const event = latest?.answer;
  // The digit the answer was computed on: the pad may have moved on while it was on its way.
  const pixels = latest?.question.pixels ?? digit;
  const answer = event?.type === 'cell-explained' ? event.answer : null;
  // Only the output layer's units are classes (the softmax entry asks for layer −1); a map's cells are not.
  const names = target.layerIndex === -1 ? classNames : undefined;
  const outputCount = answer?.ok && answer.explanation.kind === 'dense' ? answer.explanation.softmax?.logits.length : undefined;
  const where = describeTarget(target, names, outputCount);
  const title = answer?.ok ? `${answer.layerName} (${answer.layerType}), ${where}` : where;
  return (
    <section ref={section} className="cell-explainer" aria-labelledby="cell-explainer-heading" aria-busy={pending} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="cell-explainer-head">
        <h3 id="cell-explainer-heading" ref={heading} tabIndex={-1}>
          How one number is computed: {title}
        </h3>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      {target.position.length === 3 && (
        <div className="cell-moves" role="group" aria-label="Explain a neighbouring cell">
          {MOVES.map((move) => {
            const next = moved(target, map, move.row, move.col);
            return (
              <button key={move.key} type="button" disabled={!next} onClick={() => next && explain(next)}>
                {move.label}
              </button>
            );
          })}
        </div>
      )}
      {event?.type === 'model-error' && <p className="error" role="status">{event.message}</p>}
      {answer && !answer.ok && <p className="error" role="status">{answer.message}</p>}
      {!answer && pending && <p className="prediction-empty">Working it out…</p>}
      {answer?.ok && (
        <>
          {answer.explanation.kind === 'conv' && <ConvExplanation explanation={answer.explanation} source={answer.source} digit={pixels} featureMaps={featureMaps} />}
          {answer.explanation.kind === 'pool' && <PoolExplanation explanation={answer.explanation} source={answer.source} digit={pixels} featureMaps={featureMaps} />}
          {answer.explanation.kind === 'dense' && <DenseExplanation explanation={answer.explanation} classNames={names} />}
          <CellEquation explanation={answer.explanation} modelValue={answer.modelValue} />
        </>
      )}
    </section>
  );
}
