import type { ModelStatus, RunState } from '../../engine/engineState.ts';
import type { ModelSlot } from '../../training/protocol.ts';
import { BeforeAfter } from './BeforeAfter.tsx';
import { FineTuneSection, type FineTuneControls, type ParentFacts } from './FineTuneSection.tsx';
import './handwriting.css';
import type { Handwriting } from './useHandwriting.ts';
import { YourExamples } from './YourExamples.tsx';

interface HandwritingPanelProps {
  readonly handwriting: Handwriting;
  readonly models: Readonly<Record<ModelSlot, ModelStatus>>;
  readonly readingSlot: ModelSlot;
  readonly parentOf: (slot: ModelSlot) => ParentFacts | null;
  readonly run: RunState | null;
  readonly controls: FineTuneControls;
}

/** Teach it your handwriting: the examples you kept, a fine-tune on them, and what it changed. */
export function HandwritingPanel({ handwriting, models, readingSlot, parentOf, run, controls }: HandwritingPanelProps) {
  return (
    <section className="card wide handwriting" aria-labelledby="handwriting-heading">
      <h2 id="handwriting-heading">Teach it your handwriting</h2>
      <p className="note">
        Correct the pad when it misreads you, fine-tune on what you kept, and see what the network learned, and whether it forgot MNIST.
      </p>
      <div className="handwriting-columns">
        <YourExamples handwriting={handwriting} />
        <FineTuneSection handwriting={handwriting} models={models} readingSlot={readingSlot} parentOf={parentOf} run={run} controls={controls} />
      </div>
      <BeforeAfter comparison={handwriting.comparison} examples={handwriting.examples ?? []} />
    </section>
  );
}
