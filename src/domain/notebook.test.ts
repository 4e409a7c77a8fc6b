import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODE_STEPS } from './codeSections.ts';
import { BOOK_TRAINING, CHAPTER5_LAYERS, DEFAULT_MODEL } from './defaults.ts';
import { exportKerasPython, kerasCodeSections } from './keras/exportPython.ts';
import type { ModelSpec } from './modelSpec.ts';
import { exportKerasNotebook, exportPytorchNotebook } from './notebook.ts';
import { exportPytorchScript } from './pytorch/exportPytorch.ts';

/** Debian's python3 by its path: the python3 on PATH may be a pyenv shim without nbformat. */
const PYTHON = '/usr/bin/python3';

interface Cell {
  readonly id: string;
  readonly cell_type: string;
  readonly source: readonly string[];
  readonly execution_count?: null;
  readonly outputs?: readonly unknown[];
}

const parse = (json: string) => JSON.parse(json) as { nbformat: number; nbformat_minor: number; metadata: Record<string, unknown>; cells: Cell[] };
const pytorchNotebook = (spec: ModelSpec) => {
  const notebook = exportPytorchNotebook(spec);
  if (!notebook.ok) throw new Error(notebook.message);
  return notebook.value;
};
const codeOf = (cells: readonly Cell[]) => cells.filter((cell) => cell.cell_type === 'code').map((cell) => cell.source.join(''));
const nonBlankLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

const WITH_VALIDATION: ModelSpec = { layers: CHAPTER5_LAYERS, training: { ...BOOK_TRAINING, optimizer: 'adam', trainSize: 10_000, validationSplit: 0.1, testSize: 2_000 } };

describe.each([
  ['Keras', exportKerasNotebook],
  ['PyTorch', pytorchNotebook],
])('the %s notebook', (_name, exportNotebook) => {
  const notebook = parse(exportNotebook(DEFAULT_MODEL));

  it('is nbformat 4.5 for a python3 kernel, as Jupyter and Colab open it', () => {
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBe(5);
    expect(notebook.metadata).toEqual({ kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } });
  });

  it('has a markdown cell, then one code cell per step, unrun', () => {
    expect(notebook.cells.map((cell) => [cell.id, cell.cell_type])).toEqual([['intro', 'markdown'], ...CODE_STEPS.map((step) => [step, 'code'])]);
    for (const cell of notebook.cells.slice(1)) {
      expect(cell.execution_count).toBeNull();
      expect(cell.outputs).toEqual([]);
    }
  });

  it('stores each source as lines, every one but the last ending in its newline', () => {
    for (const { source } of notebook.cells) {
      expect(source.slice(0, -1).every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
      expect(source.at(-1)?.endsWith('\n')).toBe(false);
    }
  });

  it('says what it trains: the layers, the parameter count and the settings', () => {
    const intro = notebook.cells[0]?.source.join('') ?? '';
    expect(intro).toContain('Exported from ConvNet Playground');
    expect(intro).toContain('- Layers: Conv2D → MaxPooling2D → Conv2D → MaxPooling2D → Conv2D → Flatten → Dense → Dense (93,322 parameters)');
    expect(intro).toContain('- Training: RMSprop at learning rate 0.001, batch size 64, 5 epochs on 60,000 training images; tested on 10,000 test images');
  });
});

describe('the Keras notebook', () => {
  it('holds the Keras script, step by step', () => {
    for (const spec of [DEFAULT_MODEL, WITH_VALIDATION]) {
      const cells = codeOf(parse(exportKerasNotebook(spec)).cells);
      expect(cells).toEqual(CODE_STEPS.map((step) => kerasCodeSections(spec)[step]));
      expect(nonBlankLines(cells.join('\n'))).toEqual(nonBlankLines(exportKerasPython(spec)));
    }
  });

  it('cuts it where the steps are', () => {
    const [data, model, summary, compile, fit, evaluate] = codeOf(parse(exportKerasNotebook(WITH_VALIDATION)).cells);
    expect(data).toMatch(/^from keras import layers, models, optimizers\n[\s\S]*mnist\.load_data\(\)[\s\S]*to_categorical\(test_labels\)$/);
    expect(model).toMatch(/^model = models\.Sequential\(\)\nmodel\.add\(layers\.Conv2D\(32[\s\S]*Dense\(10, activation='softmax'\)\)$/);
    expect(summary).toBe('model.summary()');
    expect(compile).toBe("model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])");
    expect(fit).toBe('model.fit(train_images[:10000], train_labels[:10000], epochs=5, batch_size=64, validation_split=0.1)');
    expect(evaluate).toBe("test_loss, test_acc = model.evaluate(test_images[:2000], test_labels[:2000])\nprint('test_acc:', test_acc)");
  });

  it('says how many images are held out for validation', () => {
    expect(parse(exportKerasNotebook(WITH_VALIDATION)).cells[0]?.source.join('')).toContain(
      'Adam at learning rate 0.001, batch size 64, 5 epochs on 9,000 training images, 1,000 more held out for validation; tested on 2,000 test images',
    );
  });
});

describe('the PyTorch notebook', () => {
  it('holds the PyTorch script: its definitions, and main() run a step per cell', () => {
    const cells = codeOf(parse(pytorchNotebook(WITH_VALIDATION)).cells);
    const script = exportPytorchScript(WITH_VALIDATION);
    if (!script.ok) throw new Error(script.message);
    const scriptLines = new Set(nonBlankLines(script.value).map((line) => line.replace(/^ {4}(?=\S)/, '')));
    for (const line of nonBlankLines(cells.join('\n'))) expect(scriptLines.has(line.replace(/^ {4}(?=\S)/, '')) || scriptLines.has(line), line).toBe(true);
    expect(cells[1]).toContain("        ('dense_2', nn.Sequential(nn.Linear(64, 10), nn.Softmax(dim=1))),  # (None, 10)");
    expect(cells[2]).toMatch(/\nprint\(model\)\n[\s\S]*print\(f'Total params: \{trainable \+ non_trainable:,\}'\)/);
    expect(cells[3]).toContain('torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-07)');
    expect(cells[4]).toMatch(/\nfit\(model, optimizer, fit_set, validation_set, epochs=5, batch_size=64\)$/);
  });

  it('is refused, with the reason, for a model that cannot be built', () => {
    const notebook = exportPytorchNotebook({ layers: [{ type: 'Flatten' }, { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' }], training: BOOK_TRAINING });
    expect(notebook.ok).toBe(false);
    if (!notebook.ok) expect(notebook.message).toMatch(/layer 2 \(MaxPooling2D\)/);
  });
});

/** Why nbformat cannot check the notebooks here, or null (CI installs Debian's python3-nbformat). */
function whyNoNbformat(): string | null {
  const probe = spawnSync(PYTHON, ['-c', "import importlib.util, sys; sys.exit(importlib.util.find_spec('nbformat') is None)"]);
  if (probe.error) return `${PYTHON} is missing`;
  return probe.status === 0 ? null : `${PYTHON} cannot import nbformat (apt-get install python3-nbformat)`;
}

const nbformatMissing = whyNoNbformat();

// CI installs nbformat (.ci/run): there a missing nbformat is a failure, not a quiet skip.
it.runIf(process.env.CI === 'true' && nbformatMissing !== null)('has nbformat in CI', () => {
  throw new Error(`${nbformatMissing}`);
});

describe.skipIf(nbformatMissing !== null)(`nbformat.validate${nbformatMissing ? ` (skipped: ${nbformatMissing})` : ''}`, () => {
  const directory = mkdtempSync(join(tmpdir(), 'notebooks-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('accepts the Keras and PyTorch notebooks', () => {
    const notebooks = { 'keras.ipynb': exportKerasNotebook(DEFAULT_MODEL), 'keras-split.ipynb': exportKerasNotebook(WITH_VALIDATION), 'pytorch.ipynb': pytorchNotebook(DEFAULT_MODEL), 'pytorch-split.ipynb': pytorchNotebook(WITH_VALIDATION) };
    const paths = Object.entries(notebooks).map(([name, json]) => {
      writeFileSync(join(directory, name), json);
      return join(directory, name);
    });
    const validate = 'import nbformat, sys\nfor path in sys.argv[1:]:\n    nbformat.validate(nbformat.read(path, as_version=nbformat.NO_CONVERT))\n    print(path)';
    const run = spawnSync(PYTHON, ['-c', validate, ...paths], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual(paths);
  });
});
