import { memo, useMemo, useRef, useState } from 'react';
import { exportKerasPython } from '../../domain/keras/exportPython.ts';
import { topologyFromSpec } from '../../domain/keras/topology.ts';
import { specFromTopology } from '../../domain/keras/topologyImport.ts';
import type { LayerSpec, ModelSpec } from '../../domain/modelSpec.ts';
import { downloadFile } from '../common/downloadFile.ts';

const MAX_IMPORT_BYTES = 5_000_000;

interface ExportPanelProps {
  readonly spec: ModelSpec;
  readonly valid: boolean;
  readonly onImport: (layers: LayerSpec[], fileName: string) => void;
}

async function readModelFile(file: File): Promise<{ ok: true; layers: LayerSpec[] } | { ok: false; message: string }> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, message: `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; a model topology is far smaller (limit 5 MB).` };
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return { ok: false, message: `${file.name} is not JSON: expected a Keras or TensorFlow.js model.json.` };
  }
  const imported = specFromTopology(json);
  return imported.ok ? { ok: true, layers: imported.layers } : { ok: false, message: `${file.name}: ${imported.message}` };
}

/** The model as Keras Python code and as a Keras/tfjs topology file, and a way to load such a file back. */
export const ExportPanel = memo(function ExportPanel({ spec, valid, onImport }: ExportPanelProps) {
  const code = useMemo(() => exportKerasPython(spec), [spec]);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [importError, setImportError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
    window.setTimeout(() => setCopied('idle'), 2500);
  };
  const download = () => downloadFile('model.json', `${JSON.stringify(topologyFromSpec(spec.layers), null, 2)}\n`, 'application/json');
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const result = await readModelFile(file);
    if (fileInput.current) fileInput.current.value = '';
    if (!result.ok) {
      setImportError(result.message);
      return;
    }
    setImportError(null);
    onImport(result.layers, file.name);
  };

  return (
    <section className="card" aria-labelledby="export-heading">
      <div className="card-head">
        <h2 id="export-heading">Keras code</h2>
        <div className="export-actions">
          <button type="button" onClick={() => void copy()}>
            {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy blocked: select the text' : 'Copy code'}
          </button>
          <button type="button" onClick={download} disabled={!valid} title="Keras-compatible model topology, as tfjs model.toJSON() writes it">
            Download model.json
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import model.json
          </button>
          <input
            ref={fileInput}
            className="visually-hidden"
            type="file"
            accept=".json,application/json"
            aria-label="Model topology file to import"
            tabIndex={-1}
            onChange={(e) => void importFile(e.target.files?.[0])}
          />
        </div>
      </div>
      {importError && (
        <p className="error" role="alert">
          {importError} Your model is unchanged.
        </p>
      )}
      <pre className="python-code" aria-label="Keras Python code" tabIndex={0}>
        {code}
      </pre>
    </section>
  );
});
