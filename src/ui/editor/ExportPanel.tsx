import { memo, useMemo, useRef, useState } from 'react';
import { MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import { topologyFromSpec } from '../../domain/keras/topology.ts';
import { specFromTopology, type ExpectedInput } from '../../domain/keras/topologyImport.ts';
import type { LayerSpec, ModelSpec } from '../../domain/modelSpec.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../domain/untrustedJson.ts';
import { downloadFile } from '../common/downloadFile.ts';
import { CodeFrameworkSwitch } from './CodeFrameworkSwitch.tsx';
import { PytorchImport } from './PytorchImport.tsx';
import { exportCode, type CodeFramework } from './codeExports.ts';
import { useClipboardCopy } from './useClipboardCopy.ts';

const MAX_IMPORT_BYTES = 5_000_000;

interface ExportPanelProps {
  readonly spec: ModelSpec;
  readonly valid: boolean;
  readonly onImport: (layers: LayerSpec[], fileName: string) => void;
  /** The data the code loads: MNIST unless told. */
  readonly dataset?: DatasetInfo;
}

/** The images an imported topology must read: the chosen data's. */
function expectedInputOf(dataset: DatasetInfo): ExpectedInput {
  const images = dataset.id === 'mnist' ? 'MNIST digits' : dataset.id === 'your-images' ? 'your images' : `${dataset.title}'s images`;
  return { shape: dataset.inputShape, images };
}

async function readModelFile(file: File, dataset: DatasetInfo): Promise<{ ok: true; layers: LayerSpec[] } | { ok: false; message: string }> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, message: `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; a model topology is far smaller (limit 5 MB).` };
  const text = await file.text();
  // A bracket bomb takes JSON.parse seconds: refused before parsing, as model files are.
  if (nestsDeeperThan(text)) return { ok: false, message: `${file.name} nests lists or objects more than ${MAX_JSON_DEPTH} deep; a model topology nests about 10.` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: `${file.name} is not JSON: expected a Keras or TensorFlow.js model.json.` };
  }
  const imported = specFromTopology(json, expectedInputOf(dataset));
  return imported.ok ? { ok: true, layers: imported.layers } : { ok: false, message: `${file.name}: ${imported.message}` };
}

/**
 * The model as Keras or PyTorch code (a script to copy, a notebook to download) and as a Keras/tfjs topology file,
 * and a way to load such a file back.
 */
export const ExportPanel = memo(function ExportPanel({ spec, valid, onImport, dataset = MNIST_INFO }: ExportPanelProps) {
  const [framework, setFramework] = useState<CodeFramework>('keras');
  const shown = useMemo(() => exportCode(spec, framework, dataset), [spec, framework, dataset]);
  const { copied, copy } = useClipboardCopy();
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const copyShown = () => {
    if (shown.ok) void copy(shown.value.code);
  };
  const downloadNotebook = () => {
    if (!shown.ok) return;
    const notebook = shown.value.notebook();
    if (notebook.ok) downloadFile(shown.value.notebookName, notebook.value, 'application/x-ipynb+json');
    else setProblem(notebook.message);
  };
  const download = () => downloadFile('model.json', `${JSON.stringify(topologyFromSpec(spec.layers, dataset.inputShape), null, 2)}\n`, 'application/json');
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const result = await readModelFile(file, dataset);
    if (fileInput.current) fileInput.current.value = '';
    if (!result.ok) {
      setProblem(`${result.message} Your model is unchanged.`);
      return;
    }
    setProblem(null);
    onImport(result.layers, file.name);
  };

  return (
    <section className="card" aria-labelledby="export-heading">
      <div className="card-head">
        <h2 id="export-heading">Python code</h2>
        <CodeFrameworkSwitch value={framework} onChange={setFramework} />
      </div>
      <div className="card-head">
        <div className="export-actions">
          <button type="button" onClick={copyShown} disabled={!shown.ok}>
            {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy blocked: select the text' : 'Copy code'}
          </button>
          <button type="button" onClick={downloadNotebook} disabled={!shown.ok} title="Jupyter notebook of this code, one cell per step; opens in Jupyter and Colab">
            Download notebook (.ipynb)
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
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <PytorchImport onImport={onImport} />
      {shown.ok ? (
        <pre className="python-code" aria-label={shown.value.label} tabIndex={0}>
          {shown.value.code}
        </pre>
      ) : (
        <p className="hint">{shown.message}</p>
      )}
    </section>
  );
});
