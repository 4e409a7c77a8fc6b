import { useCallback, useMemo } from 'react';
import { analyzePrefix } from '../spec/analysis.ts';
import { checkpointBytes, MAX_CHECKPOINT_BYTES } from '../spec/checkpointSize.ts';
import { findModelIssues } from '../spec/modelIssues.ts';
import { trainingSplit, validateTrainingSettings } from '../spec/settings.ts';
import type { LayerSpec } from '../spec/types.ts';
import { DigitReader } from './DigitReader.tsx';
import { EngineStatus } from './EngineStatus.tsx';
import { EvaluationPanel } from './EvaluationPanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { formatBytes, formatCount, formatDuration } from './format.ts';
import { Icon } from './Icon.tsx';
import { LayerEditor } from './LayerEditor.tsx';
import { MetricsCharts } from './MetricsCharts.tsx';
import { documentFromSpec, newLayerId, specFromDocument } from './modelDocument.ts';
import { ModelSummaryPanel } from './ModelSummaryPanel.tsx';
import { PanelBoundary } from './PanelBoundary.tsx';
import { RunProgress } from './RunProgress.tsx';
import { RunsPanel } from './RunsPanel.tsx';
import { SavedModelsPanel } from './SavedModelsPanel.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { ShareLink } from './ShareLink.tsx';
import { TrainingControls } from './TrainingControls.tsx';
import { isRunActive, type TrainerState } from './trainerState.ts';
import { useInterruptedRun } from './useInterruptedRun.ts';
import { useModelDocument } from './useModelDocument.ts';
import { useRuns } from './useRuns.ts';
import { useSavedModels } from './useSavedModels.ts';
import { useTrainer } from './useTrainer.ts';

function trainBlockedReason(state: TrainerState, settingsInvalid: boolean, modelError: string | null): string | null {
  if (modelError) return `Fix the model first: ${modelError}`;
  if (settingsInvalid) return 'Fix the training settings marked above.';
  if (state.backendError) return 'No TensorFlow.js backend could start.';
  if (state.data.status === 'error') return 'MNIST could not be loaded.';
  if (state.data.status === 'loading' || !state.backend) return 'Getting MNIST and TensorFlow.js ready…';
  return null;
}

export function App() {
  const trainer = useTrainer();
  const { runSpec } = trainer;
  const model = useModelDocument();
  const { state } = trainer;
  const { document } = model;
  const spec = useMemo(() => specFromDocument(document), [document]);
  const { issues: modelIssues, analysis } = useMemo(() => findModelIssues(spec.layers), [spec.layers]);
  const rows = useMemo(() => analyzePrefix(spec.layers), [spec.layers]);
  const settingsIssues = useMemo(() => validateTrainingSettings(spec.training), [spec.training]);
  const firstModelError = modelIssues.find((i) => i.severity === 'error');
  const modelError = firstModelError ? `${firstModelError.layerIndex === null ? '' : `layer ${firstModelError.layerIndex + 1}: `}${firstModelError.message}` : null;
  const active = isRunActive(state.run);
  const blockedReason = trainBlockedReason(state, settingsIssues.length > 0, modelError);
  const settings = spec.training;
  const checkpointSize = analysis?.ok ? checkpointBytes(analysis.totalParams, settings.optimizer) : 0;
  const split = trainingSplit(settings);
  const run = state.run;
  const totalBatches = Math.ceil(split.fit / settings.batchSize) * settings.epochs;
  const lastSpeed = run?.progress?.samplesPerSecond ?? 0;
  const { edit, setNotice } = model;
  // Stable, so the memoised export panel does not re-render with every training update.
  const importLayers = useCallback(
    (layers: readonly LayerSpec[], fileName: string) => {
      edit({ ...document, layers: layers.map((layerSpec) => ({ id: newLayerId(), spec: layerSpec })) });
      setNotice(`Imported ${layers.length} layers from ${fileName}. Undo brings back the model you had.`);
    },
    [edit, setNotice, document],
  );
  const runs = useRuns(run, runSpec, state.backend?.name ?? null);
  const keeping = useInterruptedRun(trainer, state.backend?.name ?? null);
  const shelf = useSavedModels({
    request: trainer.request,
    run,
    runSpec,
    backend: state.backend?.name ?? null,
    yours: state.models.yours,
    engineReady: state.backend !== null,
  });
  const overlays = useMemo(() => runs.runs.filter((r) => runs.overlaid.has(r.id)), [runs.runs, runs.overlaid]);
  const modelIssuesOverall = modelIssues.filter((i) => i.layerIndex === null);

  return (
    <div className="app">
      <header className="masthead">
        <div>
          <h1>ConvNet Playground</h1>
          <p className="tagline">
            Build a convnet, train it on MNIST in your browser, and watch it learn. Starts with chapter 5 of <cite>Deep Learning with Python</cite>.
          </p>
        </div>
        <EngineStatus
          state={state}
          onRetryData={trainer.retryData}
          choice={trainer.backendChoice}
          onChooseBackend={trainer.chooseBackend}
          locked={active}
        />
      </header>
      {model.notice && (
        <div className="notice-bar" role="status">
          <span>{model.notice}</span>
          <button type="button" className="icon" onClick={() => model.setNotice(null)} aria-label="Dismiss message">
            <Icon name="remove" />
          </button>
        </div>
      )}
      <main className="layout">
        <PanelBoundary name="draw a digit">
          <section className="card wide" aria-labelledby="draw-heading">
            <h2 id="draw-heading">Draw a digit</h2>
            <DigitReader models={state.models} request={trainer.request} />
          </section>
        </PanelBoundary>
        <PanelBoundary name="model">
          <section className="card" aria-labelledby="model-heading">
            <div className="card-head">
              <h2 id="model-heading">Model</h2>
              <ShareLink url={model.shareUrl} />
            </div>
            <LayerEditor
              document={document}
              rows={rows}
              issues={modelIssues}
              onEdit={model.edit}
              onUndo={model.undo}
              onRedo={model.redo}
              canUndo={model.canUndo}
              canRedo={model.canRedo}
              onNotice={model.setNotice}
            />
            {modelIssuesOverall.map((issue) => (
              <p key={issue.message} className={issue.severity === 'error' ? 'error' : 'warning'} role={issue.severity === 'error' ? 'alert' : undefined}>
                {issue.message}
              </p>
            ))}
          </section>
        </PanelBoundary>
        <div className="column">
          <PanelBoundary name="training">
            <section className="card" aria-labelledby="training-heading">
              <h2 id="training-heading">Training</h2>
              <SettingsForm
                draft={document.training}
                issues={settingsIssues}
                disabled={active}
                onChange={(training) => model.edit({ ...document, training }, 'settings')}
              />
              {settingsIssues.length === 0 && (
                <p className="plan">
                  {formatCount(split.fit)} images per epoch
                  {split.validation > 0 ? `, ${formatCount(split.validation)} held out for validation` : ''}, in {formatCount(totalBatches)} batches;
                  then scored on {formatCount(settings.testSize)} test images
                  {lastSpeed > 0 && !active
                    ? `. About ${formatDuration(((split.fit * settings.epochs) / lastSpeed) * 1000)} at the last measured ${lastSpeed.toFixed(0)} samples/s.`
                    : '.'}
                </p>
              )}
              {checkpointSize > MAX_CHECKPOINT_BYTES && (
                <p className="warning">
                  No checkpoints for this model: each would be about {formatBytes(checkpointSize)} (the limit is {formatBytes(MAX_CHECKPOINT_BYTES)}), so a
                  crash or a reload during training loses the run.
                </p>
              )}
              <TrainingControls
                run={run}
                blockedReason={active ? null : blockedReason}
                onTrain={() => trainer.train(spec)}
                onPause={trainer.pause}
                onResume={trainer.resume}
                onStop={trainer.stop}
                onResumeInterrupted={trainer.resumeInterrupted}
              />
              {keeping.problem && <p className="warning">{keeping.problem}</p>}
              {keeping.keptEpoch !== null && !keeping.problem && (
                <p className="note" aria-label="Checkpoint">
                  Epoch {keeping.keptEpoch} is kept in this browser: a reload or a crash resumes from there.
                </p>
              )}
              {run && <RunProgress run={run} />}
            </section>
          </PanelBoundary>
          <PanelBoundary name="learning curves">
            <section className="card" aria-labelledby="charts-heading">
              <h2 id="charts-heading">Learning curves</h2>
              <MetricsCharts
                batches={run?.batches ?? []}
                epochs={run?.epochs ?? []}
                totalEpochs={run?.progress?.epochs ?? settings.epochs}
                overlays={overlays}
                divergedAt={run?.divergedAt ?? null}
              />
            </section>
          </PanelBoundary>
          <PanelBoundary name="summary">
            <ModelSummaryPanel analysis={analysis?.ok ? analysis : null} />
          </PanelBoundary>
          <PanelBoundary name="Keras code">
            <ExportPanel
              spec={spec}
              valid={analysis?.ok === true}
              onImport={importLayers}
            />
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
            overlaid={runs.overlaid}
            onToggleOverlay={runs.toggleOverlay}
            onDelete={runs.remove}
            onOpen={(saved) => {
              model.edit(documentFromSpec(saved.spec));
              model.setNotice(`Opened “${saved.name}” in the editor. Undo brings back the model you had.`);
            }}
          />
        </PanelBoundary>
      </main>
      <footer className="footer">
        Training runs in a Web Worker with TensorFlow.js, so this page stays responsive. MNIST ships with the app; nothing is downloaded from
        elsewhere. Your model is kept in this browser and in the page’s address.
      </footer>
    </div>
  );
}
