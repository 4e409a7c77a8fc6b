import { useId, useState } from 'react';
import type { LayerSpec } from '../../domain/modelSpec.ts';
import { layersFromTorchPrintout } from '../../domain/pytorch/importPrintout.ts';

interface PytorchImportProps {
  readonly onImport: (layers: LayerSpec[], source: string) => void;
}

/** Paste (or drop) what PyTorch's print(model) shows for an nn.Sequential, and get the same stack in the editor. */
export function PytorchImport({ onImport }: PytorchImportProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<{ readonly ok: boolean; readonly lines: readonly string[] } | null>(null);
  const importText = () => {
    const imported = layersFromTorchPrintout(text);
    if (!imported.ok) return setOutcome({ ok: false, lines: [`${imported.message} Your model is unchanged.`] });
    setOutcome({ ok: true, lines: imported.notes });
    onImport(imported.layers, 'the PyTorch printout');
  };
  return (
    <details className="pytorch-import">
      <summary>Import from PyTorch</summary>
      <label htmlFor={`${id}-printout`}>
        What <code>print(model)</code> shows for a <code>torch.nn.Sequential</code>
      </label>
      <textarea
        id={`${id}-printout`}
        className="printout"
        rows={8}
        spellCheck={false}
        value={text}
        placeholder={'Sequential(\n  (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))\n  (1): ReLU()\n  …\n)'}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="button" onClick={importText} disabled={text.trim() === ''}>
        Import layers
      </button>
      {outcome && !outcome.ok && (
        <p className="error" role="alert">
          {outcome.lines[0]}
        </p>
      )}
      {outcome?.ok && outcome.lines.length > 0 && (
        <ul className="note" aria-label="Import notes">
          {outcome.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
