import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_STEPS } from '../codeSections.ts';
import { BOOK_TRAINING, CHAPTER5_LAYERS, DEFAULT_MODEL } from '../defaults.ts';
import type { LayerSpec, ModelSpec, TrainingSettings } from '../modelSpec.ts';
import { exportPytorchScript, exportPytorchSections } from './exportPytorch.ts';
import { samePadding } from './pytorchLayers.ts';

/** The book's model in PyTorch; exportPytorch.oracle.test.ts runs this very file with torch, and the e2e test compares the page's code with it. */
const BOOK_SCRIPT = readFileSync(new URL('../../../e2e/fixtures/chapter5-pytorch.py', import.meta.url), 'utf8');

const scriptOf = (spec: ModelSpec) => {
  const script = exportPytorchScript(spec);
  if (!script.ok) throw new Error(script.message);
  return script.value;
};

/** The layers of build_model()'s nn.Sequential, without their shape comments. */
const modulesOf = (layers: readonly LayerSpec[]) =>
  scriptOf({ layers, training: BOOK_TRAINING })
    .split('\n')
    .filter((line) => line.startsWith("        ('"))
    .map((line) => line.trim().replace(/,\s+# \(None, [\d, ]+\)$/, ''));

const withTraining = (changes: Partial<TrainingSettings>): ModelSpec => ({ layers: CHAPTER5_LAYERS, training: { ...BOOK_TRAINING, ...changes } });
const lineOf = (spec: ModelSpec, start: string) =>
  scriptOf(spec)
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith(start));

const conv = (changes: Partial<Extract<LayerSpec, { type: 'Conv2D' }>>): LayerSpec => ({
  type: 'Conv2D',
  filters: 8,
  kernelSize: [3, 3],
  strides: [1, 1],
  padding: 'same',
  activation: 'relu',
  ...changes,
});

describe('exportPytorchScript', () => {
  it("writes the book's model as the golden script", () => {
    expect(scriptOf(DEFAULT_MODEL)).toBe(BOOK_SCRIPT);
  });

  it("names each layer as Keras does and notes its Keras output shape, and Keras' total parameter count", () => {
    expect(scriptOf(DEFAULT_MODEL)).toContain("        ('conv2d_1', nn.Sequential(nn.Conv2d(1, 32, (3, 3)), nn.ReLU())),  # (None, 26, 26, 32)\n");
    expect(scriptOf(DEFAULT_MODEL)).toContain("        ('flatten_1', FlattenChannelsLast()),  # (None, 576)\n");
    expect(scriptOf(DEFAULT_MODEL)).toContain('    ]))  # Total params: 93,322\n');
  });

  describe("TensorFlow's 'same' padding", () => {
    it.each([
      [28, 3, 1, [1, 1]],
      [28, 5, 1, [2, 2]],
      [28, 2, 1, [0, 1]],
      [28, 4, 1, [1, 2]],
      [28, 3, 2, [0, 1]],
      [27, 3, 2, [1, 1]],
      [28, 5, 3, [2, 2]],
      [28, 1, 2, [0, 0]],
      [7, 2, 3, [0, 1]],
    ])('an input of %i, window %i, stride %i pads %j (before, after)', (input, window, stride, padding) => {
      expect(samePadding(input, window, stride)).toEqual(padding);
    });

    it('pads a Conv2d evenly with its own argument, and unevenly with ZeroPad2d (left, right, top, bottom) before it', () => {
      expect(
        modulesOf([
          conv({}),
          conv({ strides: [2, 2] }),
          conv({ kernelSize: [2, 4], activation: 'linear' }),
          conv({ kernelSize: [1, 1], strides: [1, 2], activation: 'tanh' }),
          conv({ padding: 'valid', kernelSize: [3, 1], strides: [1, 2], activation: 'sigmoid' }),
        ]),
      ).toEqual([
        "('conv2d_1', nn.Sequential(nn.Conv2d(1, 8, (3, 3), padding=(1, 1)), nn.ReLU()))",
        "('conv2d_2', nn.Sequential(nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(8, 8, (3, 3), stride=(2, 2)), nn.ReLU()))",
        "('conv2d_3', nn.Sequential(nn.ZeroPad2d((1, 2, 0, 1)), nn.Conv2d(8, 8, (2, 4))))",
        "('conv2d_4', nn.Sequential(nn.Conv2d(8, 8, (1, 1), stride=(1, 2)), nn.Tanh()))",
        "('conv2d_5', nn.Sequential(nn.Conv2d(8, 8, (3, 1), stride=(1, 2)), nn.Sigmoid()))",
      ]);
    });

    it('pads max pooling with -inf, and leaves the padding out of average pooling, as TensorFlow does', () => {
      expect(
        modulesOf([
          { type: 'MaxPooling2D', poolSize: [3, 3], strides: [1, 1], padding: 'same' },
          { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'same' },
          { type: 'AveragePooling2D', poolSize: [3, 3], strides: [1, 1], padding: 'same' },
          { type: 'AveragePooling2D', poolSize: [3, 3], strides: [2, 2], padding: 'same' },
          { type: 'AveragePooling2D', poolSize: [2, 2], strides: null, padding: 'same' },
        ]),
      ).toEqual([
        "('max_pooling2d_1', nn.MaxPool2d((3, 3), stride=(1, 1), padding=(1, 1)))",
        // 28 is even: 2×2 windows by 2 need no padding.
        "('max_pooling2d_2', nn.MaxPool2d((2, 2)))",
        "('average_pooling2d_1', nn.AvgPool2d((3, 3), stride=(1, 1), padding=(1, 1), count_include_pad=False))",
        "('average_pooling2d_2', AvgPool2dSame((3, 3), (2, 2), (0, 1, 0, 1)))",
        // 7 is odd: 2×2 windows by 2 need the odd pixel's padding, left out of the average.
        "('average_pooling2d_3', AvgPool2dSame((2, 2), (2, 2), (0, 1, 0, 1)))",
      ]);
      expect(modulesOf([{ type: 'MaxPooling2D', poolSize: [2, 2], strides: [1, 1], padding: 'same' }])).toEqual([
        "('max_pooling2d_1', nn.Sequential(nn.ConstantPad2d((0, 1, 0, 1), float('-inf')), nn.MaxPool2d((2, 2), stride=(1, 1))))",
      ]);
    });
  });

  it("steps pooling by its window when strides are None (torch's default too), and writes other strides", () => {
    expect(
      modulesOf([
        { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
        { type: 'AveragePooling2D', poolSize: [3, 2], strides: [3, 2], padding: 'valid' },
        { type: 'MaxPooling2D', poolSize: [2, 2], strides: [1, 2], padding: 'valid' },
      ]),
    ).toEqual([
      "('max_pooling2d_1', nn.MaxPool2d((2, 2)))",
      "('average_pooling2d_1', nn.AvgPool2d((3, 2)))",
      "('max_pooling2d_2', nn.MaxPool2d((2, 2), stride=(1, 2)))",
    ]);
  });

  it('applies Dense on an image to its channels, and flattens in Keras\' channels-last order', () => {
    const script = scriptOf({ layers: [{ type: 'Dense', units: 4, activation: 'softmax' }, { type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'linear' }], training: BOOK_TRAINING });
    expect(script).toContain("        ('dense_1', nn.Sequential(LinearOnChannels(1, 4), nn.Softmax(dim=1))),  # (None, 28, 28, 4)\n");
    expect(script).toContain("        ('flatten_1', FlattenChannelsLast()),  # (None, 3136)\n");
    expect(script).toContain("        ('dense_2', nn.Linear(3136, 10)),  # (None, 10)\n");
    expect(script).toContain('class LinearOnChannels(nn.Module):');
    expect(script).toContain('return self.linear(x.movedim(1, -1)).movedim(-1, 1)');
    expect(script).toContain('return x.permute(0, 2, 3, 1).flatten(1)');
  });

  it("writes BatchNormalization with Keras' epsilon and momentum, 2d on images and 1d on vectors, and Dropout with its rate", () => {
    expect(modulesOf([{ type: 'BatchNormalization' }, { type: 'Dropout', rate: 0.25 }, { type: 'Flatten' }, { type: 'BatchNormalization' }, { type: 'Dropout', rate: 0.5 }])).toEqual([
      "('batch_normalization_1', nn.BatchNorm2d(1, eps=0.001, momentum=0.01))",
      "('dropout_1', nn.Dropout(p=0.25))",
      "('flatten_1', FlattenChannelsLast())",
      "('batch_normalization_2', nn.BatchNorm1d(784, eps=0.001, momentum=0.01))",
      "('dropout_2', nn.Dropout(p=0.5))",
    ]);
  });

  it('defines only the helper modules the model uses', () => {
    expect(BOOK_SCRIPT).toContain('class FlattenChannelsLast(nn.Module):');
    expect(BOOK_SCRIPT).not.toContain('class LinearOnChannels');
    expect(BOOK_SCRIPT).not.toContain('class AvgPool2dSame');
    expect(scriptOf({ layers: [{ type: 'AveragePooling2D', poolSize: [3, 3], strides: [2, 2], padding: 'same' }], training: BOOK_TRAINING })).toContain('class AvgPool2dSame(nn.Module):');
  });

  describe('optimizer', () => {
    it.each([
      ['rmsprop', 0.001, 'torch.optim.RMSprop(model.parameters(), lr=0.001, alpha=0.9, eps=1e-07)'],
      ['rmsprop', 0.01, 'torch.optim.RMSprop(model.parameters(), lr=0.01, alpha=0.9, eps=1e-07)'],
      ['adam', 0.001, 'torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-07)'],
      ['adam', 0.00005, 'torch.optim.Adam(model.parameters(), lr=5e-05, betas=(0.9, 0.999), eps=1e-07)'],
      ['sgd', 0.01, 'torch.optim.SGD(model.parameters(), lr=0.01)'],
      ['sgd', 1, 'torch.optim.SGD(model.parameters(), lr=1.0)'],
    ] as const)("%s at learning rate %d is %s, with Keras' defaults", (optimizer, learningRate, call) => {
      expect(lineOf(withTraining({ optimizer, learningRate }), 'return torch.optim.')).toBe(`return ${call}`);
    });
  });

  describe('training and test data', () => {
    it('uses all the images when the settings say so, with no validation set', () => {
      const script = scriptOf(DEFAULT_MODEL);
      expect(script).toContain('    fit_set = (train_images, train_labels)\n    validation_set = None\n    test_set = (test_images, test_labels)\n');
    });

    it("holds out the last validationSplit of the first trainSize images, as Keras' validation_split does, and tests on the first testSize", () => {
      const script = scriptOf(withTraining({ trainSize: 10_000, validationSplit: 0.2, testSize: 2_000 }));
      expect(script).toContain(
        '    fit_set = (train_images[:8000], train_labels[:8000])\n' +
          '    validation_set = (train_images[8000:10000], train_labels[8000:10000])\n' +
          '    test_set = (test_images[:2000], test_labels[:2000])\n',
      );
    });

    it('fits for the epochs and batch size set', () => {
      expect(lineOf(withTraining({ epochs: 3, batchSize: 128 }), 'fit(model,')).toBe('fit(model, optimizer, fit_set, validation_set, epochs=3, batch_size=128)');
    });
  });

  it('prints the parameter count as Keras does, with the moving statistics of BatchNorm counted', () => {
    expect(BOOK_SCRIPT).toContain("print(f'Total params: {trainable + non_trainable:,}')");
    expect(BOOK_SCRIPT).toContain('return trainable, sum(m.running_mean.numel() + m.running_var.numel() for m in batch_norms)');
  });

  it('runs main() only as a script, with a header saying where it came from and how to run it', () => {
    expect(BOOK_SCRIPT.startsWith('# MNIST convnet in PyTorch, exported from ConvNet Playground')).toBe(true);
    expect(BOOK_SCRIPT).toContain('python mnist_convnet.py');
    expect(BOOK_SCRIPT.endsWith("\n\nif __name__ == '__main__':\n    main()\n")).toBe(true);
  });

  describe('a model that cannot be built', () => {
    it('is refused with the layer and the reason, as the editor words it', () => {
      const result = exportPytorchScript({ layers: [{ type: 'Flatten' }, { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'relu' }], training: BOOK_TRAINING });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^PyTorch code needs a model that can be built: layer 2 \(Conv2D\): needs an image input/);
    });

    it('is refused, never thrown, whatever its fields hold', () => {
      for (const layer of [
        { type: 'Dense', units: NaN, activation: 'relu' },
        { type: 'Dense', units: 2.5, activation: 'relu' },
        { type: 'Dropout', rate: Infinity },
        conv({ filters: -1 }),
        conv({ kernelSize: [40, 3], padding: 'valid' }),
      ] as LayerSpec[]) {
        const result = exportPytorchScript({ layers: [layer], training: BOOK_TRAINING });
        expect(result.ok, JSON.stringify(layer)).toBe(false);
        if (!result.ok) expect(result.message).toMatch(/layer 1 \(\w+\): \S/);
      }
    });

    it('does not throw on half-typed training settings', () => {
      expect(() => exportPytorchScript(withTraining({ learningRate: NaN, epochs: NaN, trainSize: -5, testSize: Infinity, validationSplit: NaN }))).not.toThrow();
    });
  });
});

describe('exportPytorchSections', () => {
  it("gives each step's cell the same text as the script: definitions as they are, statements from main() unindented", () => {
    for (const spec of [DEFAULT_MODEL, withTraining({ optimizer: 'adam', validationSplit: 0.1 })]) {
      const sections = exportPytorchSections(spec);
      if (!sections.ok) throw new Error(sections.message);
      const script = scriptOf(spec);
      const [definitions = '', main = ''] = script.split('\ndef main():\n');
      const mainLines = (main.split('\n\n\n')[0] ?? '').split('\n').map((line) => line.slice(4));
      const cellLines = CODE_STEPS.flatMap((step) => sections.value[step].split('\n'));
      expect(cellLines.filter((line) => mainLines.includes(line))).toEqual(mainLines);
      for (const line of cellLines) expect(definitions.includes(line) || mainLines.includes(line), line).toBe(true);
    }
  });

  it('defines what a step runs in that step or before it, so the cells run in order', () => {
    const sections = exportPytorchSections(DEFAULT_MODEL);
    if (!sections.ok) throw new Error(sections.message);
    expect(sections.value.data).toMatch(/^import math\n[\s\S]*def load_data\(\):[\s\S]*\n\n\nfit_set, validation_set, test_set = load_data\(\)$/);
    expect(sections.value.model).toMatch(/def build_model\(\):[\s\S]*\n\n\nmodel = build_model\(\)\.to\(DEVICE\)$/);
    expect(sections.value.summary).toMatch(/^def count_params\(model\):[\s\S]*\n\n\nprint\(model\)\n/);
    expect(sections.value.compile).toMatch(/^def keras_categorical_crossentropy[\s\S]*def create_optimizer\(model\):[\s\S]*\n\n\noptimizer = create_optimizer\(model\)$/);
    expect(sections.value.fit).toMatch(/def evaluate\([\s\S]*def fit\([\s\S]*\n\n\nfit\(model, optimizer, fit_set, validation_set, epochs=5, batch_size=64\)$/);
    expect(sections.value.evaluate).toBe("test_loss, test_acc = evaluate(model, test_set)\nprint('test_acc:', test_acc)");
  });
});
