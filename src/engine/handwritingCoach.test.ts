import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { CHAPTER5_LAYERS } from '../domain/defaults.ts';
import { DEFAULT_FINE_TUNE } from '../domain/fineTune.ts';
import { openExamplesStore } from '../storage/examplesStore.ts';
import type { WorkerCommand } from '../training/protocol.ts';
import { startedEngine } from './engineHarness.ts';
import { HandwritingCoach, type DrawnDigit } from './handwritingCoach.ts';

const PARENT = { slot: 'pretrained' as const, name: 'Pretrained chapter-5 model', layers: CHAPTER5_LAYERS };
const drawnSeven = (readAs = 3): DrawnDigit => ({ label: 7, pixels: new Float32Array(784).fill(0.5), strokes: [[[0.1, 0.1], [0.9, 0.1]]], readAs });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function coachOver(factory = new IDBFactory()) {
  const harness = startedEngine();
  harness.worker().send({ type: 'model-ready', slot: 'pretrained', name: PARENT.name, requestId: null, filters: null });
  const coach = new HandwritingCoach(harness.engine, () => openExamplesStore(factory));
  const stop = coach.start();
  await settle();
  return { ...harness, coach, stop, factory };
}

const fineTuneCommand = (commands: readonly WorkerCommand[]) => commands.find((c): c is Extract<WorkerCommand, { type: 'train' }> => c.type === 'train' && c.fineTune !== undefined);

describe('HandwritingCoach', () => {
  it('refuses a fine-tune with no examples, saying how to make some, and sends nothing', async () => {
    const { coach, trainCommands } = await coachOver();
    expect(coach.fineTune(PARENT, DEFAULT_FINE_TUNE)).toMatch(/^No examples yet: draw a digit, then correct the answer/);
    expect(trainCommands()).toEqual([]);
  });

  it('keeps drawings, fine-tunes on them as a named run, and keeps the before → after comparison across a reload', async () => {
    const { coach, worker, engine, factory, stop } = await coachOver();
    expect(await coach.keep(drawnSeven())).toBeNull();
    expect(await coach.keep(drawnSeven(7))).toBeNull();
    expect(coach.getSnapshot().examples?.map((e) => [e.label, e.readAs, e.pixels[0]])).toEqual([[7, 3, 128], [7, 7, 128]]);

    expect(coach.fineTune(PARENT, DEFAULT_FINE_TUNE)).toBeNull();
    const command = fineTuneCommand(worker().received)!;
    expect(command.runName).toBe('Pretrained + your handwriting');
    expect(command.fineTune).toMatchObject({ from: 'pretrained', trainedCount: 2, mnistPerExample: 4, copies: 8 });
    expect(engine.getSnapshot().run?.name).toBe('Pretrained + your handwriting');

    const runId = command.runId;
    const evaluation = { images: new Uint8Array(784), labels: new Uint8Array(1), probabilities: new Float32Array(10) };
    const sure = (digits: number[]) => Float32Array.from({ length: 20 }, (_, i) => (i % 10 === digits[Math.floor(i / 10)] ? 1 : 0));
    worker().send({ type: 'run-started', runId, plan: { fitSize: 80, validationSize: 0, batchesPerEpoch: 3, totalSteps: 9 } });
    worker().send({
      type: 'run-finished',
      runId,
      test: { loss: 0.05, accuracy: 0.987, count: 10_000 },
      evaluation,
      elapsedMs: 10,
      fineTune: { parentTest: { loss: 0.04, accuracy: 0.99, count: 10_000 }, before: sure([3, 7]), after: sure([7, 7]) },
    });
    await settle();
    const comparison = coach.getSnapshot().comparison!;
    expect(comparison).toMatchObject({ modelName: 'Pretrained + your handwriting · 98.7%', parentName: PARENT.name, parentTest: { accuracy: 0.99 }, test: { accuracy: 0.987 } });
    expect(comparison.examples.map((e) => [e.before, e.after])).toEqual([[3, 7], [7, 7]]);
    expect(coach.getSnapshot().fineTuneRunId).toBeNull();
    stop();

    const reopened = await coachOver(factory);
    expect(reopened.coach.getSnapshot().comparison).toEqual(comparison);
    expect(reopened.coach.getSnapshot().examples).toHaveLength(2);
    expect(reopened.coach.getSnapshot().notice).toBeNull();
  });

  it('after a crash mid fine-tune: says it did not finish, keeps the examples and the parent', async () => {
    const { coach, worker, engine } = await coachOver();
    await coach.keep(drawnSeven());
    coach.fineTune(PARENT, DEFAULT_FINE_TUNE);
    const { runId } = fineTuneCommand(worker().received)!;
    worker().send({ type: 'run-started', runId, plan: { fitSize: 40, validationSize: 0, batchesPerEpoch: 2, totalSteps: 6 } });
    worker().crash('out of memory');
    await settle();
    // The Training card says the same, not "Press Train": a fine-tune starts again from its own button.
    expect(engine.getSnapshot().state.run).toMatchObject({ status: 'failed', message: expect.stringMatching(/^This fine-tune was interrupted .* press Fine-tune to start it again\.$/) });
    expect(coach.getSnapshot().notice).toBe('The fine-tune did not finish: your examples are kept and “Pretrained chapter-5 model” is unchanged. Press Fine-tune to start again.');
    expect(coach.getSnapshot().examples).toHaveLength(1);
    expect(coach.getSnapshot().fineTuneRunId).toBeNull();
  });

  it('after a reload mid fine-tune: says it was cut short, once, with the examples kept', async () => {
    const first = await coachOver();
    await first.coach.keep(drawnSeven());
    first.coach.fineTune(PARENT, DEFAULT_FINE_TUNE);
    await settle();
    first.stop();
    first.engine.dispose();

    const reloaded = await coachOver(first.factory);
    expect(reloaded.coach.getSnapshot().notice).toMatch(/^A fine-tune from “Pretrained chapter-5 model” was cut short when the page closed or reloaded\. Your examples are kept/);
    expect(reloaded.coach.getSnapshot().examples).toHaveLength(1);
    const again = await coachOver(first.factory);
    expect(again.coach.getSnapshot().notice).toBeNull();
  });

  it('refuses foreign files by name and adds nothing; exports what it imports', async () => {
    const { coach } = await coachOver();
    await coach.keep(drawnSeven());
    const files = coach.exportFiles()!;
    await coach.importFiles([{ name: 'labels', bytes: files.labels }]);
    expect(coach.getSnapshot().problem).toMatch(/^Choose two files together.*Nothing was changed\.$/);
    await coach.importFiles([
      { name: 'mine-images', bytes: files.images },
      { name: 'mine-labels', bytes: files.labels },
    ]);
    expect(coach.getSnapshot()).toMatchObject({ problem: null, notice: 'Imported 1 example.' });
    expect(coach.getSnapshot().examples?.map((e) => [e.label, e.source])).toEqual([[7, 'drawn'], [7, 'imported']]);
  });

  it('says when examples cannot be kept in this browser at all', async () => {
    const harness = startedEngine();
    const coach = new HandwritingCoach(harness.engine, () => openExamplesStore({ open: () => { throw new DOMException('denied', 'SecurityError'); } } as unknown as IDBFactory));
    coach.start();
    await settle();
    expect(coach.getSnapshot().problem).toMatch(/^Your examples cannot be kept in this browser: its storage could not be opened/);
    expect(await coach.keep(drawnSeven())).toMatch(/^Your examples cannot be kept in this browser/);
  });
});
