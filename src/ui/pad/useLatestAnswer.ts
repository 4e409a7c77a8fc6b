import { useMemo, useState } from 'react';
import { createLatestAsker } from './latestAsker.ts';

/**
 * The newest answer to the newest question, asked one at a time (latestAsker.ts); `submit(null)` forgets both.
 * `ask` should be stable (a useCallback over the engine's request): a new one starts a new queue.
 */
export function useLatestAnswer<Q, A>(ask: (question: Q) => Promise<A>) {
  const [latest, setLatest] = useState<{ readonly question: Q; readonly answer: A } | null>(null);
  const [pending, setPending] = useState(false);
  const submit = useMemo(
    () =>
      createLatestAsker(ask, {
        answered: (question, answer) => setLatest({ question, answer }),
        busy: setPending,
        forgotten: () => setLatest(null),
      }),
    [ask],
  );
  return { latest, pending, submit };
}
