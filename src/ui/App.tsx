import { useMemo, useState } from 'react';
import { analyzeModel } from '../spec/analysis.ts';
import { CHAPTER5_LAYERS, BOOK_TRAINING } from '../spec/defaults.ts';
import { trainingSplit, validateTrainingSettings } from '../spec/settings.ts';
import { EngineStatus } from './EngineStatus.tsx';
import { formatCount, formatDuration } from './format.ts';
import { MetricsCharts } from './MetricsCharts.tsx';
import { ModelSummaryPanel } from './ModelSummaryPanel.tsx';
import { RunProgress } from './RunProgress.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { draftFromSettings, settingsFromDraft, type SettingsDraft } from './settingsDraft.ts';
import { TrainingControls } from './TrainingControls.tsx';
import { isRunActive, type TrainerState } from './trainerState.ts';
import { useTrainer } from './useTrainer.ts';

function trainBlockedReason(state: TrainerState, settingsInvalid: boolean, modelInvalid: boolean): string | null {
  if (modelInvalid) return 'Fix the model first.';
  if (settingsInvalid) return 'Fix the training settings marked above.';
  if (state.backendError) return 'No TensorFlow.js backend could start.';
  if (state.data.status === 'error') return 'MNIST could not be loaded.';
  if (state.data.status === 'loading' || !state.backend) return 'Getting MNIST and TensorFlow.js ready…';
  return null;
}

export function App() {
  const trainer = useTrainer();
  const { state } = trainer;
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(BOOK_TRAINING));
  const analysis = useMemo(() => analyzeModel(CHAPTER5_LAYERS), []);
  const settings = useMemo(() => settingsFromDraft(draft), [draft]);
  const issues = useMemo(() => validateTrainingSettings(settings), [settings]);
  const active = isRunActive(state.run);
  const blockedReason = trainBlockedReason(state, issues.length > 0, !analysis.ok);
  const split = trainingSplit(settings);
  const run = state.run;
  const totalBatches = Math.ceil(split.fit / settings.batchSize) * settings.epochs;
  const lastSpeed = run?.progress?.samplesPerSecond ?? 0;

  return (
    <div className="app">
      <header className="masthead">
        <div>
          <h1>ConvNet Playground</h1>
          <p className="tagline">Train the MNIST convnet of <cite>Deep Learning with Python</cite>, chapter 5, in your browser and watch it learn.</p>
        </div>
        <EngineStatus state={state} onRetryData={trainer.retryData} />
      </header>
      <main className="layout">
        <ModelSummaryPanel analysis={analysis} />
        <section className="card" aria-labelledby="training-heading">
          <h2 id="training-heading">Training</h2>
          <SettingsForm draft={draft} issues={issues} disabled={active} onChange={setDraft} />
          {issues.length === 0 && (
            <p className="plan">
              {formatCount(split.fit)} images per epoch
              {split.validation > 0 ? `, ${formatCount(split.validation)} held out for validation` : ''}, in{' '}
              {formatCount(totalBatches)} batches; then scored on {formatCount(settings.testSize)} test images
              {lastSpeed > 0 && !active ? `. About ${formatDuration(((split.fit * settings.epochs) / lastSpeed) * 1000)} at the last measured ${lastSpeed.toFixed(0)} samples/s.` : '.'}
            </p>
          )}
          <TrainingControls
            run={run}
            blockedReason={active ? null : blockedReason}
            onTrain={() => trainer.train({ layers: CHAPTER5_LAYERS, training: settings })}
            onPause={trainer.pause}
            onResume={trainer.resume}
            onStop={trainer.stop}
          />
          {run && <RunProgress run={run} />}
        </section>
        <section className="card wide" aria-labelledby="charts-heading">
          <h2 id="charts-heading">Learning curves</h2>
          <MetricsCharts batches={run?.batches ?? []} epochs={run?.epochs ?? []} totalEpochs={run?.progress?.epochs ?? settings.epochs} />
        </section>
      </main>
      <footer className="footer">
        Training runs in a Web Worker with TensorFlow.js, so this page stays responsive. MNIST ships with the app; nothing is downloaded from
        elsewhere.
      </footer>
    </div>
  );
}
