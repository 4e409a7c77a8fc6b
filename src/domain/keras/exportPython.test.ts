import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOOK_TRAINING, CHAPTER5_LAYERS, DEFAULT_MODEL } from '../defaults.ts';
import { formatPythonFloat } from '../pythonLiterals.ts';
import { exportKerasPython } from './exportPython.ts';
import type { LayerSpec, ModelSpec, TrainingSettings } from '../modelSpec.ts';

/** The book's chapter-5 listing, as the default model exports; the e2e test compares the page's code with the same file. */
const BOOK_SCRIPT = readFileSync(new URL('../../../e2e/fixtures/chapter5-keras.py', import.meta.url), 'utf8');

const withTraining = (changes: Partial<TrainingSettings>): ModelSpec => ({
  layers: CHAPTER5_LAYERS,
  training: { ...BOOK_TRAINING, ...changes },
});

/** The model.add lines of a model's script. */
const layerLinesOf = (layers: readonly LayerSpec[]) =>
  exportKerasPython({ layers, training: BOOK_TRAINING })
    .split('\n')
    .filter((line) => line.startsWith('model.add('));

const lineOf = (spec: ModelSpec, start: string) => exportKerasPython(spec).split('\n').find((line) => line.startsWith(start));

describe('exportKerasPython', () => {
  it("writes the default model as the book's chapter-5 listing, exactly", () => {
    expect(exportKerasPython(DEFAULT_MODEL)).toBe(BOOK_SCRIPT);
  });

  describe('layers', () => {
    it('gives only the first layer the input shape', () => {
      expect(layerLinesOf([{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }])).toEqual([
        'model.add(layers.Flatten(input_shape=(28, 28, 1)))',
        "model.add(layers.Dense(10, activation='softmax'))",
      ]);
    });

    it("writes a Conv2D's strides and padding only where they differ from Keras' (1, 1) and 'valid'", () => {
      expect(
        layerLinesOf([
          { type: 'Flatten' },
          { type: 'Conv2D', filters: 16, kernelSize: [5, 5], strides: [2, 2], padding: 'same', activation: 'tanh' },
          { type: 'Conv2D', filters: 8, kernelSize: [3, 1], strides: [1, 2], padding: 'valid', activation: 'relu' },
          { type: 'Conv2D', filters: 8, kernelSize: [1, 1], strides: [1, 1], padding: 'same', activation: 'sigmoid' },
        ]).slice(1),
      ).toEqual([
        "model.add(layers.Conv2D(16, (5, 5), strides=(2, 2), padding='same', activation='tanh'))",
        "model.add(layers.Conv2D(8, (3, 1), strides=(1, 2), activation='relu'))",
        "model.add(layers.Conv2D(8, (1, 1), padding='same', activation='sigmoid'))",
      ]);
    });

    it("leaves out activation='linear', which is Keras' default of no activation", () => {
      expect(
        layerLinesOf([
          { type: 'Conv2D', filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'linear' },
          { type: 'Flatten' },
          { type: 'Dense', units: 10, activation: 'linear' },
        ]),
      ).toEqual([
        'model.add(layers.Conv2D(4, (3, 3), input_shape=(28, 28, 1)))',
        'model.add(layers.Flatten())',
        'model.add(layers.Dense(10))',
      ]);
    });

    it("writes pooling strides only when set, since None means the pool size, and padding only when 'same'", () => {
      expect(
        layerLinesOf([
          { type: 'MaxPooling2D', poolSize: [3, 3], strides: [2, 2], padding: 'valid' },
          { type: 'AveragePooling2D', poolSize: [2, 2], strides: null, padding: 'same' },
          { type: 'AveragePooling2D', poolSize: [2, 2], strides: [2, 2], padding: 'valid' },
          { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' },
        ]),
      ).toEqual([
        'model.add(layers.MaxPooling2D((3, 3), strides=(2, 2), input_shape=(28, 28, 1)))',
        "model.add(layers.AveragePooling2D((2, 2), padding='same'))",
        'model.add(layers.AveragePooling2D((2, 2), strides=(2, 2)))',
        'model.add(layers.MaxPooling2D((2, 2)))',
      ]);
    });

    it('writes Dropout with its rate and BatchNormalization with no arguments', () => {
      expect(
        layerLinesOf([
          { type: 'Flatten' },
          { type: 'Dropout', rate: 0.5 },
          { type: 'BatchNormalization' },
          { type: 'Dropout', rate: 0.25 },
        ]).slice(1),
      ).toEqual(['model.add(layers.Dropout(0.5))', 'model.add(layers.BatchNormalization())', 'model.add(layers.Dropout(0.25))']);
    });
  });

  describe('optimizer', () => {
    it.each([
      ['rmsprop', 0.001, "'rmsprop'"],
      ['adam', 0.001, "'adam'"],
      ['sgd', 0.01, "'sgd'"],
      ['rmsprop', 0.01, 'optimizers.RMSprop(learning_rate=0.01)'],
      ['adam', 0.0001, 'optimizers.Adam(learning_rate=0.0001)'],
      ['adam', 0.00005, 'optimizers.Adam(learning_rate=5e-05)'],
      ['sgd', 0.001, 'optimizers.SGD(learning_rate=0.001)'],
      ['sgd', 1, 'optimizers.SGD(learning_rate=1.0)'],
    ] as const)('%s at learning rate %d compiles with optimizer=%s', (optimizer, learningRate, code) => {
      expect(lineOf(withTraining({ optimizer, learningRate }), 'model.compile(')).toBe(
        `model.compile(optimizer=${code}, loss='categorical_crossentropy', metrics=['accuracy'])`,
      );
    });
  });

  describe('training and test data', () => {
    it('trains on the first trainSize images and labels when fewer than 60,000', () => {
      expect(lineOf(withTraining({ trainSize: 20_000 }), 'model.fit(')).toBe(
        'model.fit(train_images[:20000], train_labels[:20000], epochs=5, batch_size=64)',
      );
    });

    it('holds out validationSplit of them with validation_split, when above 0', () => {
      expect(lineOf(withTraining({ trainSize: 10_000, validationSplit: 0.2, epochs: 3, batchSize: 128 }), 'model.fit(')).toBe(
        'model.fit(train_images[:10000], train_labels[:10000], epochs=3, batch_size=128, validation_split=0.2)',
      );
      expect(lineOf(withTraining({ validationSplit: 0.1 }), 'model.fit(')).toBe(
        'model.fit(train_images, train_labels, epochs=5, batch_size=64, validation_split=0.1)',
      );
    });

    it('scores on the first testSize test images and labels when fewer than 10,000', () => {
      expect(lineOf(withTraining({ testSize: 2_000 }), 'test_loss, test_acc =')).toBe(
        'test_loss, test_acc = model.evaluate(test_images[:2000], test_labels[:2000])',
      );
    });

    it("keeps the book's preparation of all 70,000 images however many are used", () => {
      const script = exportKerasPython(withTraining({ trainSize: 1_000, testSize: 500 }));
      expect(script).toContain("train_images = train_images.reshape((60000, 28, 28, 1)).astype('float32') / 255");
      expect(script).toContain("test_images = test_images.reshape((10000, 28, 28, 1)).astype('float32') / 255");
    });
  });
});

describe('formatPythonFloat', () => {
  it.each([
    [0.001, '0.001'],
    [0.01, '0.01'],
    [0.5, '0.5'],
    [0.0001, '0.0001'],
    [0.00015, '0.00015'],
    [0.00001, '1e-05'],
    [2.5e-5, '2.5e-05'],
    [1e-7, '1e-07'],
    [1, '1.0'],
    [0, '0.0'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [2 ** 60, '1.152921504606847e+18'],
    [-0.25, '-0.25'],
  ])("formatPythonFloat(%d) = %s, as Python's repr writes it", (value, text) => {
    expect(formatPythonFloat(value)).toBe(text);
  });

  it('writes Python for what is not a finite number instead of throwing', () => {
    expect(formatPythonFloat(NaN)).toBe("float('nan')");
    expect(formatPythonFloat(Infinity)).toBe("float('inf')");
    expect(formatPythonFloat(-Infinity)).toBe("-float('inf')");
  });
});

describe('exportKerasPython on half-typed settings', () => {
  it('never throws, whatever the fields hold', () => {
    const layers: LayerSpec[] = [{ type: 'Dense', units: NaN, activation: 'relu' }, { type: 'Dropout', rate: Infinity }];
    for (const learningRate of [NaN, -1, Infinity, -Infinity]) {
      expect(() => exportKerasPython({ layers, training: { ...BOOK_TRAINING, learningRate, epochs: NaN, trainSize: -5, testSize: Infinity } })).not.toThrow();
    }
  });
});
