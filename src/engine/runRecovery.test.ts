import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../domain/defaults.ts';
import type { TrainingCheckpoint } from '../training/protocol.ts';
import { planRecovery, type ResumePoint } from './runRecovery.ts';

const checkpoint = (epoch: number): TrainingCheckpoint => ({
  epoch,
  step: epoch * 10,
  elapsedMs: 1000,
  model: { modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(0) },
  optimizer: { weightSpecs: [], weightData: new ArrayBuffer(0) },
});
const running = (epoch: number | null, autoResumedFrom: number | null = null): ResumePoint => ({
  spec: DEFAULT_MODEL,
  seed: 3,
  checkpoint: epoch === null ? null : checkpoint(epoch),
  autoResumedFrom,
});
const crash = { reason: 'stopped unexpectedly (boom)', gaveUp: false, movedTo: null };

describe('planRecovery', () => {
  it('resumes a run from its checkpoint, once per checkpoint', () => {
    const first = planRecovery(crash, running(2));
    expect(first.message).toBe('The training engine stopped unexpectedly (boom) and was restarted. Training resumes from the end of epoch 2. Your model and settings are unchanged.');
    expect(first.resume).toMatchObject({ seed: 3, checkpoint: { epoch: 2 }, autoResumedFrom: 2 });
    const again = planRecovery(crash, first.resume);
    expect(again.resume).toBeNull();
    expect(again.message).toContain('failed again before another epoch ended, so the run waits for you: Resume from epoch 2');
    // A newer checkpoint since the last automatic resume: resume by itself again.
    expect(planRecovery(crash, running(3, 2)).resume?.checkpoint.epoch).toBe(3);
  });

  it('has nothing to resume without a checkpoint or without a run', () => {
    expect(planRecovery(crash, running(null))).toEqual({
      message: 'The training engine stopped unexpectedly (boom) and was restarted. Your model and settings are unchanged.',
      resume: null,
    });
    expect(planRecovery(crash, null).resume).toBeNull();
  });

  it('names the backend a lost context moved the engine to', () => {
    const lost = planRecovery({ reason: 'lost its WebGL context (reset)', gaveUp: false, movedTo: 'WASM' }, running(1));
    expect(lost.message).toMatch(/^The training engine lost its WebGL context \(reset\) and was restarted on WASM\. Training resumes from the end of epoch 1\./);
  });

  it('when the engine keeps failing: no resume now, but the run can be resumed after a reload', () => {
    const gaveUp = planRecovery({ ...crash, gaveUp: true }, running(4));
    expect(gaveUp.resume).toBeNull();
    expect(gaveUp.message).toBe('The training engine keeps failing (stopped unexpectedly (boom)). Reload the page to try again. The run can be resumed from epoch 4 after the reload.');
  });
});
