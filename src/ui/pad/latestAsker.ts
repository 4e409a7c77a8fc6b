/**
 * Asks one question at a time: while one is in flight only the newest waits, so a fast hand never builds a queue in
 * the worker. null forgets the question and any answer still on its way (a cleared pad, a closed view).
 */
export interface AskerListener<Q, A> {
  readonly answered: (question: Q, answer: A) => void;
  readonly busy: (busy: boolean) => void;
  readonly forgotten: () => void;
}

export function createLatestAsker<Q, A>(ask: (question: Q) => Promise<A>, listener: AskerListener<Q, A>): (question: Q | null) => void {
  let inFlight = false;
  let waiting: { readonly question: Q } | null = null;
  let generation = 0;

  const pump = async () => {
    if (inFlight) return;
    inFlight = true;
    listener.busy(true);
    for (let job = waiting; job; job = waiting) {
      waiting = null;
      const asked = generation;
      const answer = await ask(job.question);
      if (asked === generation) listener.answered(job.question, answer);
    }
    inFlight = false;
    listener.busy(false);
  };

  return (question) => {
    if (question === null) {
      generation++;
      waiting = null;
      listener.forgotten();
      return;
    }
    waiting = { question };
    void pump();
  };
}
