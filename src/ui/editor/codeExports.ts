import { whyNoCodeLoads, type CodeExport } from '../../domain/codeSections.ts';
import { MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import { exportKerasPython } from '../../domain/keras/exportPython.ts';
import type { ModelSpec } from '../../domain/modelSpec.ts';
import { exportKerasNotebook, exportPytorchNotebook } from '../../domain/notebook.ts';
import { exportPytorchScript } from '../../domain/pytorch/exportPytorch.ts';
import { scriptStem } from '../../domain/pytorch/pytorchData.ts';

export type CodeFramework = 'keras' | 'pytorch';

/** In the order the switch offers them: the book's Keras first. */
export const CODE_FRAMEWORKS: readonly { readonly value: CodeFramework; readonly label: string }[] = [
  { value: 'keras', label: 'Keras' },
  { value: 'pytorch', label: 'PyTorch' },
];

export interface ShownCode {
  readonly code: string;
  /** The code block's accessible name: the e2e tests find the Keras one as 'Keras Python code'. */
  readonly label: string;
  readonly notebookName: string;
  /** Written on download only: the code is what every edit needs. */
  readonly notebook: () => CodeExport<string>;
}

/** The code shown for a framework, or why there is none (PyTorch needs a model that can be built; IDX-imported images have no loader). */
export function exportCode(spec: ModelSpec, framework: CodeFramework, dataset: DatasetInfo = MNIST_INFO): CodeExport<ShownCode> {
  // Said rather than exporting code that would load other data than the page trains on.
  const noLoader = whyNoCodeLoads(dataset);
  if (noLoader) return { ok: false, message: noLoader };
  const stem = scriptStem(dataset);
  if (framework === 'keras') {
    const notebook = () => ({ ok: true as const, value: exportKerasNotebook(spec, dataset) });
    return { ok: true, value: { code: exportKerasPython(spec, dataset), label: 'Keras Python code', notebookName: `${stem}_convnet_keras.ipynb`, notebook } };
  }
  const script = exportPytorchScript(spec, dataset);
  if (!script.ok) return script;
  return { ok: true, value: { code: script.value, label: 'PyTorch Python code', notebookName: `${stem}_convnet_pytorch.ipynb`, notebook: () => exportPytorchNotebook(spec, dataset) } };
}
