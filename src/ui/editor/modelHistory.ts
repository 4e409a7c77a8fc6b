/** Undo and redo of every edit to the model and its settings, as a pure reducer. */

export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** Edits with the same key in quick succession (typing in one field) undo as one. */
  readonly lastKey: string | null;
  readonly lastTime: number;
}

export type HistoryAction<T> =
  | { readonly type: 'edit'; readonly next: T; readonly key?: string; readonly time: number }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  /** Replace without an undo step, e.g. on first load. */
  | { readonly type: 'reset'; readonly next: T };

const MERGE_WINDOW_MS = 1000;
const MAX_STEPS = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastTime: 0 };
}

export function reduceHistory<T>(history: History<T>, action: HistoryAction<T>): History<T> {
  switch (action.type) {
    case 'edit': {
      if (Object.is(action.next, history.present)) return history;
      const merge = action.key !== undefined && action.key === history.lastKey && action.time - history.lastTime < MERGE_WINDOW_MS;
      const past = merge ? history.past : [...history.past, history.present].slice(-MAX_STEPS);
      return { past, present: action.next, future: [], lastKey: action.key ?? null, lastTime: action.time };
    }
    case 'undo': {
      const previous = history.past[history.past.length - 1];
      if (previous === undefined) return history;
      return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], lastKey: null, lastTime: 0 };
    }
    case 'redo': {
      const [next, ...rest] = history.future;
      if (next === undefined) return history;
      return { past: [...history.past, history.present], present: next, future: rest, lastKey: null, lastTime: 0 };
    }
    case 'reset':
      return startHistory(action.next);
  }
}
