/**
 * Room src/ui/app/: composition only — the page, its services (usePlayground), the frame and error boundaries.
 * The page: its panels, composed from the playground's services and the edited model.
 */
import { useMemo } from 'react';
import { isRunActive } from '../../engine/engineState.ts';
import { ExportPanel } from '../editor/ExportPanel.tsx';
import { useEditedModel } from '../editor/useEditedModel.ts';
import { ModelPanel } from '../editor/ModelPanel.tsx';
import { ModelSummaryPanel } from '../editor/ModelSummaryPanel.tsx';
import { EvaluationPanel } from '../evaluation/EvaluationPanel.tsx';
import { RunsPanel } from '../runs/RunsPanel.tsx';
import { useRunOverlays } from '../runs/useRunOverlays.ts';
import { SavedModelsPanel } from '../saved-models/SavedModelsPanel.tsx';
import { useSavedModels } from '../saved-models/useSavedModels.ts';
import { WatchItLearn } from '../learning/WatchItLearn.tsx';
import { EmbedButton } from '../embed/EmbedButton.tsx';
import { EngineStatus } from '../training/EngineStatus.tsx';
import { LearningCurvesPanel } from '../training/LearningCurvesPanel.tsx';
import { TrainingPanel } from '../training/TrainingPanel.tsx';
import { Footer, Masthead, ModelNotices } from './PageFrame.tsx';
import { PadAndHandwriting } from './PadAndHandwriting.tsx';
import { PanelBoundary } from './PanelBoundary.tsx';
import { usePlayground } from './usePlayground.ts';

export function App() {
  const { engine, ledger, snapshot, runs, keeping } = usePlayground();
  const { state, backendChoice } = snapshot;
  const { run } = state;
  const { model, spec, issues: modelIssues, analysis, rows, settingsIssues, modelError } = useEditedModel();
  const { document } = model;
  const shelf = useSavedModels(engine);
  const { overlaid, toggleOverlay } = useRunOverlays();
  const overlays = useMemo(() => runs.runs.filter((r) => overlaid.has(r.id)), [runs.runs, overlaid]);

  return (
    <div className="app">
      <Masthead>
        <EngineStatus state={state} onRetryData={engine.retryData} choice={backendChoice} onChooseBackend={engine.chooseBackend} locked={isRunActive(run)} />
        <EmbedButton shareUrl={model.shareUrl} />
      </Masthead>
      <ModelNotices model={model} />
      <main className="layout">
        <PadAndHandwriting engine={engine} state={state} shelf={shelf} />
        <PanelBoundary name="model">
          <ModelPanel model={model} rows={rows} issues={modelIssues} />
        </PanelBoundary>
        <div className="column">
          <PanelBoundary name="training">
            <TrainingPanel
              state={state}
              engine={engine}
              spec={spec}
              totalParams={analysis?.totalParams ?? null}
              modelError={modelError}
              draft={document.training}
              settingsIssues={settingsIssues}
              onSettingsChange={(training) => model.edit({ ...document, training }, 'settings')}
              keeping={keeping}
            />
          </PanelBoundary>
          <PanelBoundary name="learning curves">
            <LearningCurvesPanel run={run} plannedEpochs={spec.training.epochs} overlays={overlays} />
          </PanelBoundary>
          <PanelBoundary name="watch it learn">
            <WatchItLearn film={engine.film} onWatch={engine.watchLearning} />
          </PanelBoundary>
          <PanelBoundary name="summary">
            <ModelSummaryPanel analysis={analysis} />
          </PanelBoundary>
          <PanelBoundary name="Keras code">
            <ExportPanel spec={spec} valid={analysis !== null} onImport={model.replaceLayers} />
          </PanelBoundary>
        </div>
        {run?.evaluation && (
          <PanelBoundary name="evaluation">
            <section className="card wide" aria-labelledby="evaluation-heading">
              <h2 id="evaluation-heading">What the model gets wrong</h2>
              <EvaluationPanel evaluation={run.evaluation} />
            </section>
          </PanelBoundary>
        )}
        <PanelBoundary name="saved models">
          <SavedModelsPanel shelf={shelf} />
        </PanelBoundary>
        <PanelBoundary name="runs">
          <RunsPanel
            runs={runs.runs}
            problem={runs.problem}
            leftAlone={runs.leftAlone}
            overlaid={overlaid}
            onToggleOverlay={toggleOverlay}
            onDelete={ledger.remove}
            onOpen={(saved) => model.openRun(saved.spec, saved.name)}
          />
        </PanelBoundary>
      </main>
      <Footer />
    </div>
  );
}
