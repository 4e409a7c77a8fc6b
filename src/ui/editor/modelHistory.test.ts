import { describe, expect, it } from 'vitest';
import { reduceHistory, startHistory, type History, type HistoryAction } from './modelHistory.ts';

const run = (actions: HistoryAction<string>[], start = 'a'): History<string> => actions.reduce(reduceHistory<string>, startHistory(start));

describe('reduceHistory', () => {
  it('undoes and redoes edits in order', () => {
    const h = run([
      { type: 'edit', next: 'b', time: 0 },
      { type: 'edit', next: 'c', time: 5000 },
      { type: 'undo' },
      { type: 'undo' },
    ]);
    expect(h.present).toBe('a');
    expect(run([{ type: 'redo' }], 'x').present).toBe('x');
    const redone = reduceHistory(reduceHistory(h, { type: 'redo' }), { type: 'redo' });
    expect(redone.present).toBe('c');
  });

  it('merges quick edits of the same field into one undo step', () => {
    const h = run([
      { type: 'edit', next: 'a1', key: 'filters', time: 0 },
      { type: 'edit', next: 'a12', key: 'filters', time: 300 },
      { type: 'edit', next: 'a128', key: 'filters', time: 600 },
      { type: 'edit', next: 'b', key: 'units', time: 700 },
    ]);
    expect(reduceHistory(h, { type: 'undo' }).present).toBe('a128');
    expect(reduceHistory(reduceHistory(h, { type: 'undo' }), { type: 'undo' }).present).toBe('a');
  });

  it('drops the redo future after a new edit', () => {
    const h = run([{ type: 'edit', next: 'b', time: 0 }, { type: 'undo' }, { type: 'edit', next: 'c', time: 9000 }]);
    expect(h.future).toEqual([]);
    expect(reduceHistory(h, { type: 'undo' }).present).toBe('a');
  });
});
