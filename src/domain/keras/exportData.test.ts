import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_INFO, type DatasetInfo } from '../datasets.ts';
import { DEFAULT_MODEL } from '../defaults.ts';
import type { ModelSpec } from '../modelSpec.ts';
import { exportKerasNotebook } from '../notebook.ts';
import { exportKerasPython } from './exportPython.ts';

const SHAPES: DatasetInfo = {
  id: 'your-images',
  title: 'Your images: shapes',
  inputShape: [32, 32, 3],
  classNames: ['circle', 'square', 'triangle'],
  source: 'Your folder shapes: 300 images, 20% held out for testing.',
  drawable: false,
  trainCount: 240,
  testCount: 60,
  imageFolder: { testFraction: 0.2, seed: 7 },
};

describe('the Keras code follows the dataset', () => {
  it('loads Fashion-MNIST with fashion_mnist.load_data() and says its split is not the playground’s', () => {
    const code = exportKerasPython(DEFAULT_MODEL, FASHION_MNIST_INFO);
    expect(code).toContain('from keras.datasets import fashion_mnist\n');
    expect(code).toContain('= fashion_mnist.load_data()');
    expect(code).toContain("# Keras loads Fashion-MNIST's official split");
    expect(code).toContain('# Labels 0-9: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.\n');
    expect(code).not.toMatch(/\bmnist\.load_data/);
    expect(code).toContain('input_shape=(28, 28, 1)');
  });

  it('loads a 3-class 32×32 colour folder with image_dataset_from_directory at the same size, mode, classes and split', () => {
    const spec: ModelSpec = {
      ...DEFAULT_MODEL,
      layers: [...DEFAULT_MODEL.layers.slice(0, -1), { type: 'Dense', units: 3, activation: 'softmax' }],
      training: { ...DEFAULT_MODEL.training, epochs: 3, batchSize: 16 },
    };
    const code = exportKerasPython(spec, SHAPES);
    expect(code).toContain(
      "train_ds, test_ds = image_dataset_from_directory('images', class_names=[\"circle\", \"square\", \"triangle\"], " +
        "label_mode='categorical', color_mode='rgb', image_size=(32, 32), batch_size=16, validation_split=0.2, subset='both', seed=7)",
    );
    expect(code).toContain('input_shape=(32, 32, 3)');
    expect(code).toContain('model.add(layers.Dense(3, activation=\'softmax\'))');
    expect(code).toContain('model.fit(train_ds, epochs=3)');
    expect(code).toContain('model.evaluate(test_ds)');
    expect(code).not.toContain('load_data');
    expect(code).toContain("# Keras draws its own split: the same share and seed as the page's, but other test images than the page held out.\n");
  });

  it('asks for greyscale when the images have one channel', () => {
    expect(exportKerasPython(DEFAULT_MODEL, { ...SHAPES, inputShape: [20, 24, 1] })).toContain("color_mode='grayscale', image_size=(20, 24)");
  });

  it('writes the same loading into the notebook, titled by the dataset', () => {
    const notebook = exportKerasNotebook(DEFAULT_MODEL, FASHION_MNIST_INFO);
    expect(notebook).toContain('# Fashion-MNIST convnet in Keras');
    expect(notebook).toContain('fashion_mnist.load_data()');
    expect(exportKerasNotebook(DEFAULT_MODEL, SHAPES)).toContain('image_dataset_from_directory(');
  });
});
