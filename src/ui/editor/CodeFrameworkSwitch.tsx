import { CODE_FRAMEWORKS, type CodeFramework } from './codeExports.ts';

interface CodeFrameworkSwitchProps {
  readonly value: CodeFramework;
  readonly onChange: (framework: CodeFramework) => void;
}

/** Keras or PyTorch code, as radio buttons: one choice of two, with the arrow keys as a radio group has them. */
export function CodeFrameworkSwitch({ value, onChange }: CodeFrameworkSwitchProps) {
  return (
    <div className="segmented" role="radiogroup" aria-label="Code framework">
      {CODE_FRAMEWORKS.map(({ value: framework, label }) => (
        <label key={framework} className={value === framework ? 'selected' : undefined}>
          <input type="radio" name="code-framework" value={framework} checked={value === framework} onChange={() => onChange(framework)} />
          {label}
        </label>
      ))}
    </div>
  );
}
