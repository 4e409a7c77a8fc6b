/**
 * The lesson's progress, kept in localStorage so a reload resumes at the same step. Version 1 is the first: a record
 * of another version (an unversioned one, a newer page's) or a damaged one is refused and left exactly as it is, and
 * the lesson then keeps its progress in this tab only, saying so.
 */
import { z } from 'zod';
import { isLessonStepId, type LessonProgress } from '../domain/lesson/lessonProgress.ts';
import type { LessonStepId } from '../domain/lesson/lessonSteps.ts';
import { readLocalRecord, writeLocalRecord } from './localStorageRecord.ts';
import type { RecordFormat } from './recordVersions.ts';

const STORAGE_KEY = 'convnet-playground.lesson';

const stepId = z.custom<LessonStepId>(isLessonStepId);
const LESSON_FORMAT: RecordFormat<LessonProgress> = {
  current: 1,
  // No upgrades: the lesson's first record is version 1, so a record of version 0 was not written by this page.
  upgrades: [],
  schema: z.object({ step: stepId, skipped: z.array(stepId).max(20), open: z.boolean() }),
};

export type KeptLessonProgress =
  | { readonly kind: 'kept'; readonly progress: LessonProgress }
  | { readonly kind: 'none' }
  /** message: what the learner is told; the record stays as it is and this tab does not write over it. */
  | { readonly kind: 'left-alone'; readonly message: string };

const IN_THIS_TAB = 'The lesson keeps your progress in this tab only and leaves that record as it is.';

/** What the browser holds. Never throws. */
export function readLessonProgress(storage: Pick<Storage, 'getItem'> | null): KeptLessonProgress {
  const read = readLocalRecord(storage, STORAGE_KEY, LESSON_FORMAT);
  if (read.kind !== 'left-alone') return read.kind === 'kept' ? { kind: 'kept', progress: read.value } : read;
  const why =
    read.newerVersion !== null
      ? `Your lesson progress was saved by a newer version of the playground (record version ${read.newerVersion}): reload the page to get that version.`
      : 'Your lesson progress kept in this browser cannot be read (damaged or written by something else).';
  return { kind: 'left-alone', message: `${why} ${IN_THIS_TAB}` };
}

/** Keeps the progress; false when the browser refuses (storage off or full). */
export function keepLessonProgress(storage: Pick<Storage, 'setItem'> | null, progress: LessonProgress): boolean {
  const { step, skipped, open } = progress;
  return writeLocalRecord(storage, STORAGE_KEY, LESSON_FORMAT, { step, skipped, open });
}
