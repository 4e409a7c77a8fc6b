import { useCallback, useEffect, useState } from 'react';
import { LESSON_START, moveLesson, type LessonMove, type LessonProgress } from '../../domain/lesson/lessonProgress.ts';
import { localStorageOrNull } from '../../engine/backendChoice.ts';
import { keepLessonProgress, readLessonProgress } from '../../storage/lessonProgressStore.ts';

export interface LessonProgressState {
  readonly progress: LessonProgress;
  readonly move: (move: LessonMove) => void;
  /** Why the progress is kept in this tab only; null while the browser keeps it. */
  readonly storageNotice: string | null;
}

function initialProgress(): { progress: LessonProgress; leftAlone: string | null } {
  const kept = readLessonProgress(localStorageOrNull());
  if (kept.kind === 'kept') return { progress: kept.progress, leftAlone: null };
  return { progress: LESSON_START, leftAlone: kept.kind === 'left-alone' ? kept.message : null };
}

/** The lesson's progress, read once from the browser and kept there as it changes (never over a record it cannot read). */
export function useLessonProgress(): LessonProgressState {
  const [initial] = useState(initialProgress);
  const [progress, setProgress] = useState(initial.progress);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    if (initial.leftAlone !== null) return;
    if (!keepLessonProgress(localStorageOrNull(), progress)) queueMicrotask(() => setRefused(true));
  }, [progress, initial.leftAlone]);
  const move = useCallback((next: LessonMove) => setProgress((current) => moveLesson(current, next)), []);
  const storageNotice = initial.leftAlone ?? (refused ? 'This browser does not let the page store your lesson progress: a reload starts the lesson again.' : null);
  return { progress, move, storageNotice };
}
