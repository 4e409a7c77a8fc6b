import { describe, expect, it } from 'vitest';
import { BOOK_TRAINING, DEFAULT_MODEL } from '../../domain/defaults.ts';
import { exportKerasPython } from '../../domain/keras/exportPython.ts';
import { exportPytorchScript } from '../../domain/pytorch/exportPytorch.ts';
import { exportCode } from './codeExports.ts';

describe('exportCode', () => {
  it("shows Keras code under the name the e2e tests know, with a Keras notebook", () => {
    const shown = exportCode(DEFAULT_MODEL, 'keras');
    if (!shown.ok) throw new Error(shown.message);
    expect(shown.value.code).toBe(exportKerasPython(DEFAULT_MODEL));
    expect(shown.value.label).toBe('Keras Python code');
    expect(shown.value.notebookName).toBe('mnist_convnet_keras.ipynb');
    const notebook = shown.value.notebook();
    expect(notebook.ok && JSON.parse(notebook.value).cells[1].source[0]).toBe('from keras import layers, models, optimizers\n');
  });

  it('shows PyTorch code with a PyTorch notebook', () => {
    const shown = exportCode(DEFAULT_MODEL, 'pytorch');
    if (!shown.ok) throw new Error(shown.message);
    const script = exportPytorchScript(DEFAULT_MODEL);
    expect(script.ok && shown.value.code).toBe(script.ok && script.value);
    expect(shown.value.label).toBe('PyTorch Python code');
    expect(shown.value.notebookName).toBe('mnist_convnet_pytorch.ipynb');
    const notebook = shown.value.notebook();
    expect(notebook.ok && JSON.parse(notebook.value).cells[1].source[0]).toBe('import math\n');
  });

  it('says why there is no PyTorch code for a model that cannot be built, and still shows its Keras code', () => {
    const broken = { layers: [{ type: 'Flatten' as const }, { type: 'Flatten' as const }], training: BOOK_TRAINING };
    const shown = exportCode(broken, 'pytorch');
    expect(shown).toEqual({ ok: false, message: expect.stringMatching(/^PyTorch code needs a model that can be built: layer 2 \(Flatten\): .*already flat/) });
    expect(exportCode(broken, 'keras').ok).toBe(true);
  });
});
