import type { RunState } from '../../engine/engineState.ts';
import { isRunActive } from '../../engine/engineState.ts';

interface TrainingControlsProps {
  readonly run: RunState | null;
  /** Why Train cannot start now, or null when it can. */
  readonly blockedReason: string | null;
  readonly onTrain: () => void;
  readonly onPause: () => void;
  readonly onResume: () => void;
  readonly onStop: () => void;
  /** Carries on an interrupted run from its checkpoint. */
  readonly onResumeInterrupted: () => void;
}

export function TrainingControls({ run, blockedReason, onTrain, onPause, onResume, onStop, onResumeInterrupted }: TrainingControlsProps) {
  const active = isRunActive(run);
  const paused = run?.status === 'paused';
  const canPause = run?.status === 'training';
  const resumableFrom = run?.status === 'interrupted' ? run.checkpoint : null;
  return (
    <div className="controls">
      {resumableFrom && (
        <button type="button" className="primary" onClick={onResumeInterrupted} disabled={blockedReason !== null} aria-describedby="train-blocked">
          Resume from epoch {resumableFrom.epoch}
        </button>
      )}
      <button
        type="button"
        className={resumableFrom ? undefined : 'primary'}
        onClick={onTrain}
        disabled={active || blockedReason !== null}
        aria-describedby="train-blocked"
        title={resumableFrom ? 'Starts a new run; the interrupted one can then no longer be resumed' : undefined}
      >
        Train
      </button>
      {paused ? (
        <button type="button" onClick={onResume}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={onPause} disabled={!canPause}>
          Pause
        </button>
      )}
      <button type="button" onClick={onStop} disabled={!active || run?.status === 'evaluating'}>
        Stop
      </button>
      <span id="train-blocked" className={blockedReason ? 'blocked' : 'visually-hidden'}>
        {blockedReason ?? ''}
      </span>
    </div>
  );
}
