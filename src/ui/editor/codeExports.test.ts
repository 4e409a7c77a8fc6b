import { describe, expect, it } from 'vitest';
import { BOOK_TRAINING, DEFAULT_MODEL } from '../../domain/defaults.ts';
import { FASHION_MNIST_INFO, type DatasetInfo } from '../../domain/datasets.ts';
import { exportKerasPython } from '../../domain/keras/exportPython.ts';
import { exportPytorchScript } from '../../domain/pytorch/exportPytorch.ts';
import { exportCode } from './codeExports.ts';

const SHAPES: DatasetInfo = {
  id: 'your-images',
  title: 'Your images',
  inputShape: [16, 16, 3],
  classNames: ['circle', 'square'],
  source: 'a test folder',
  drawable: false,
  trainCount: 80,
  testCount: 20,
  imageFolder: { testFraction: 0.2, seed: 3 },
};
const TWO_CLASSES = { layers: [{ type: 'Flatten' as const }, { type: 'Dense' as const, units: 2, activation: 'softmax' as const }], training: BOOK_TRAINING };

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

  it('shows PyTorch code for Fashion-MNIST and for your images too, each under its own notebook name', () => {
    const fashion = exportCode(DEFAULT_MODEL, 'pytorch', FASHION_MNIST_INFO);
    expect(fashion.ok && fashion.value.code).toContain("datasets.FashionMNIST('data'");
    expect(fashion.ok && fashion.value.notebookName).toBe('fashion_mnist_convnet_pytorch.ipynb');
    const images = exportCode(TWO_CLASSES, 'pytorch', SHAPES);
    expect(images.ok && images.value.code).toContain('class PlaygroundImageFolder(datasets.ImageFolder):');
    expect(images.ok && images.value.notebookName).toBe('images_convnet_pytorch.ipynb');
    const notebook = images.ok ? images.value.notebook() : null;
    expect(notebook?.ok && notebook.value).toContain('CLASS_NAMES = [\\"circle\\", \\"square\\"]');
  });

  it('says why there is no code at all for images imported from MNIST-format files, in either framework', () => {
    const fromIdx = { ...SHAPES, imageFolder: undefined };
    for (const framework of ['keras', 'pytorch'] as const) {
      expect(exportCode(TWO_CLASSES, framework, fromIdx)).toEqual({ ok: false, message: expect.stringMatching(/^Your images came from MNIST-format \(IDX\) files: .*import them as a folder or ZIP/) });
    }
  });
});
