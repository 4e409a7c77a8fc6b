import type { ModelStatus } from '../../engine/engineState.ts';
import type { ModelSlot } from '../../training/protocol.ts';

interface ModelSwitchProps {
  readonly models: Readonly<Record<ModelSlot, ModelStatus>>;
  readonly slot: ModelSlot;
  readonly onSlot: (slot: ModelSlot) => void;
  /** The radio group's name: a second switch on the page (the test-image picker's) needs its own. */
  readonly name?: string;
}

function slotLabel(slot: ModelSlot, status: ModelStatus): string {
  if (slot === 'pretrained') return 'Pretrained (shipped with the app, trained on MNIST digits)';
  return status.status === 'ready' ? `Yours: ${status.name}` : 'Yours (train or load one first)';
}

/** Which model reads the pad: the pretrained one or yours, each only once it is ready. */
export function ModelSwitch({ models, slot, onSlot, name = 'reading-model' }: ModelSwitchProps) {
  return (
    <fieldset className="model-switch">
      <legend>Model that reads</legend>
      {(['pretrained', 'yours'] as const).map((option) => (
        <label key={option}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={slot === option}
            disabled={models[option].status !== 'ready'}
            onChange={() => onSlot(option)}
          />{' '}
          {slotLabel(option, models[option])}
        </label>
      ))}
    </fieldset>
  );
}
