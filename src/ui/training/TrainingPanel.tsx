/** Room src/ui/training/: the training panel — settings, plan, controls, progress, engine status and learning curves. */
import type { ModelSpec } from '../../domain/modelSpec.ts';
import type { FieldIssue } from '../../domain/settings.ts';
import type { SettingsDraft } from '../../domain/settingsDraft.ts';
import type { CheckpointKeeping } from '../../engine/checkpointKeeper.ts';
import { isRunActive, type EngineState } from '../../engine/engineState.ts';
import type { TrainingEngine } from '../../engine/trainingEngine.ts';
import { RunProgress } from './RunProgress.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { TrainingControls } from './TrainingControls.tsx';
import { checkpointWarning, describePlan, trainBlockedReason } from './trainingPlan.ts';

interface TrainingPanelProps {
  readonly state: EngineState;
  readonly engine: TrainingEngine;
  /** The model in the editor, which Train trains. */
  readonly spec: ModelSpec;
  /** Its parameter count, or null while it cannot be built. */
  readonly totalParams: number | null;
  /** The first problem that keeps the model from being built, or null. */
  readonly modelError: string | null;
  readonly draft: SettingsDraft;
  readonly settingsIssues: readonly FieldIssue[];
  readonly onSettingsChange: (draft: SettingsDraft) => void;
  readonly keeping: CheckpointKeeping;
}

/** The recipe, what a run of it will do, Train / Pause / Stop / Resume, and where the run stands. */
export function TrainingPanel({ state, engine, spec, totalParams, modelError, draft, settingsIssues, onSettingsChange, keeping }: TrainingPanelProps) {
  const { run } = state;
  const active = isRunActive(run);
  const blockedReason = trainBlockedReason(state, settingsIssues.length > 0, modelError);
  const warning = checkpointWarning(totalParams, spec);
  const lastSpeed = active ? 0 : (run?.progress?.samplesPerSecond ?? 0);
  return (
    <section className="card" aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      <SettingsForm draft={draft} issues={settingsIssues} disabled={active} onChange={onSettingsChange} />
      {settingsIssues.length === 0 && <p className="plan">{describePlan(spec, lastSpeed)}</p>}
      {warning && <p className="warning">{warning}</p>}
      <TrainingControls
        run={run}
        blockedReason={active ? null : blockedReason}
        onTrain={() => engine.train(spec)}
        onPause={engine.pause}
        onResume={engine.resume}
        onStop={engine.stop}
        onResumeInterrupted={engine.resumeInterrupted}
      />
      {keeping.problem && <p className="warning">{keeping.problem}</p>}
      {keeping.leftAlone && <p className="note">{keeping.leftAlone}</p>}
      {keeping.keptEpoch !== null && !keeping.problem && (
        <p className="note" aria-label="Checkpoint">
          Epoch {keeping.keptEpoch} is kept in this browser: a reload or a crash resumes from there.
        </p>
      )}
      {run && <RunProgress run={run} />}
    </section>
  );
}
