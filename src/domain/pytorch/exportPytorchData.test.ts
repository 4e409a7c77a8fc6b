import { describe, expect, it } from 'vitest';
import { FASHION_CLASS_NAMES, FASHION_MNIST_INFO, MNIST_INFO, type DatasetInfo } from '../datasets.ts';
import { BOOK_TRAINING, DEFAULT_MODEL } from '../defaults.ts';
import type { LayerSpec, ModelSpec } from '../modelSpec.ts';
import { exportPytorchNotebook } from '../notebook.ts';
import { exportPytorchScript, exportPytorchSections } from './exportPytorch.ts';

const SHAPES: DatasetInfo = {
  id: 'your-images',
  title: 'Your images',
  inputShape: [32, 32, 3],
  classNames: ['circle', 'square', 'triangle'],
  source: 'Your 300 images from the class folders of shapes.zip.',
  drawable: false,
  trainCount: 240,
  testCount: 60,
  imageFolder: { testFraction: 0.2, seed: 1337 },
};
/** The same images imported from MNIST-format files: no folder to read, no split of the page's to repeat. */
const SHAPES_FROM_IDX: DatasetInfo = { ...SHAPES, inputShape: [28, 28, 1], imageFolder: undefined };

const endingIn = (units: number): ModelSpec => ({ ...DEFAULT_MODEL, layers: [...DEFAULT_MODEL.layers.slice(0, -1), { type: 'Dense', units, activation: 'softmax' }] });

const scriptOf = (spec: ModelSpec, dataset: DatasetInfo) => {
  const script = exportPytorchScript(spec, dataset);
  if (!script.ok) throw new Error(script.message);
  return script.value;
};

describe('the PyTorch code follows the dataset', () => {
  it("loads Fashion-MNIST with torchvision's FashionMNIST, names its classes, and says its split is not the playground's", () => {
    const script = scriptOf(DEFAULT_MODEL, FASHION_MNIST_INFO);
    expect(script).toMatch(/^# Fashion-MNIST convnet in PyTorch/);
    expect(script).toContain('save this as fashion_mnist_convnet.py and run python fashion_mnist_convnet.py');
    expect(script).toContain("    fashion = datasets.FashionMNIST('data', train=train, download=True)\n");
    expect(script).toContain(`labels 0-9: ${FASHION_CLASS_NAMES.join(', ')}.`);
    expect(script).toContain("# torchvision loads Fashion-MNIST's official split; the playground trained on its own split");
    expect(script).toContain('    train_images, train_labels = load_fashion_mnist(train=True)\n');
    expect(script).not.toMatch(/\bMNIST\(|load_mnist\(/);
  });

  it('reads a 32×32 colour folder with ImageFolder: the classes in the page’s order, its size, RGB, [0, 1] and its split', () => {
    const script = scriptOf(endingIn(3), SHAPES);
    expect(script).toMatch(/^# Convnet for your images in PyTorch/);
    expect(script).toContain('(it reads images/, one folder per class: circle, square, triangle;');
    expect(script).toContain('CLASS_NAMES = ["circle", "square", "triangle"]\n');
    expect(script).toContain('class PlaygroundImageFolder(datasets.ImageFolder):');
    expect(script).toContain('    transform = transforms.Compose([transforms.Resize((32, 32)), transforms.ToTensor()])\n');
    expect(script).toContain('from torchvision import datasets, transforms\n');
    expect(script).toContain('test = split_by_class(labels.tolist(), len(CLASS_NAMES), test_fraction=0.2, seed=1337).to(DEVICE)');
    expect(script).toContain("# The page's split: the page takes each class's files in ImageFolder's order (folder by folder, names sorted)");
    // The model reads three channels and ends in three classes.
    expect(script).toContain("('conv2d_1', nn.Sequential(nn.Conv2d(3, 32, (3, 3)), nn.ReLU())),  # (None, 30, 30, 32)");
    expect(script).toContain("('dense_2', nn.Sequential(nn.Linear(64, 3), nn.Softmax(dim=1))),  # (None, 3)");
    expect(script).not.toContain('download=True');
  });

  it('converts to one grey channel when the page did', () => {
    const grey = { ...SHAPES, inputShape: [20, 20, 1] as const };
    const layers: LayerSpec[] = [{ type: 'Flatten' }, { type: 'Dense', units: 3, activation: 'softmax' }];
    const script = scriptOf({ layers, training: BOOK_TRAINING }, grey);
    expect(script).toContain('transforms.Compose([transforms.Resize((20, 20)), transforms.Grayscale(), transforms.ToTensor()])');
    expect(script).toContain("('dense_1', nn.Sequential(nn.Linear(400, 3), nn.Softmax(dim=1))),  # (None, 3)");
  });

  it('takes the first trainSize and testSize of the page’s train and test images, as it does for MNIST', () => {
    const script = scriptOf({ ...endingIn(3), training: { ...BOOK_TRAINING, trainSize: 100, validationSplit: 0.2, testSize: 60 } }, SHAPES);
    expect(script).toContain('    fit_set = (train_images[:80], train_labels[:80])\n');
    expect(script).toContain('    validation_set = (train_images[80:100], train_labels[80:100])\n');
    expect(script).toContain('    test_set = (test_images, test_labels)\n');
  });

  it('is refused for images imported from MNIST-format files, rather than loading other data', () => {
    expect(exportPytorchScript(endingIn(3), SHAPES_FROM_IDX)).toEqual({ ok: false, message: expect.stringMatching(/^Your images came from MNIST-format \(IDX\) files/) });
    expect(exportPytorchSections(endingIn(3), SHAPES_FROM_IDX).ok).toBe(false);
  });

  it('is refused, naming the layer, when the model cannot be built on the dataset’s images', () => {
    const tiny = { ...SHAPES, inputShape: [8, 8, 1] as const };
    expect(exportPytorchScript(endingIn(3), tiny)).toEqual({ ok: false, message: expect.stringMatching(/^PyTorch code needs a model that can be built: layer 4 \(MaxPooling2D\): pool 2×2 is larger than its 1×1 input/) });
  });

  it('keeps MNIST’s script as it was', () => {
    expect(exportPytorchScript(DEFAULT_MODEL, MNIST_INFO)).toEqual(exportPytorchScript(DEFAULT_MODEL));
    expect(scriptOf(DEFAULT_MODEL, MNIST_INFO)).toMatch(/^# MNIST convnet in PyTorch/);
  });
});

describe('the PyTorch notebook follows the dataset', () => {
  const introOf = (notebook: ReturnType<typeof exportPytorchNotebook>) => (notebook.ok ? (JSON.parse(notebook.value).cells[0].source as string[]).join('') : '');

  it('is titled by the dataset and says how its first cell gets the data', () => {
    expect(introOf(exportPytorchNotebook(DEFAULT_MODEL, FASHION_MNIST_INFO))).toMatch(/^# Fashion-MNIST convnet in PyTorch\n[\s\S]*the first one downloads Fashion-MNIST\./);
    const shapes = introOf(exportPytorchNotebook(endingIn(3), SHAPES));
    expect(shapes).toMatch(/^# Convnet for your images in PyTorch\n/);
    expect(shapes).toContain('reads your images from images/, a folder per class (circle, square, triangle).');
    // The parameter count of the model on 32×32×3 images, not on MNIST's.
    expect(shapes).toContain('(122,115 parameters)');
  });
});
