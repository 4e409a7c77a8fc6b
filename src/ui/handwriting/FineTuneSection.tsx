import { useState } from 'react';
import { copiesPerEpoch, DEFAULT_FINE_TUNE, FINE_TUNE_BATCH_SIZE, FINE_TUNE_LEARNING_RATE, FINE_TUNE_LIMITS, noteFineTuneExamples, planFineTuneEpoch, splitExamples, type FineTuneSettings } from '../../domain/fineTune.ts';
import type { ModelStatus, RunState } from '../../engine/engineState.ts';
import type { FineTuneParent } from '../../engine/fineTuneSetup.ts';
import type { LayerSpec } from '../../domain/modelSpec.ts';

/** What a model to fine-tune is, beyond its slot: its layers, and its name on the shelf when it has one there. */
export interface ParentFacts {
  readonly layers: readonly LayerSpec[];
  readonly name: string | null;
}

import type { ModelSlot } from '../../training/protocol.ts';
import { NumberField } from '../common/NumberField.tsx';
import type { Handwriting } from './useHandwriting.ts';

export interface FineTuneControls {
  readonly pause: () => void;
  readonly resume: () => void;
  readonly stop: () => void;
}

interface FineTuneSectionProps {
  readonly handwriting: Handwriting;
  readonly models: Readonly<Record<ModelSlot, ModelStatus>>;
  /** The model the pad reads: what a fine-tune starts from unless the person picks the other. */
  readonly readingSlot: ModelSlot;
  /** The layers of a model that can be fine-tuned, and its name on the shelf (null: the slot's); null when not known. */
  readonly parentOf: (slot: ModelSlot) => ParentFacts | null;
  readonly run: RunState | null;
  readonly controls: FineTuneControls;
}

const inRange = (value: number, { min, max }: { readonly min: number; readonly max: number }) => Number.isInteger(value) && value >= min && value <= max;

function FineTuneProgress({ run, controls }: { readonly run: RunState; readonly controls: FineTuneControls }) {
  const progress = run.progress;
  const fraction = progress && progress.totalSteps > 0 ? progress.step / progress.totalSteps : 0;
  const words = run.status === 'starting' ? 'Measuring the model it starts from…' : run.status === 'evaluating' ? 'Testing on MNIST and your examples…' : run.status === 'paused' ? 'Paused' : 'Fine-tuning';
  return (
    <div className="fine-tune-run" role="region" aria-label="Fine-tune">
      <p role="status" className="status">
        {words}
        {progress ? ` · epoch ${progress.epoch} of ${progress.epochs}, batch ${progress.step}/${progress.totalSteps}` : ''}
      </p>
      <div className="progress" role="progressbar" aria-label="Fine-tune progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="progress-fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <div className="controls">
        {run.status === 'paused' ? (
          <button type="button" onClick={controls.resume}>
            Resume fine-tune
          </button>
        ) : (
          <button type="button" onClick={controls.pause} disabled={run.status !== 'training'}>
            Pause fine-tune
          </button>
        )}
        <button type="button" onClick={controls.stop}>
          Stop fine-tune
        </button>
      </div>
      <p className="hint">Its loss and accuracy curves are drawn live under Learning curves; the validation line is your held-out examples.</p>
    </div>
  );
}

/** Start a fine-tune from a model the pad reads: settings, what an epoch holds, and the run while it goes. */
export function FineTuneSection({ handwriting, models, readingSlot, parentOf, run, controls }: FineTuneSectionProps) {
  const [settings, setSettings] = useState<FineTuneSettings>(DEFAULT_FINE_TUNE);
  const [chosen, setChosen] = useState<ModelSlot | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const from: ModelSlot = chosen ?? (models[readingSlot].status === 'ready' ? readingSlot : 'pretrained');
  const examples = handwriting.examples ?? [];
  const { trained, description } = splitExamples(examples);
  const epoch = planFineTuneEpoch(trained.length, settings.mnistPerExample);
  const valid = inRange(settings.epochs, FINE_TUNE_LIMITS.epochs) && inRange(settings.mnistPerExample, FINE_TUNE_LIMITS.mnistPerExample);
  const note = examples.length > 0 ? noteFineTuneExamples(examples, settings) : null;
  const going = handwriting.fineTuneRunId !== null && run?.id === handwriting.fineTuneRunId ? run : null;

  const start = () => {
    const model = models[from];
    const facts = parentOf(from);
    if (model.status !== 'ready' || !facts) return setRefusal(model.status === 'ready' ? `The layers of “${model.name}” are not known here: save it on the shelf, use it from there, then fine-tune.` : 'That model is not loaded.');
    const parent: FineTuneParent = { slot: from, name: facts.name ?? model.name, layers: facts.layers };
    setRefusal(handwriting.fineTune(parent, settings));
  };

  return (
    <section className="fine-tune" aria-labelledby="fine-tune-heading">
      <h3 id="fine-tune-heading">Fine-tune on your handwriting</h3>
      <label className="field start-from">
        <span>Start from</span>
        <select value={from} disabled={going !== null} onChange={(event) => setChosen(event.target.value as ModelSlot)}>
          {(['pretrained', 'yours'] as const).map((slot) => {
            const model = models[slot];
            return (
              <option key={slot} value={slot} disabled={model.status !== 'ready'}>
                {model.status === 'ready' ? model.name : slot === 'yours' ? 'Yours (train or load one first)' : 'Pretrained (loading)'}
              </option>
            );
          })}
        </select>
      </label>
      <div className="fine-tune-settings">
        <label className="field">
          <span>Epochs</span>
          <NumberField label="Fine-tune epochs" value={settings.epochs} invalid={!inRange(settings.epochs, FINE_TUNE_LIMITS.epochs)} onValue={(epochs) => setSettings({ ...settings, epochs })} />
          <span className="hint">
            {FINE_TUNE_LIMITS.epochs.min}–{FINE_TUNE_LIMITS.epochs.max}
          </span>
        </label>
        <label className="field">
          <span>MNIST images per image of yours</span>
          <NumberField label="MNIST images per image of yours" value={settings.mnistPerExample} invalid={!inRange(settings.mnistPerExample, FINE_TUNE_LIMITS.mnistPerExample)} onValue={(mnistPerExample) => setSettings({ ...settings, mnistPerExample })} />
          <span className="hint">Whole number, 0–20. More MNIST forgets less and learns your style more slowly.</span>
        </label>
      </div>
      {trained.length > 0 && (
        <p className="plan">
          Each epoch: {trained.length} of your drawings × {copiesPerEpoch(trained.length)} augmented copies (small shifts, rotations, scale and stroke width) + {epoch.mnist.toLocaleString('en-US')} MNIST images = {epoch.total.toLocaleString('en-US')} images, in batches of {FINE_TUNE_BATCH_SIZE}; RMSprop at {FINE_TUNE_LEARNING_RATE}. {description}
        </p>
      )}
      {note && <p className="warning">{note}</p>}
      <div className="controls">
        <button type="button" className="primary" onClick={start} disabled={!valid || going !== null}>
          Fine-tune
        </button>
        <span className="hint">A new model is saved; the one it starts from is never changed.</span>
      </div>
      {refusal && (
        <p className="error" role="alert">
          {refusal}
        </p>
      )}
      {going && <FineTuneProgress run={going} controls={controls} />}
    </section>
  );
}
