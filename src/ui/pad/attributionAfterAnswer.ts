/**
 * The "What it looked at" map of a drawing follows its answer, as the feature maps do (answerFirst.ts). A gradient map
 * costs ~4.4 ms in the worker (Node); asked with every drawing change, it waited in the worker's queue in front of the
 * next drawing's answer. So a drawing's map is asked only once its probabilities are in hand, one question at a time,
 * and a question still waiting its turn (or its rest) when the pad shows another drawing is never asked.
 */
export interface AttributionMoment<Q> {
  readonly question: Q;
  /** The drawing's own answer (or why there is none) has come: until then nothing is asked for it. */
  readonly answerInHand: boolean;
  /** How long the drawing must rest once answered before its map is asked (occlusion's 169 model runs); 0: at once. */
  readonly restMs: number;
}

export interface AttributionListener<Q, A> {
  /** An answer to a question asked, with that question: it may be an earlier drawing's, to be drawn on its own digit. */
  readonly answered: (question: Q, answer: A) => void;
  /** True from a moment that wants a map until that moment's own map has come; false when nothing is wanted. */
  readonly pending: (pending: boolean) => void;
  /** The pad shows nothing to explain: the map shown and any answer on its way are dropped. */
  readonly forgotten: () => void;
}

export interface RestClock {
  readonly setTimeout: (run: () => void, ms: number) => unknown;
  readonly clearTimeout: (timer: unknown) => void;
}

export interface AttributionAsker<Q> {
  /** What the pad shows now; null when there is nothing to explain (an empty pad, no model ready). */
  readonly see: (moment: AttributionMoment<Q> | null) => void;
  /** The moment seen last has passed: what was not yet asked for it (waiting its turn or its rest) is not asked. */
  readonly pass: () => void;
}

const realClock: RestClock = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export function createAttributionAsker<Q, A>(ask: (question: Q) => Promise<A>, listener: AttributionListener<Q, A>, clock: RestClock = realClock): AttributionAsker<Q> {
  // Jobs are compared by identity: the question of the moment seen last is `wanted`.
  type Job = { readonly question: Q };
  let inFlight = false;
  let waiting: Job | null = null;
  let wanted: Job | null = null;
  let resting: unknown = null;
  let generation = 0;
  let pendingNow = false;

  const setPending = (pending: boolean) => {
    if (pending === pendingNow) return;
    pendingNow = pending;
    listener.pending(pending);
  };

  const pump = async () => {
    if (inFlight) return;
    inFlight = true;
    for (let job = waiting; job; job = waiting) {
      waiting = null;
      const asked = generation;
      const answer = await ask(job.question);
      if (asked !== generation) continue;
      listener.answered(job.question, answer);
      if (job === wanted) setPending(false);
    }
    inFlight = false;
  };

  const pass = () => {
    if (resting !== null) clock.clearTimeout(resting);
    resting = null;
    waiting = null;
  };

  const see = (moment: AttributionMoment<Q> | null) => {
    pass();
    if (moment === null) {
      generation++;
      wanted = null;
      setPending(false);
      listener.forgotten();
      return;
    }
    const job: Job = { question: moment.question };
    wanted = job;
    setPending(true);
    if (!moment.answerInHand) return;
    const askNow = () => {
      resting = null;
      waiting = job;
      void pump();
    };
    if (moment.restMs > 0) resting = clock.setTimeout(askNow, moment.restMs);
    else askNow();
  };

  return { see, pass };
}
