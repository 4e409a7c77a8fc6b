/**
 * Room src/ui/lesson/: the guided chapter-5 lesson, a panel that drives the real page. It reads the page's state
 * (LessonPageState) and asks the page for one-click changes (onOffer); it works beside the page and on its own (embed).
 */
import { useEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { analyzePrefix } from '../../domain/analysis.ts';
import { explainStack } from '../../domain/lesson/layerNumbers.ts';
import { isLastStep, stepIndex, type LessonMove, type LessonProgress } from '../../domain/lesson/lessonProgress.ts';
import { LESSON_STEPS, type LessonOffer } from '../../domain/lesson/lessonSteps.ts';
import type { LessonPageState } from '../../domain/lesson/lessonState.ts';
import { findComparedRuns } from '../../domain/lesson/runComparison.ts';
import { MNIST_INPUT_SHAPE } from '../../domain/modelSpec.ts';
import { LessonExperiment, type LessonExperimentProps } from './LessonExperiment.tsx';
import { LessonOffers } from './LessonOffers.tsx';
import { RunComparison } from './RunComparison.tsx';
import './lesson.css';

export interface LessonPanelProps {
  readonly page: LessonPageState;
  readonly progress: LessonProgress;
  readonly onMove: (move: LessonMove) => void;
  /** Carries out a step's one-click change on the page; offers are hidden without it. */
  readonly onOffer?: (offer: LessonOffer) => void;
  /** Offers this page cannot carry out (an embed has no dataset picker), left out. */
  readonly unavailableOffers?: readonly LessonOffer[];
  /** Why the progress is kept in this tab only (a stored record the page cannot read); null when it is kept. */
  readonly storageNotice?: string | null;
  /** The "local patterns anywhere" experiment, run by the worker; without it that step has nothing to run. */
  readonly experiment?: LessonExperimentProps;
  /** Beside the page: Close and Escape call it. On its own (embedded) the lesson has no close. */
  readonly onClose?: () => void;
  /** What the page adds to the current step (the learner's digit moved, its deeper maps), shown above the check. */
  readonly stepExtra?: ReactNode;
}

/** Where each of the model's layers gets its numbers, for the steps that build it. */
function LayerNumbers({ page }: { readonly page: LessonPageState }) {
  const sentences = useMemo(() => explainStack(page.layers, analyzePrefix(page.layers), MNIST_INPUT_SHAPE), [page.layers]);
  if (sentences.length === 0) return <p className="lesson-muted">The stack is empty: the summary will grow a line per layer.</p>;
  return (
    <ol className="lesson-numbers" aria-label="Where each layer’s numbers come from">
      {sentences.map((sentence, i) => (
        <li key={i}>{sentence}</li>
      ))}
    </ol>
  );
}

function ComparedRuns({ page }: { readonly page: LessonPageState }) {
  const { convnet, dense } = findComparedRuns(page);
  return convnet && dense ? <RunComparison convnet={convnet} dense={dense} /> : null;
}

export function LessonPanel({ page, progress, onMove, onOffer, unavailableOffers = [], storageNotice = null, experiment, onClose, stepExtra }: LessonPanelProps) {
  const index = stepIndex(progress.step);
  const step = LESSON_STEPS[index] ?? LESSON_STEPS[0]!;
  const check = step.check(page);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // A new step takes focus to its heading, so a screen reader starts reading it; on first show only beside the page,
    // where the learner just opened it (an embedded lesson must not take focus from its host page).
    if (firstRender.current && !onClose) {
      firstRender.current = false;
      return;
    }
    firstRender.current = false;
    headingRef.current?.focus();
  }, [progress.step, onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && onClose) {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <aside className={onClose ? 'lesson' : 'lesson standalone'} aria-labelledby="lesson-title" onKeyDown={onKeyDown}>
      <div className="lesson-head">
        <p id="lesson-title" className="lesson-title">
          Lesson: chapter 5 · step {index + 1} of {LESSON_STEPS.length}
        </p>
        {onClose && (
          <button type="button" onClick={onClose}>
            Close lesson
          </button>
        )}
      </div>
      {storageNotice && <p className="lesson-notice">{storageNotice}</p>}
      <h2 ref={headingRef} tabIndex={-1} className="lesson-step">
        {step.title}
      </h2>
      {step.explanation.map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
      <h3>Do this</h3>
      <p>{step.doThis}</p>
      {onOffer && <LessonOffers offers={step.offers.filter((offer) => !unavailableOffers.includes(offer))} onOffer={onOffer} />}
      {step.explainsLayers && <LayerNumbers page={page} />}
      {step.id === 'dense' && <ComparedRuns page={page} />}
      {step.id === 'anywhere' && experiment && <LessonExperiment {...experiment} />}
      {stepExtra}
      <p role="status" className={check.passed ? 'lesson-check passed' : 'lesson-check'} aria-label="Lesson check">
        {check.passed ? 'Done: ' : 'Not yet: '}
        {check.message}
      </p>
      <nav className="lesson-moves" aria-label="Lesson steps">
        <button type="button" onClick={() => onMove({ type: 'back' })} disabled={index === 0}>
          Back
        </button>
        {!isLastStep(progress) && (
          <>
            <button type="button" onClick={() => onMove({ type: 'skip' })}>
              Skip
            </button>
            <button type="button" className="primary" onClick={() => onMove({ type: 'next', passed: check.passed })} aria-disabled={!check.passed}>
              Next
            </button>
          </>
        )}
        {isLastStep(progress) && (
          <button type="button" onClick={() => onMove({ type: 'restart' })}>
            Start again
          </button>
        )}
      </nav>
    </aside>
  );
}
