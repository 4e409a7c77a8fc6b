import type { TrainingSettings } from './modelSpec.ts';
import { MNIST_TEST_COUNT, MNIST_TRAIN_COUNT } from './modelSpec.ts';

export type SettingField = keyof TrainingSettings;

export interface FieldIssue {
  readonly field: SettingField;
  readonly message: string;
}

export const SETTING_LIMITS = {
  learningRate: { min: 0, max: 10 },
  batchSize: { min: 1, max: 4096 },
  epochs: { min: 1, max: 100 },
  trainSize: { min: 1, max: MNIST_TRAIN_COUNT },
  validationSplit: { min: 0, max: 0.9 },
  testSize: { min: 1, max: MNIST_TEST_COUNT },
} as const;

function integerIssue(field: SettingField, value: number, min: number, max: number, noun: string): FieldIssue | null {
  if (!Number.isFinite(value)) return { field, message: `Enter a whole number of ${noun}.` };
  if (!Number.isInteger(value)) return { field, message: `Must be a whole number of ${noun}, not ${value}.` };
  if (value < min) return { field, message: `Must be at least ${min}.` };
  if (value > max) return { field, message: `At most ${max.toLocaleString('en-US')} ${noun}.` };
  return null;
}

/** Every reason these settings cannot train, each tied to the field to fix. Empty when they can. */
export function validateTrainingSettings(settings: TrainingSettings): FieldIssue[] {
  const issues: (FieldIssue | null)[] = [];
  const { learningRate, validationSplit } = settings;

  if (!Number.isFinite(learningRate)) issues.push({ field: 'learningRate', message: 'Enter a number, e.g. 0.001.' });
  else if (learningRate <= SETTING_LIMITS.learningRate.min) issues.push({ field: 'learningRate', message: 'Must be greater than 0.' });
  else if (learningRate > SETTING_LIMITS.learningRate.max)
    issues.push({ field: 'learningRate', message: `At most ${SETTING_LIMITS.learningRate.max}; rmsprop's usual rate is 0.001.` });

  const { batchSize, epochs, trainSize, testSize } = SETTING_LIMITS;
  issues.push(integerIssue('batchSize', settings.batchSize, batchSize.min, batchSize.max, 'images'));
  issues.push(integerIssue('epochs', settings.epochs, epochs.min, epochs.max, 'epochs'));
  issues.push(integerIssue('trainSize', settings.trainSize, trainSize.min, trainSize.max, 'images (MNIST has 60,000)'));
  issues.push(integerIssue('testSize', settings.testSize, testSize.min, testSize.max, 'images (MNIST has 10,000)'));

  if (!Number.isFinite(validationSplit)) issues.push({ field: 'validationSplit', message: 'Enter a fraction between 0 and 0.9.' });
  else if (validationSplit < SETTING_LIMITS.validationSplit.min || validationSplit > SETTING_LIMITS.validationSplit.max)
    issues.push({ field: 'validationSplit', message: 'Must be between 0 and 0.9.' });

  const found = issues.filter((issue): issue is FieldIssue => issue !== null);
  if (found.length === 0) {
    const fitSize = trainingSplit(settings).fit;
    if (fitSize < 1) found.push({ field: 'validationSplit', message: 'Leaves no images to train on.' });
    else if (settings.batchSize > fitSize)
      found.push({ field: 'batchSize', message: `Larger than the ${fitSize.toLocaleString('en-US')} images trained on.` });
  }
  return found;
}

/** How trainSize divides into images fitted on and images held out, as Keras' validation_split does. */
export function trainingSplit(settings: Pick<TrainingSettings, 'trainSize' | 'validationSplit'>): {
  fit: number;
  validation: number;
} {
  const validation = Math.floor(settings.trainSize * settings.validationSplit);
  return { fit: settings.trainSize - validation, validation };
}

/**
 * A number as a person types it: "0.001", "1e-3", " 64 ". Anything else — empty, "abc", "0x10", "1,5" — is NaN,
 * and out-of-range values such as "1e309" become Infinity, so validation can name the problem.
 */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) ? Number(trimmed) : NaN;
}
