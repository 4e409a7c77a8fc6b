import { parseDecimal, type SettingField } from './settings.ts';
import type { OptimizerName, TrainingSettings } from './modelSpec.ts';

/** What the person typed, kept as text so that half-typed numbers ("0.") are not lost while editing. */
export type SettingsDraft = Record<Exclude<SettingField, 'optimizer'>, string> & { optimizer: OptimizerName };

export function draftFromSettings(settings: TrainingSettings): SettingsDraft {
  const { optimizer, ...numbers } = settings;
  const text = Object.fromEntries(Object.entries(numbers).map(([key, value]) => [key, String(value)]));
  return { ...(text as Omit<SettingsDraft, 'optimizer'>), optimizer };
}

export function settingsFromDraft(draft: SettingsDraft): TrainingSettings {
  return {
    optimizer: draft.optimizer,
    learningRate: parseDecimal(draft.learningRate),
    batchSize: parseDecimal(draft.batchSize),
    epochs: parseDecimal(draft.epochs),
    trainSize: parseDecimal(draft.trainSize),
    validationSplit: parseDecimal(draft.validationSplit),
    testSize: parseDecimal(draft.testSize),
  };
}

