import { describe, expect, it } from 'vitest';
import { createLatestAsker } from './latestAsker.ts';

/** A worker stand-in whose answers arrive when the test says. */
function slowWorker() {
  const asked: number[] = [];
  const pending: (() => void)[] = [];
  const ask = (question: number) =>
    new Promise<string>((resolve) => {
      asked.push(question);
      pending.push(() => resolve(`answer ${question}`));
    });
  const answerNext = async () => {
    pending.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { ask, asked, answerNext };
}

describe('asking the worker one question at a time', () => {
  it('asks only the newest of the questions that came while one was in flight', async () => {
    const worker = slowWorker();
    const answers: string[] = [];
    const busy: boolean[] = [];
    const submit = createLatestAsker(worker.ask, { answered: (_q, a) => answers.push(a), busy: (b) => busy.push(b), forgotten: () => answers.push('forgotten') });
    submit(1);
    submit(2);
    submit(3);
    expect(worker.asked).toEqual([1]);
    await worker.answerNext();
    expect(worker.asked).toEqual([1, 3]);
    await worker.answerNext();
    expect(answers).toEqual(['answer 1', 'answer 3']);
    expect(busy).toEqual([true, false]);
  });

  it('drops the answer on its way when the question is forgotten (a cleared pad)', async () => {
    const worker = slowWorker();
    const answers: string[] = [];
    const submit = createLatestAsker(worker.ask, { answered: (_q, a) => answers.push(a), busy: () => {}, forgotten: () => answers.push('forgotten') });
    submit(1);
    submit(null);
    await worker.answerNext();
    submit(2);
    await worker.answerNext();
    expect(answers).toEqual(['forgotten', 'answer 2']);
  });
});
