import { describe, expect, it } from 'vitest';
import { BOOK_TRAINING } from './defaults.ts';
import { parseDecimal, trainingSplit, validateTrainingSettings, type SettingField } from './settings.ts';
import type { TrainingSettings } from './modelSpec.ts';

const fieldsWithIssues = (change: Partial<TrainingSettings>): SettingField[] =>
  validateTrainingSettings({ ...BOOK_TRAINING, ...change }).map((issue) => issue.field);

describe('validateTrainingSettings', () => {
  it("accepts the book's settings", () => {
    expect(validateTrainingSettings(BOOK_TRAINING)).toEqual([]);
  });

  it.each<[string, Partial<TrainingSettings>, SettingField]>([
    ['batch 0', { batchSize: 0 }, 'batchSize'],
    ['fractional batch', { batchSize: 6.5 }, 'batchSize'],
    ['batch larger than the data', { trainSize: 100, batchSize: 128 }, 'batchSize'],
    ['negative learning rate', { learningRate: -0.01 }, 'learningRate'],
    ['zero learning rate', { learningRate: 0 }, 'learningRate'],
    ['absurd learning rate', { learningRate: 1000 }, 'learningRate'],
    ['learning rate not a number', { learningRate: NaN }, 'learningRate'],
    ['more images than exist', { trainSize: 60_001 }, 'trainSize'],
    ['no images', { trainSize: 0 }, 'trainSize'],
    ['epochs beyond reason', { epochs: 1000 }, 'epochs'],
    ['infinite epochs (1e309)', { epochs: Infinity }, 'epochs'],
    ['validation split of 1', { validationSplit: 1 }, 'validationSplit'],
    ['negative validation split', { validationSplit: -0.1 }, 'validationSplit'],
    ['more test images than exist', { testSize: 10_001 }, 'testSize'],
  ])('flags %s at its field', (_name, change, field) => {
    expect(fieldsWithIssues(change)).toEqual([field]);
  });

  it('gives a message a person can act on', () => {
    expect(validateTrainingSettings({ ...BOOK_TRAINING, trainSize: 70_000 })).toEqual([
      { field: 'trainSize', message: 'At most 60,000 images (MNIST has 60,000).' },
    ]);
  });
});

describe('trainingSplit', () => {
  it('holds out the validation fraction, as Keras does', () => {
    expect(trainingSplit({ trainSize: 60_000, validationSplit: 0.2 })).toEqual({ fit: 48_000, validation: 12_000 });
    expect(trainingSplit({ trainSize: 10, validationSplit: 0 })).toEqual({ fit: 10, validation: 0 });
  });
});

describe('parseDecimal', () => {
  it.each([
    ['0.001', 0.001],
    [' 64 ', 64],
    ['1e-3', 0.001],
    ['.5', 0.5],
    ['-2', -2],
    ['1e309', Infinity],
  ])('reads %j as %d', (text, value) => expect(parseDecimal(text)).toBe(value));

  it.each(['', 'abc', '0x10', '1,5', '12px', 'Infinity', '1e', '--1'])('rejects %j', (text) => expect(parseDecimal(text)).toBeNaN());
});
