import { useId } from 'react';
import type { FieldIssue, SettingField } from '../../domain/settings.ts';
import { OPTIMIZER_CLASS_NAMES, OPTIMIZERS, type OptimizerName } from '../../domain/modelSpec.ts';
import type { SettingsDraft } from '../../domain/settingsDraft.ts';

interface FieldDef {
  readonly field: Exclude<SettingField, 'optimizer'>;
  readonly label: string;
  readonly hint: string;
}

const NUMBER_FIELDS: readonly FieldDef[] = [
  { field: 'learningRate', label: 'Learning rate', hint: 'Keras default 0.001' },
  { field: 'batchSize', label: 'Batch size', hint: 'images per step' },
  { field: 'epochs', label: 'Epochs', hint: 'passes over the data' },
  { field: 'trainSize', label: 'Training images', hint: 'of 60,000' },
  { field: 'validationSplit', label: 'Validation split', hint: 'fraction held out' },
  { field: 'testSize', label: 'Test images', hint: 'of 10,000' },
];

interface SettingsFormProps {
  readonly draft: SettingsDraft;
  readonly issues: readonly FieldIssue[];
  readonly disabled: boolean;
  readonly onChange: (draft: SettingsDraft) => void;
}

export function SettingsForm({ draft, issues, disabled, onChange }: SettingsFormProps) {
  const id = useId();
  const issueFor = (field: SettingField) => issues.find((issue) => issue.field === field)?.message;
  return (
    <fieldset className="settings" disabled={disabled}>
      <legend>Training settings</legend>
      <div className="field">
        <label htmlFor={`${id}-optimizer`}>Optimizer</label>
        <select
          id={`${id}-optimizer`}
          value={draft.optimizer}
          onChange={(e) => onChange({ ...draft, optimizer: e.target.value as OptimizerName })}
        >
          {OPTIMIZERS.map((optimizer) => (
            <option key={optimizer} value={optimizer}>
              {OPTIMIZER_CLASS_NAMES[optimizer]}
            </option>
          ))}
        </select>
        <span className="hint">as in the book</span>
      </div>
      {NUMBER_FIELDS.map(({ field, label, hint }) => {
        const message = issueFor(field);
        const inputId = `${id}-${field}`;
        return (
          <div className={message ? 'field invalid' : 'field'} key={field}>
            <label htmlFor={inputId}>{label}</label>
            <input
              id={inputId}
              type="text"
              inputMode="decimal"
              value={draft[field]}
              aria-invalid={message ? true : undefined}
              aria-describedby={message ? `${inputId}-error` : `${inputId}-hint`}
              onChange={(e) => onChange({ ...draft, [field]: e.target.value })}
            />
            {message ? (
              <span className="error" id={`${inputId}-error`} role="alert">
                {message}
              </span>
            ) : (
              <span className="hint" id={`${inputId}-hint`}>
                {hint}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
