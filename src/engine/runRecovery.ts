/** What happens to a run when its training worker is replaced: the policy, apart from the hook that carries it out. */
import type { ModelSpec } from '../domain/modelSpec.ts';
import type { TrainingCheckpoint } from '../training/protocol.ts';

/** The run that is going or interrupted, with what it takes to resume it. */
export interface ResumePoint {
  readonly spec: ModelSpec;
  readonly seed: number;
  readonly checkpoint: TrainingCheckpoint | null;
  /** The checkpoint epoch last resumed from without asking: a second failure before the next epoch waits for the person. */
  readonly autoResumedFrom: number | null;
}

export interface WorkerFailure {
  /** Completes "The training engine …", e.g. "stopped unexpectedly (out of memory)". */
  readonly reason: string;
  /** Too many failures in a short time: no fresh worker was started. */
  readonly gaveUp: boolean;
  /** The backend the fresh worker was moved to, when it was moved (a lost WebGL context). */
  readonly movedTo: string | null;
}

export interface Recovery {
  /** For the person, in the engine's notice. */
  readonly message: string;
  /** Resume this now (its checkpoint is set), or nothing. */
  readonly resume: (ResumePoint & { readonly checkpoint: TrainingCheckpoint }) | null;
}

/**
 * A run with a checkpoint resumes from it by itself, once per checkpoint: a failure that comes back before the next
 * epoch ends would otherwise restart for ever. Without a checkpoint (the first epoch) there is nothing to resume.
 * `running`: the run that was going when the worker failed, if one was.
 */
export function planRecovery(failure: WorkerFailure, running: ResumePoint | null): Recovery {
  const checkpoint = running?.checkpoint ?? null;
  if (failure.gaveUp) {
    const later = checkpoint ? ` The run can be resumed from epoch ${checkpoint.epoch} after the reload.` : '';
    return { message: `The training engine keeps failing (${failure.reason}). Reload the page to try again.${later}`, resume: null };
  }
  const resumeNow = running !== null && checkpoint !== null && running.autoResumedFrom !== checkpoint.epoch;
  const where = failure.movedTo ? ` on ${failure.movedTo}` : '';
  const outcome = !checkpoint
    ? ''
    : resumeNow
      ? ` Training resumes from the end of epoch ${checkpoint.epoch}.`
      : ` It failed again before another epoch ended, so the run waits for you: Resume from epoch ${checkpoint.epoch}, or change something and Train.`;
  return {
    message: `The training engine ${failure.reason} and was restarted${where}.${outcome} Your model and settings are unchanged.`,
    resume: running && checkpoint && resumeNow ? { ...running, checkpoint, autoResumedFrom: checkpoint.epoch } : null,
  };
}
