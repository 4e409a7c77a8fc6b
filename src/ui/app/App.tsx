/**
 * Room src/ui/app/: composition only — the page, its services (usePlayground), the frame and error boundaries.
 * The page: its panels, composed from the playground's services and the edited model.
 */
import { useMemo, type ComponentProps } from 'react';
import { refOfDataset, type DatasetRef } from '../../domain/datasetRef.ts';
import { isRunActive } from '../../engine/engineState.ts';
import type { RunLedger, RunList } from '../../engine/runLedger.ts';
import type { EditorDocumentState } from '../editor/useEditorDocument.ts';
import { MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import type { TestEvaluation } from '../../training/protocol.ts';
import { toDatasetArrays } from '../../domain/importedDataset.ts';
import { DatasetPicker } from '../datasets/DatasetPicker.tsx';
import { ExportPanel } from '../editor/ExportPanel.tsx';
import { useEditedModel } from '../editor/useEditedModel.ts';
import { ModelPanel } from '../editor/ModelPanel.tsx';
import { ModelSummaryPanel } from '../editor/ModelSummaryPanel.tsx';
import { EvaluationPanel } from '../evaluation/EvaluationPanel.tsx';
import type { RunRecord } from '../../storage/runStore.ts';
import { OverlayDataNote } from '../runs/OverlayDataNote.tsx';
import { RunsPanel } from '../runs/RunsPanel.tsx';
import { useRunOverlays, type RunOverlays } from '../runs/useRunOverlays.ts';
import { SavedModelsPanel } from '../saved-models/SavedModelsPanel.tsx';
import { useSavedModels } from '../saved-models/useSavedModels.ts';
import { WatchItLearn } from '../learning/WatchItLearn.tsx';
import { EmbedButton } from '../embed/EmbedButton.tsx';
import { EngineStatus } from '../training/EngineStatus.tsx';
import { LearningCurvesPanel } from '../training/LearningCurvesPanel.tsx';
import { TrainingPanel } from '../training/TrainingPanel.tsx';
import { Footer, Masthead, ModelNotices, NoticeBar } from './PageFrame.tsx';
import { LessonButton, LessonSide, useLessonSide } from './LessonSide.tsx';
import { PadAndHandwriting } from './PadAndHandwriting.tsx';
import { PanelBoundary } from './PanelBoundary.tsx';
import { usePlayground } from './usePlayground.ts';
import { useDataset } from './useDataset.ts';
import { useLinkDataset } from './useLinkDataset.ts';
import { YourImagesPanel } from '../your-images/YourImagesPanel.tsx';
import { useYourImages } from '../your-images/useYourImages.ts';

export function App() {
  const { engine, ledger, snapshot, runs, keeping } = usePlayground();
  const { state, backendChoice } = snapshot;
  const { run } = state;
  const shelf = useSavedModels(engine);
  const runOverlays = useRunOverlays();
  const { overlaid } = runOverlays;
  const overlays = useMemo(() => runs.runs.filter((r) => overlaid.has(r.id)), [runs.runs, overlaid]);
  const yourImages = useYourImages();
  const held = useMemo(() => (yourImages.dataset ? toDatasetArrays(yourImages.dataset) : null), [yourImages.dataset]);
  const dataset = useDataset(engine, held);
  // The editor's shapes, counts, summary and checks follow the chosen data's input shape and classes.
  // (Your images before any are imported has no classes yet: the editor keeps MNIST's until it has.)
  const editedFor = dataset.info.classNames.length > 0 ? dataset.info : MNIST_INFO;
  const { model, spec, issues: datasetIssues, analysis, rows, settingsIssues } = useEditedModel({ dataset: editedFor });
  const { document } = model;
  // Train is held back by the chosen data's checks (3 classes end in Dense(3)), not MNIST's.
  const datasetError = datasetIssues.find((issue) => issue.severity === 'error');
  const trainBlock = datasetError ? `${datasetError.layerIndex === null ? '' : `layer ${datasetError.layerIndex + 1}: `}${datasetError.message}` : null;
  // The evaluation shows the run's data, which the picker may have moved on from.
  const runDataset = snapshot.run?.dataset ?? MNIST_INFO;
  const { lesson, buttonRef: lessonButton, close: closeLesson, padReading, setPadReading } = useLessonSide();
  const lessonDataset = useMemo(() => ({ id: dataset.info.id, choose: dataset.choose }), [dataset.info.id, dataset.choose]);
  const link = useLinkDataset({ chosen: dataset.info, choose: dataset.choose, yourImages: { held: yourImages.dataset?.info ?? null, loaded: yourImages.loaded, load: yourImages.load }, spec, locked: isRunActive(run) });

  return (
    <div className={lesson.progress.open ? 'app with-lesson' : 'app'}>
      <Masthead>
        <EngineStatus state={state} onRetryData={engine.retryData} choice={backendChoice} onChooseBackend={engine.chooseBackend} locked={isRunActive(run)} layers={spec.layers} />
        <EmbedButton shareUrl={model.shareUrl} />
        <LessonButton lesson={lesson} buttonRef={lessonButton} />
      </Masthead>
      <ModelNotices model={model} />
      {link.notice && <NoticeBar notice={link.notice} onDismiss={link.dismiss} />}
      <LessonSide lesson={lesson} onClose={closeLesson} model={model} spec={spec} analysis={analysis} runs={runs.runs} overlaid={overlaid} padReading={padReading} request={engine.request} models={state.models} dataset={lessonDataset} />
      <main className="layout">
        <PanelBoundary name="dataset">
          <DatasetPicker chosen={dataset.info} onChoose={dataset.choose} locked={isRunActive(run)} notice={dataset.notice} download={dataset.download}>
            <YourImagesPanel yourImages={yourImages} />
          </DatasetPicker>
        </PanelBoundary>
        <PadAndHandwriting engine={engine} state={state} shelf={shelf} onPadReading={setPadReading} dataset={dataset.info} testSample={dataset.testSample} />
        <PanelBoundary name="model">
          <ModelPanel model={{ ...model, shareUrl: link.shareUrl }} rows={rows} issues={datasetIssues} data={editedFor} />
        </PanelBoundary>
        <div className="column">
          <PanelBoundary name="training">
            <TrainingPanel
              state={state}
              engine={engine}
              spec={spec}
              totalParams={analysis?.totalParams ?? null}
              modelError={trainBlock}
              draft={document.training}
              settingsIssues={settingsIssues}
              onSettingsChange={(training) => model.edit({ ...document, training }, 'settings')}
              keeping={keeping}
            />
          </PanelBoundary>
          <CurvesCard curves={{ run, plannedEpochs: spec.training.epochs, overlays }} overlaid={overlays} going={run ? refOfDataset(runDataset) : null} />
          <PanelBoundary name="watch it learn">
            <WatchItLearn film={engine.film} onWatch={engine.watchLearning} />
          </PanelBoundary>
          <PanelBoundary name="summary">
            <ModelSummaryPanel analysis={analysis} />
          </PanelBoundary>
          <PanelBoundary name="Keras code">
            <ExportPanel spec={spec} valid={analysis !== null} onImport={model.replaceLayers} dataset={dataset.info} />
          </PanelBoundary>
        </div>
        {run?.evaluation && <EvaluationCard evaluation={run.evaluation} dataset={runDataset} />}
        <SavedModelsCard shelf={shelf} data={{ current: dataset.info, held: yourImages.dataset?.info ?? null, heldLoaded: yourImages.loaded, onSwitch: dataset.choose, locked: isRunActive(run) }} />
        <RunsCard runs={runs} overlays={runOverlays} ledger={ledger} onOpen={model.openRun} />
      </main>
      <Footer />
    </div>
  );
}

/** What the run's model gets wrong, on the data it was trained on. */
function EvaluationCard({ evaluation, dataset }: { readonly evaluation: TestEvaluation; readonly dataset: DatasetInfo }) {
  return (
    <PanelBoundary name="evaluation">
      <section className="card wide" aria-labelledby="evaluation-heading">
        <h2 id="evaluation-heading">What the model gets wrong</h2>
        <EvaluationPanel evaluation={evaluation} classNames={dataset.classNames} imageShape={dataset.inputShape} />
      </section>
    </PanelBoundary>
  );
}

/** The learning curves, with a note above them when the curves drawn come from runs on different data. */
function CurvesCard({ curves, overlaid, going }: { readonly curves: ComponentProps<typeof LearningCurvesPanel>; readonly overlaid: readonly RunRecord[]; readonly going: DatasetRef | null }) {
  return (
    <PanelBoundary name="learning curves">
      <OverlayDataNote overlaid={overlaid} going={going} />
      <LearningCurvesPanel {...curves} />
    </PanelBoundary>
  );
}

/** The saved models, greyed where made for other data than the data in hand. */
function SavedModelsCard(props: ComponentProps<typeof SavedModelsPanel>) {
  return (
    <PanelBoundary name="saved models">
      <SavedModelsPanel {...props} />
    </PanelBoundary>
  );
}

/** The kept runs: overlaid on the charts, opened in the editor, deleted. */
function RunsCard({ runs, overlays, ledger, onOpen }: { readonly runs: RunList; readonly overlays: RunOverlays; readonly ledger: RunLedger; readonly onOpen: EditorDocumentState['openRun'] }) {
  return (
    <PanelBoundary name="runs">
      <RunsPanel
        runs={runs.runs}
        problem={runs.problem}
        leftAlone={runs.leftAlone}
        overlaid={overlays.overlaid}
        onToggleOverlay={overlays.toggleOverlay}
        onDelete={ledger.remove}
        onOpen={(saved) => onOpen(saved.spec, saved.name)}
      />
    </PanelBoundary>
  );
}
