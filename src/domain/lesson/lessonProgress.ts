/** Where a learner is in the lesson, and how Back, Next and Skip move them: a pure reducer. */
import { LESSON_STEPS, type LessonStepId } from './lessonSteps.ts';

export interface LessonProgress {
  readonly step: LessonStepId;
  /** Steps the learner skipped, in the order they did. */
  readonly skipped: readonly LessonStepId[];
  /** Whether the panel is open, so a reload opens it again. */
  readonly open: boolean;
}

export const LESSON_START: LessonProgress = { step: 'read', skipped: [], open: false };

export type LessonMove =
  | { readonly type: 'open' }
  | { readonly type: 'close' }
  | { readonly type: 'back' }
  /** passed: the step's check passes now; Next does nothing otherwise. */
  | { readonly type: 'next'; readonly passed: boolean }
  | { readonly type: 'skip' }
  | { readonly type: 'restart' };

export const isLessonStepId = (value: unknown): value is LessonStepId => LESSON_STEPS.some((step) => step.id === value);

export function stepIndex(id: LessonStepId): number {
  return Math.max(0, LESSON_STEPS.findIndex((step) => step.id === id));
}

function stepAt(index: number): LessonStepId {
  const clamped = Math.min(Math.max(index, 0), LESSON_STEPS.length - 1);
  return LESSON_STEPS[clamped]?.id ?? 'read';
}

export function moveLesson(progress: LessonProgress, move: LessonMove): LessonProgress {
  const here = stepIndex(progress.step);
  switch (move.type) {
    case 'open':
      return { ...progress, open: true };
    case 'close':
      return { ...progress, open: false };
    case 'back':
      return { ...progress, step: stepAt(here - 1) };
    case 'next':
      if (!move.passed) return progress;
      return { ...progress, step: stepAt(here + 1), skipped: progress.skipped.filter((id) => id !== progress.step) };
    case 'skip':
      return { ...progress, step: stepAt(here + 1), skipped: progress.skipped.includes(progress.step) ? progress.skipped : [...progress.skipped, progress.step] };
    case 'restart':
      return { ...LESSON_START, open: true };
  }
}

export const isLastStep = (progress: LessonProgress) => stepIndex(progress.step) === LESSON_STEPS.length - 1;
