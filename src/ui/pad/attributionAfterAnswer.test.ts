import { describe, expect, it } from 'vitest';
import { createAttributionAsker, type AttributionMoment, type RestClock } from './attributionAfterAnswer.ts';

/** A worker stand-in whose answers arrive when the test says, and a clock that moves when the test says. */
function harness() {
  const asked: string[] = [];
  const inFlight: (() => void)[] = [];
  const told: string[] = [];
  const pending: boolean[] = [];
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      asked.push(question);
      inFlight.push(() => resolve(`map of ${question}`));
    });
  const answerNext = async () => {
    inFlight.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  const clock: RestClock = {
    setTimeout: (run, ms) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (timer) => {
      timers = timers.filter((t) => t !== timer);
    },
  };
  const wait = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const timer of due) timer.run();
  };
  const asker = createAttributionAsker(ask, { answered: (_q, a) => told.push(a), pending: (p) => pending.push(p), forgotten: () => told.push('forgotten') }, clock);
  return { asker, asked, told, pending, answerNext, wait };
}

/** A gradient method's moment: asked as soon as the drawing's answer is in hand. */
const drawn = (question: string, answerInHand: boolean, restMs = 0): AttributionMoment<string> => ({ question, answerInHand, restMs });

describe("asking for a drawing's attribution after its answer", () => {
  it('asks nothing for a drawing whose answer has not come, and asks once it has', async () => {
    const { asker, asked, told, answerNext } = harness();
    asker.see(drawn('stroke 1', false));
    expect(asked).toEqual([]);
    asker.see(drawn('stroke 1', true));
    expect(asked).toEqual(['stroke 1']);
    await answerNext();
    expect(told).toEqual(['map of stroke 1']);
  });

  it('never asks for a drawing answered while a map was in flight but replaced before its turn came', async () => {
    const { asker, asked, told, answerNext } = harness();
    asker.see(drawn('stroke 1', true));
    asker.see(drawn('stroke 2', false));
    asker.see(drawn('stroke 2', true)); // waits behind stroke 1's map
    asker.see(drawn('stroke 3', false)); // the pad moved on before that map's turn
    await answerNext();
    expect(asked).toEqual(['stroke 1']);
    asker.see(drawn('stroke 3', true));
    await answerNext();
    expect(asked).toEqual(['stroke 1', 'stroke 3']);
    expect(told).toEqual(['map of stroke 1', 'map of stroke 3']);
  });

  it('shows an earlier drawing’s map on its way, but stays pending until the shown drawing’s own map comes', async () => {
    const { asker, told, pending, answerNext } = harness();
    asker.see(drawn('stroke 1', true));
    asker.see(drawn('stroke 2', false));
    await answerNext();
    expect(told).toEqual(['map of stroke 1']);
    expect(pending).toEqual([true]);
    asker.see(drawn('stroke 2', true));
    await answerNext();
    expect(pending).toEqual([true, false]);
  });

  it('asks for occlusion only once the answered drawing has rested, and not for one that changed before', async () => {
    const { asker, asked, wait } = harness();
    asker.see(drawn('stroke 1', true, 250));
    wait(200);
    asker.pass();
    asker.see(drawn('stroke 2', false, 250));
    wait(100);
    asker.see(drawn('stroke 2', true, 250));
    wait(249);
    expect(asked).toEqual([]);
    wait(1);
    expect(asked).toEqual(['stroke 2']);
  });

  it('drops the map on its way when the pad is cleared, and is no longer pending', async () => {
    const { asker, told, pending, answerNext } = harness();
    asker.see(drawn('stroke 1', true));
    asker.see(null);
    await answerNext();
    expect(told).toEqual(['forgotten']);
    expect(pending).toEqual([true, false]);
  });
});
