/**
 * The lesson beside the page: what it reads of the page (the editor's layers and printed summary, the saved runs and
 * which are on the charts, the pad's reading) and the one-click changes it makes through the real editor.
 */
import { useCallback, useMemo, useRef, useState, type RefObject } from 'react';
import type { ModelAnalysis } from '../../domain/analysis.ts';
import { BOOK_TRAINING, CHAPTER5_LAYERS } from '../../domain/defaults.ts';
import { formatKerasSummary } from '../../domain/keras/summary.ts';
import { DENSE_LAYERS } from '../../domain/lesson/runComparison.ts';
import { withDropout, withHalfTheFilters, type LessonOffer } from '../../domain/lesson/lessonSteps.ts';
import type { LessonPageState } from '../../domain/lesson/lessonState.ts';
import type { DatasetId } from '../../domain/datasets.ts';
import type { ModelSpec } from '../../domain/modelSpec.ts';
import { draftFromSettings } from '../../domain/settingsDraft.ts';
import type { ModelStatus } from '../../engine/engineState.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import type { RunRecord } from '../../storage/runStore.ts';
import type { ModelSlot } from '../../training/protocol.ts';
import type { EditorDocumentState } from '../editor/useEditorDocument.ts';
import { LessonPanel } from '../lesson/LessonPanel.tsx';
import { HierarchyView } from '../lesson/HierarchyView.tsx';
import { MovedDigitView } from '../lesson/MovedDigitView.tsx';
import { useLessonProgress, type LessonProgressState } from '../lesson/useLessonProgress.ts';
import { useMovedDigit } from '../lesson/useMovedDigit.ts';
import { useMovedScores } from '../lesson/useMovedScores.ts';

export type PadReading = LessonPageState['padReading'];

/**
 * The lesson's progress, the header button that opens it (focus goes back to it when the lesson closes), and what the
 * pad reads (set by the pad, read by the lesson's checks).
 */
export function useLessonSide() {
  const lesson = useLessonProgress();
  const [padReading, setPadReading] = useState<PadReading>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { move } = lesson;
  const close = useCallback(() => {
    move({ type: 'close' });
    buttonRef.current?.focus();
  }, [move]);
  return { lesson, buttonRef, close, padReading, setPadReading };
}

export function LessonButton({ lesson, buttonRef }: { readonly lesson: LessonProgressState; readonly buttonRef: RefObject<HTMLButtonElement | null> }) {
  const { open } = lesson.progress;
  return (
    <button ref={buttonRef} type="button" className="lesson-button" aria-expanded={open} onClick={() => lesson.move({ type: open ? 'close' : 'open' })}>
      Lesson
    </button>
  );
}

interface LessonSideProps {
  readonly lesson: LessonProgressState;
  /** Beside the page: closes it. Without it the lesson stands alone (the embed view, EmbedPanels.tsx) and always shows. */
  readonly onClose?: () => void;
  readonly model: EditorDocumentState;
  readonly spec: ModelSpec;
  readonly analysis: Extract<ModelAnalysis, { ok: true }> | null;
  readonly runs: readonly RunRecord[];
  readonly overlaid: ReadonlySet<string>;
  readonly padReading: PadReading;
  readonly request: EngineRequest;
  readonly models: Readonly<Record<ModelSlot, ModelStatus>>;
  /** The page's data and the picker's choose; an embed has no picker, so its lesson does not offer other data. */
  readonly dataset?: { readonly id: DatasetId; readonly choose: (id: DatasetId) => void };
}

export function LessonSide({ lesson, onClose, model, spec, analysis, runs, overlaid, padReading, request, models, dataset }: LessonSideProps) {
  const experiment = useMovedScores(request, models);
  const pixels = padReading?.pixels ?? null;
  const movedDigit = useMovedDigit(request, pixels, models);
  const [deeperMapsShown, setDeeperMapsShown] = useState<string | null>(null);
  const step = lesson.progress.step;
  const firstFilters = models.pretrained.status === 'ready' ? models.pretrained.filters : null;
  const page = useMemo<LessonPageState>(
    () => ({
      layers: spec.layers,
      summary: analysis ? formatKerasSummary(analysis.rows, analysis) : null,
      runs: runs.map((run) => ({
        name: run.name,
        layers: run.spec.layers,
        status: run.status,
        testAccuracy: run.test?.accuracy ?? null,
        trainSize: run.spec.training.trainSize,
        testSize: run.test?.count ?? run.spec.training.testSize,
        overlaid: overlaid.has(run.id),
        perClassAccuracy: run.perClassAccuracy,
        confusion: run.confusion,
      })),
      padReading,
      experiment: experiment.scores,
      deeperMapsShown: step === 'hierarchies' ? deeperMapsShown : null,
      datasetId: dataset?.id ?? null,
    }),
    [spec.layers, analysis, runs, overlaid, padReading, experiment.scores, step, deeperMapsShown, dataset?.id],
  );
  const { document, edit, replaceLayers } = model;
  const onOffer = useCallback(
    (offer: LessonOffer) => {
      const training = (changes: Partial<typeof document.training>) => edit({ ...document, training: { ...document.training, ...changes } }, 'settings');
      switch (offer) {
        case 'quick-subset':
          return training({ trainSize: '2000', epochs: '1', validationSplit: '0', testSize: '1000' });
        case 'book-run':
          return training(draftFromSettings(BOOK_TRAINING));
        case 'load-convnet':
          return replaceLayers(CHAPTER5_LAYERS, 'the lesson (the chapter-5 convnet)');
        case 'load-dense':
          return replaceLayers(DENSE_LAYERS, 'the lesson (the chapter-2 dense network)');
        case 'add-dropout':
          return replaceLayers(withDropout(spec.layers), 'the lesson (Dropout added)');
        case 'fewer-filters':
          return replaceLayers(withHalfTheFilters(spec.layers), 'the lesson (half the filters)');
        case 'fashion-mnist':
          return dataset?.choose('fashion-mnist');
      }
    },
    [document, edit, replaceLayers, spec.layers, dataset],
  );
  if (onClose && !lesson.progress.open) return null;
  const stepExtra =
    step === 'anywhere' ? <MovedDigitView {...movedDigit} /> : step === 'hierarchies' ? <HierarchyView request={request} pixels={pixels} filters={firstFilters} onShown={setDeeperMapsShown} /> : null;
  return <LessonPanel page={page} progress={lesson.progress} onMove={lesson.move} onOffer={onOffer} storageNotice={lesson.storageNotice} experiment={experiment} onClose={onClose} stepExtra={stepExtra} unavailableOffers={dataset ? [] : ['fashion-mnist']} />;
}
