/**
 * layersFromTorchPrintout on what print(model) shows in PyTorch: the book's model against the editor's default, each
 * module and setting it reads, each refusal, printouts of seeded random models, and hostile text.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../data/batching.ts';
import { analyzeModel, analyzePrefix } from '../analysis.ts';
import { DEFAULT_MODEL } from '../defaults.ts';
import type { Activation, LayerSpec, Pair } from '../modelSpec.ts';
import { MAX_LAYERS, MNIST_INPUT_SHAPE } from '../modelSpec.ts';
import { randomBatchNorm, randomDense, randomDropout, randomLayers, type LayerDraw, type RecipeStep } from '../randomLayers.ts';
import { layersFromTorchPrintout, SUPPORTED_MODULES } from './importPrintout.ts';
import { MAX_NESTING, MAX_PRINTOUT_CHARS } from './printoutSyntax.ts';

/** print(model) in PyTorch 2 for the book's convnet, built as an nn.Sequential. */
const BOOK_PRINTOUT = `Sequential(
  (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))
  (1): ReLU()
  (2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
  (3): Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1))
  (4): ReLU()
  (5): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
  (6): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1))
  (7): ReLU()
  (8): Flatten(start_dim=1, end_dim=-1)
  (9): Linear(in_features=576, out_features=64, bias=True)
  (10): ReLU()
  (11): Linear(in_features=64, out_features=10, bias=True)
  (12): Softmax(dim=1)
)`;

/** The same model written with named blocks, as `nn.Sequential(OrderedDict(...))` of two Sequentials prints it. */
const BOOK_IN_BLOCKS = `Sequential(
  (features): Sequential(
    (conv1): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))
    (relu1): ReLU(inplace=True)
    (pool1): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
    (conv2): Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1))
    (relu2): ReLU(inplace=True)
    (pool2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
    (conv3): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1))
  )
  (classifier): Sequential(
    (act): ReLU(inplace=True)
    (flatten): Flatten(start_dim=1, end_dim=-1)
    (fc1): Sequential(
      (0): Linear(in_features=576, out_features=64, bias=True)
      (1): ReLU()
    )
    (empty): Sequential()
    (fc2): Linear(in_features=64, out_features=10, bias=True)
    (softmax): Softmax(dim=1)
  )
)`;

/** A printed Sequential of these modules, numbered from 0: module i is on line i + 2. */
function sequential(...modules: string[]): string {
  return ['Sequential(', ...modules.map((module, i) => `  (${i}): ${module}`), ')'].join('\n');
}

const CONV_1_8 = 'Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1))';
const FLATTEN = 'Flatten(start_dim=1, end_dim=-1)';
/** The messages' common parts. */
const PASTE = 'paste what print(model) shows for a torch.nn.Sequential, starting with Sequential(';
const NOT_SEQUENTIAL = 'only an nn.Sequential lists its modules in the order they run (in any other model, its forward() decides)';
const ONLY_ON_LAYERS = 'the editor applies an activation only as part of the Conv2d or Linear right before it';
const LINEAR_784 = 'Linear(in_features=784, out_features=10, bias=True)';
const conv = (fields: Partial<Omit<LayerSpec & { type: 'Conv2D' }, 'type'>>): LayerSpec => ({
  type: 'Conv2D',
  filters: 8,
  kernelSize: [3, 3],
  strides: [1, 1],
  padding: 'valid',
  activation: 'linear',
  ...fields,
});

describe("layersFromTorchPrintout on the book's model", () => {
  it("gives exactly the editor's chapter-5 stack, with nothing to note", () => {
    expect(layersFromTorchPrintout(BOOK_PRINTOUT)).toEqual({ ok: true, layers: DEFAULT_MODEL.layers, notes: [] });
    const result = layersFromTorchPrintout(BOOK_PRINTOUT);
    expect(result.ok && analyzeModel(result.layers)).toMatchObject({ ok: true, totalParams: 93_322 });
  });

  it('reads named entries and nested Sequential blocks in order, an activation folding across a block boundary', () => {
    expect(layersFromTorchPrintout(BOOK_IN_BLOCKS)).toEqual({ ok: true, layers: DEFAULT_MODEL.layers, notes: [] });
  });

  it('reads it pasted from anywhere: CRLF or CR line ends, tabs, no-break spaces, a byte-order mark, blank lines', () => {
    const pasted = `\ufeff\r\n${BOOK_PRINTOUT.replaceAll('\n', '\r\n').replaceAll('  (', '\t\u00a0(')}\r\n\r\n`;
    expect(layersFromTorchPrintout(pasted)).toEqual({ ok: true, layers: DEFAULT_MODEL.layers, notes: [] });
    expect(layersFromTorchPrintout(BOOK_PRINTOUT.replaceAll('\n', '\r'))).toEqual({ ok: true, layers: DEFAULT_MODEL.layers, notes: [] });
  });

  it('reads entries typed without their (name):', () => {
    const typed = BOOK_PRINTOUT.replace(/\(\d+\): /g, '');
    expect(layersFromTorchPrintout(typed)).toEqual({ ok: true, layers: DEFAULT_MODEL.layers, notes: [] });
  });
});

describe('layersFromTorchPrintout on each module it reads', () => {
  const flat = (...modules: string[]) => sequential(FLATTEN, ...modules);
  it.each<[string, string, readonly LayerSpec[]]>([
    ['a Conv2d without activation', sequential(CONV_1_8), [conv({})]],
    ['kernel_size=3 and stride=2', sequential('Conv2d(1, 8, kernel_size=3, stride=2)'), [conv({ strides: [2, 2] })]],
    ['a rectangular kernel and stride', sequential('Conv2d(1, 8, kernel_size=(5, 3), stride=(2, 1))'), [conv({ kernelSize: [5, 3], strides: [2, 1] })]],
    ['no stride', sequential('Conv2d(1, 8, kernel_size=(3, 3))'), [conv({})]],
    ['keyword channels', sequential('Conv2d(in_channels=1, out_channels=8, kernel_size=(3, 3))'), [conv({})]],
    ['padding=(1, 1) for a 3×3 kernel', sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))'), [conv({ padding: 'same' })]],
    ['padding=2 for a 5×5 kernel', sequential('Conv2d(1, 8, kernel_size=(5, 5), stride=(1, 1), padding=2)'), [conv({ kernelSize: [5, 5], padding: 'same' })]],
    ['padding=(1, 0) for a 3×1 kernel', sequential('Conv2d(1, 8, kernel_size=(3, 1), stride=(1, 1), padding=(1, 0))'), [conv({ kernelSize: [3, 1], padding: 'same' })]],
    ['padding=same for an even kernel', sequential('Conv2d(1, 8, kernel_size=(4, 4), stride=(1, 1), padding=same)'), [conv({ kernelSize: [4, 4], padding: 'same' })]],
    ["padding='same' typed with quotes", sequential("Conv2d(1, 8, kernel_size=(3, 3), padding='same')"), [conv({ padding: 'same' })]],
    ['padding=valid', sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=valid)'), [conv({})]],
    ['padding=(0, 0) at stride 2', sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(2, 2), padding=(0, 0))'), [conv({ strides: [2, 2] })]],
    [
      'the defaults written out',
      sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=0, dilation=(1, 1), groups=1, bias=True, padding_mode=zeros)'),
      [conv({})],
    ],
    [
      'MaxPool2d with its stride',
      sequential('MaxPool2d(kernel_size=(2, 3), stride=(1, 2), padding=0, dilation=1, ceil_mode=False)'),
      [{ type: 'MaxPooling2D', poolSize: [2, 3], strides: [1, 2], padding: 'valid' }],
    ],
    [
      'MaxPool2d keeping the size',
      sequential('MaxPool2d(kernel_size=3, stride=1, padding=1, dilation=1, ceil_mode=False)'),
      [{ type: 'MaxPooling2D', poolSize: [3, 3], strides: [1, 1], padding: 'same' }],
    ],
    ['MaxPool2d with stride=None', sequential('MaxPool2d(kernel_size=2, stride=None)'), [{ type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' }]],
    ['MaxPool2d typed with its window only', sequential('MaxPool2d(2)'), [{ type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' }]],
    [
      'AvgPool2d',
      sequential('AvgPool2d(kernel_size=2, stride=2, padding=0)'),
      [{ type: 'AveragePooling2D', poolSize: [2, 2], strides: null, padding: 'valid' }],
    ],
    [
      'AvgPool2d keeping the size without counting its padding',
      sequential('AvgPool2d(kernel_size=3, stride=1, padding=1, count_include_pad=False)'),
      [{ type: 'AveragePooling2D', poolSize: [3, 3], strides: [1, 1], padding: 'same' }],
    ],
    ['Flatten typed without arguments', sequential('Flatten()'), [{ type: 'Flatten' }]],
    ['Linear after Flatten', flat(LINEAR_784, 'Softmax(dim=1)'), [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }]],
    ['ReLU(inplace=True)', sequential(CONV_1_8, 'ReLU(inplace=True)'), [conv({ activation: 'relu' })]],
    ['Sigmoid', sequential(CONV_1_8, 'Sigmoid()'), [conv({ activation: 'sigmoid' })]],
    ['Tanh', flat('Linear(in_features=784, out_features=10, bias=True)', 'Tanh()'), [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'tanh' }]],
    ['Softmax(dim=-1) on features', flat('Linear(in_features=784, out_features=10, bias=True)', 'Softmax(dim=-1)'), [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }]],
    ['Softmax(dim=None)', flat('Linear(in_features=784, out_features=10, bias=True)', 'Softmax(dim=None)'), [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }]],
    ['Softmax(dim=1) on channels', sequential(CONV_1_8, 'Softmax(dim=1)'), [conv({ activation: 'softmax' })]],
    ['Dropout(p=0.25, inplace=False)', sequential('Dropout(p=0.25, inplace=False)'), [{ type: 'Dropout', rate: 0.25 }]],
    ['Dropout(p=0.0)', sequential('Dropout(p=0.0, inplace=True)'), [{ type: 'Dropout', rate: 0 }]],
    ["Dropout typed with PyTorch's default", sequential('Dropout()'), [{ type: 'Dropout', rate: 0.5 }]],
    [
      "BatchNorm2d with Keras' settings",
      sequential(CONV_1_8, 'BatchNorm2d(8, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)'),
      [conv({}), { type: 'BatchNormalization' }],
    ],
    [
      "BatchNorm1d with Keras' settings",
      flat('BatchNorm1d(784, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)'),
      [{ type: 'Flatten' }, { type: 'BatchNormalization' }],
    ],
    [
      'a Conv2d on its own input channels, after pooling',
      sequential(CONV_1_8, 'MaxPool2d(2)', 'Dropout(p=0.1)', 'Conv2d(8, 4, kernel_size=(3, 3))'),
      [conv({}), { type: 'MaxPooling2D', poolSize: [2, 2], strides: null, padding: 'valid' }, { type: 'Dropout', rate: 0.1 }, conv({ filters: 4 })],
    ],
  ])('%s', (_name, text, layers) => {
    expect(layersFromTorchPrintout(text)).toEqual({ ok: true, layers, notes: [] });
  });
});

describe('layersFromTorchPrintout notes what it changes', () => {
  const keras = "becomes BatchNormalization with Keras' epsilon 0.001 and momentum 0.99 (PyTorch's eps=0.001, momentum=0.01), as the editor has no field for them.";
  it("notes each BatchNorm whose eps or momentum is not Keras' default, with its line", () => {
    const text = sequential(
      CONV_1_8,
      'BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)',
      FLATTEN,
      'BatchNorm1d(5408, eps=0.001, momentum=None, affine=True, track_running_stats=True)',
      'BatchNorm1d(5408, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)',
      'Linear(in_features=5408, out_features=10, bias=True)',
      'Softmax(dim=1)',
    );
    expect(layersFromTorchPrintout(text)).toEqual({
      ok: true,
      layers: [conv({}), { type: 'BatchNormalization' }, { type: 'Flatten' }, { type: 'BatchNormalization' }, { type: 'BatchNormalization' }, { type: 'Dense', units: 10, activation: 'softmax' }],
      notes: [
        `Line 3: BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_r… ${keras}`,
        `Line 5: BatchNorm1d(5408, eps=0.001, momentum=None, affine=True, tra… ${keras}`,
      ],
    });
  });

  it('notes a model that ends in logits, as PyTorch models trained with CrossEntropyLoss do', () => {
    const logits = BOOK_PRINTOUT.replace(/\n\s*\(12\): Softmax\(dim=1\)/, '');
    const layers = [...DEFAULT_MODEL.layers.slice(0, -1), { type: 'Dense', units: 10, activation: 'linear' } as const];
    expect(layersFromTorchPrintout(logits)).toEqual({
      ok: true,
      layers,
      notes: [
        "Line 13: Linear(in_features=64, out_features=10, bias=True) ends the model without Softmax: PyTorch's CrossEntropyLoss applies softmax inside the loss, but the editor's loss takes probabilities, so give this Dense layer the softmax activation.",
      ],
    });
  });
});

describe('layersFromTorchPrintout refuses, naming the line and the text', () => {
  it.each<[string, string, string]>([
    ['empty text', '', `The text is empty: ${PASTE}.`],
    ['blank text', ' \n\t\r\n ', `The text is empty: ${PASTE}.`],
    ['prose', 'hello world', `Line 1: "hello world" is not a PyTorch printout: ${PASTE}.`],
    ['a custom model', 'Net(\n  (conv1): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))\n)', `Line 1: Net( is a Net, not a Sequential: ${NOT_SEQUENTIAL}; ${PASTE}.`],
    [
      'a custom block inside',
      sequential(CONV_1_8).replace(')\n)', ')\n  (1): ResidualBlock(\n    (0): ReLU()\n  )\n)'),
      `Line 3: (1): ResidualBlock( is a ResidualBlock, not a Sequential: ${NOT_SEQUENTIAL}; the editor reads Sequential blocks only.`,
    ],
    ['a single module', 'Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))', `Line 1: Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1)) is not a Sequential printout: ${PASTE}.`],
    ['the Python that printed it', 'print(model)', `Line 1: print(model) is not a Sequential printout: ${PASTE}.`],
    ['an empty Sequential', 'Sequential()', 'The Sequential on line 1 has no modules.'],
    ['a Sequential of empty blocks', '\nSequential(\n  (0): Sequential()\n)', 'The Sequential on line 2 has no modules.'],
    ['a cut-off printout', BOOK_PRINTOUT.slice(0, -2), 'The printout ends before the Sequential( on line 1 is closed: paste all of it, down to its last ).'],
    ['a cut-off block', BOOK_IN_BLOCKS.replace(/\n {2}\)\n\)$/, ''), 'The printout ends before the Sequential( on line 1 is closed: paste all of it, down to its last ).'],
    ['a ) before the printout', `)\n${BOOK_PRINTOUT}`, `Line 1: this ) closes nothing; ${PASTE}.`],
    ['a ) after it', `${BOOK_PRINTOUT}\n)`, 'Line 16: ")" comes after the model\'s closing ) on line 15; paste one printout.'],
    ['two printouts', `${BOOK_PRINTOUT}\n${BOOK_PRINTOUT}`, 'Line 16: "Sequential(" comes after the model\'s closing ) on line 15; paste one printout.'],
    [
      'a line that is not a module',
      sequential(CONV_1_8, 'ReLU()  # the activation'),
      'Line 3: "(1): ReLU()  # the activation" is not a line of a printout: expected a module such as (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1)), or a closing ).',
    ],
    [
      "ModuleList's repeated modules",
      sequential(FLATTEN).replace(')\n)', ')\n  (1-2): 2 x Linear(in_features=784, out_features=784, bias=True)\n)'),
      'Line 3: "(1-2): 2 x Linear(in_features=784, out_features=784, bias=Tr…" is not a line of a printout: expected a module such as (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1)), or a closing ).',
    ],
    ['an unknown module', BOOK_PRINTOUT.replace('(1): ReLU()', "(1): GELU(approximate='none')"), `Line 3: GELU(approximate='none') is not supported: the editor has ${SUPPORTED_MODULES}.`],
    [
      'LogSoftmax',
      BOOK_PRINTOUT.replace('Softmax(dim=1)', 'LogSoftmax(dim=1)'),
      `Line 14: LogSoftmax(dim=1) is not supported: the editor has ${SUPPORTED_MODULES}; end with Softmax(dim=1) instead: the editor takes the log in its loss.`,
    ],
    ['Dropout2d', sequential(CONV_1_8, 'Dropout2d(p=0.5, inplace=False)'), `Line 3: Dropout2d(p=0.5, inplace=False) is not supported: the editor has ${SUPPORTED_MODULES}.`],
  ])('%s', (_name, text, message) => {
    expect(layersFromTorchPrintout(text)).toEqual({ ok: false, message });
  });

  it('lists every module it reads in its message about one it does not', () => {
    expect(SUPPORTED_MODULES).toBe('Conv2d, MaxPool2d, AvgPool2d, Flatten, Linear, ReLU, Sigmoid, Tanh, Softmax, Dropout, BatchNorm2d and BatchNorm1d');
  });

  it.each<[string, string, string]>([
    [
      'padding that is neither valid nor same',
      sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(2, 2))'),
      "Line 2: Conv2d padding=(2, 2) has no Keras equivalent: the editor pads 'valid' (padding=0) or 'same' (padding=(1, 1) at stride 1).",
    ],
    [
      'padding at stride 2',
      sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))'),
      "Line 2: Conv2d padding=(1, 1) has no Keras equivalent: the editor pads 'valid' (padding=0) or 'same' (padding=(1, 1) at stride 1).",
    ],
    [
      'padding on one axis only',
      sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 0))'),
      "Line 2: Conv2d padding=(1, 0) has no Keras equivalent: the editor pads 'valid' (padding=0) or 'same' (padding=(1, 1) at stride 1).",
    ],
    [
      'padding around an even window',
      sequential('MaxPool2d(kernel_size=2, stride=1, padding=1, dilation=1, ceil_mode=False)'),
      "Line 2: MaxPool2d padding=1 has no Keras equivalent: the editor pads 'valid' (padding=0) or 'same' (kernel_size // 2 for an odd kernel at stride 1).",
    ],
    ['a negative padding', sequential('Conv2d(1, 8, kernel_size=(3, 3), padding=-1)'), 'Line 2: Conv2d padding=-1 must be 0, a pair such as (1, 1), valid or same.'],
    ['reflect padding', sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding_mode=reflect)'), 'Line 2: Conv2d padding_mode=reflect is not supported: the editor pads with zeros.'],
    ['a Conv2d without bias', sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), bias=False)'), "Line 2: Conv2d bias=False is not supported: the editor's Conv2D layers always have a bias."],
    ['a Linear without bias', sequential(FLATTEN, 'Linear(in_features=784, out_features=10, bias=False)'), "Line 3: Linear bias=False is not supported: the editor's Dense layers always have a bias."],
    ['dilation', sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), dilation=(2, 2))'), 'Line 2: Conv2d dilation=(2, 2) is not supported: the editor has no dilated convolutions.'],
    ['groups', sequential(CONV_1_8, 'Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), groups=2)'), 'Line 3: Conv2d groups=2 is not supported: the editor has no grouped convolutions.'],
    ['ceil_mode', BOOK_PRINTOUT.replace('ceil_mode=False', 'ceil_mode=True'), 'Line 4: MaxPool2d ceil_mode=True is not supported: Keras rounds pooled sizes down.'],
    ['dilated pooling', sequential('MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=2, ceil_mode=False)'), 'Line 2: MaxPool2d dilation=2 is not supported: the editor has no dilated pooling.'],
    [
      'AvgPool2d counting its padding',
      sequential('AvgPool2d(kernel_size=3, stride=1, padding=1)'),
      "Line 2: AvgPool2d(kernel_size=3, stride=1, padding=1) averages in its zero padding (count_include_pad=True), which Keras' 'same' leaves out.",
    ],
    [
      'Flatten from the batch axis',
      sequential('Flatten(start_dim=0, end_dim=-1)'),
      "Line 2: Flatten start_dim=0 is not supported: the editor's Flatten keeps the batch axis and flattens the rest (start_dim=1, end_dim=-1).",
    ],
    ['Dropout of everything', sequential('Dropout(p=1.0, inplace=False)'), 'Line 2: Dropout p=1.0 must be a fraction from 0 up to (not including) 1.'],
    ['a negative Dropout', sequential('Dropout(p=-0.1, inplace=False)'), 'Line 2: Dropout p=-0.1 must be a fraction from 0 up to (not including) 1.'],
    [
      'BatchNorm without scale and offset',
      sequential(CONV_1_8, 'BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=False, track_running_stats=True)'),
      'Line 3: BatchNorm2d affine=False is not supported: the editor learns a scale and an offset.',
    ],
    [
      'BatchNorm without running statistics',
      sequential(CONV_1_8, 'BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=False)'),
      'Line 3: BatchNorm2d track_running_stats=False is not supported: the editor keeps running statistics for inference.',
    ],
    ['a BatchNorm eps of 0', sequential(CONV_1_8, 'BatchNorm2d(8, eps=0, momentum=0.1)'), 'Line 3: BatchNorm2d eps=0 must be a positive number.'],
  ])('settings Keras cannot express: %s', (_name, text, message) => {
    expect(layersFromTorchPrintout(text)).toEqual({ ok: false, message });
  });

  it.each<[string, string, string]>([
    ['an activation first', sequential('ReLU()', CONV_1_8), `Line 2: ReLU() comes first, but ${ONLY_ON_LAYERS}.`],
    ['an activation after pooling', sequential(CONV_1_8, 'MaxPool2d(2)', 'ReLU()'), `Line 4: ReLU() follows MaxPool2d(2) on line 3, but ${ONLY_ON_LAYERS}.`],
    ['an activation after Flatten', sequential(FLATTEN, 'Sigmoid()'), `Line 3: Sigmoid() follows ${FLATTEN} on line 2, but ${ONLY_ON_LAYERS}.`],
    ['an activation after Dropout', sequential(CONV_1_8, 'Dropout(p=0.5, inplace=False)', 'Tanh()'), `Line 4: Tanh() follows Dropout(p=0.5, inplace=False) on line 3, but ${ONLY_ON_LAYERS}.`],
    [
      'an activation after BatchNorm',
      sequential(CONV_1_8, 'BatchNorm2d(8, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)', 'ReLU()'),
      `Line 4: ReLU() follows BatchNorm2d(8, eps=0.001, momentum=0.01, affine=True, track_… on line 3, but ${ONLY_ON_LAYERS}.`,
    ],
    [
      'two activations in a row',
      sequential(CONV_1_8, 'ReLU()', 'Tanh()'),
      'Line 4: Tanh() follows another activation, ReLU() on line 3: the editor gives each Conv2d and Linear one activation.',
    ],
    [
      'a layer after Softmax',
      sequential(FLATTEN, LINEAR_784, 'Softmax(dim=1)', 'Dropout(p=0.5, inplace=False)'),
      'Line 5: Dropout(p=0.5, inplace=False) comes after Softmax(dim=1) on line 4, but Softmax must be the last module.',
    ],
    ['Softmax over the batch', sequential(FLATTEN, LINEAR_784, 'Softmax(dim=0)'), "Line 4: Softmax dim=0 is not supported: the editor's softmax runs over dim=1."],
    ["Softmax over an image's width", sequential(CONV_1_8, 'Softmax(dim=-1)'), "Line 3: Softmax dim=-1 is not supported: the editor's softmax runs over dim=1."],
  ])('activations: %s', (_name, text, message) => {
    expect(layersFromTorchPrintout(text)).toEqual({ ok: false, message });
  });

  it.each<[string, string, string]>([
    [
      'a first Conv2d for colour images',
      BOOK_PRINTOUT.replace('Conv2d(1, 32', 'Conv2d(3, 32'),
      'Line 2: Conv2d(3, 32, kernel_size=(3, 3), stride=(1, 1)) takes 3 input channels, but MNIST digits are 28×28×1: the first Conv2d needs in_channels=1.',
    ],
    [
      'a Conv2d on the wrong channels',
      BOOK_PRINTOUT.replace('Conv2d(64, 64', 'Conv2d(32, 64'),
      'Line 8: Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1)) takes 32 input channels, but the layers before it give 64.',
    ],
    [
      'a Linear on the wrong size',
      BOOK_PRINTOUT.replace('in_features=576', 'in_features=1600'),
      'Line 11: Linear(in_features=1600, out_features=64, bias=True) takes 1,600 features, but the layers before it give 576 features.',
    ],
    [
      'a Linear on an image',
      BOOK_PRINTOUT.replace('(8): Flatten(start_dim=1, end_dim=-1)\n', ''),
      'Line 10: Linear(in_features=576, out_features=64, bias=True) receives 64 channels of 3×3, not flat features: add Flatten() before it.',
    ],
    [
      'a BatchNorm2d on the wrong channels',
      sequential(CONV_1_8, 'BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'),
      'Line 3: BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_… takes 16 channels, but the layers before it give 8.',
    ],
    [
      'a BatchNorm2d on features',
      sequential(FLATTEN, 'BatchNorm2d(784, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'),
      'Line 3: BatchNorm2d(784, eps=1e-05, momentum=0.1, affine=True, track… receives 784 flat features: use BatchNorm1d.',
    ],
    [
      'a BatchNorm1d on an image',
      sequential(CONV_1_8, 'BatchNorm1d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'),
      'Line 3: BatchNorm1d(8, eps=1e-05, momentum=0.1, affine=True, track_r… receives 8 channels of 26×26: use BatchNorm2d.',
    ],
    [
      'a BatchNorm1d on the wrong size',
      sequential(FLATTEN, 'BatchNorm1d(10, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'),
      'Line 3: BatchNorm1d(10, eps=1e-05, momentum=0.1, affine=True, track_… takes 10 features, but the layers before it give 784.',
    ],
  ])('sizes that do not add up: %s', (_name, text, message) => {
    expect(layersFromTorchPrintout(text)).toEqual({ ok: false, message });
  });

  it('imports layers that do not fit for another reason, for the editor to explain', () => {
    const tooBig = sequential('Conv2d(1, 8, kernel_size=(3, 3))', 'MaxPool2d(kernel_size=28, stride=28)', 'Conv2d(8, 4, kernel_size=(3, 3))', FLATTEN, 'Linear(in_features=9, out_features=10, bias=True)');
    const result = layersFromTorchPrintout(tooBig);
    expect(result.ok && result.layers.length).toBe(5);
    expect(result.ok && analyzeModel(result.layers)).toMatchObject({ ok: false, layerIndex: 1 });
  });

  it.each<[string, string, string]>([
    ['a missing argument', sequential(FLATTEN, 'Linear(in_features=784)'), 'Line 3: Linear(in_features=784) has no out_features.'],
    ['a zero size', sequential('Conv2d(1, 8, kernel_size=(3, 0), stride=(1, 1))'), 'Line 2: Conv2d kernel_size=(3, 0) must be a positive integer or two, such as 3 or (3, 3).'],
    ['three sizes', sequential('Conv2d(1, 8, kernel_size=(3, 3, 3), stride=(1, 1))'), 'Line 2: Conv2d kernel_size=(3, 3, 3) must be a positive integer or two, such as 3 or (3, 3).'],
    ['a word for a size', sequential('Conv2d(1, 8, kernel_size=big)'), 'Line 2: Conv2d kernel_size=big must be a positive integer or two, such as 3 or (3, 3).'],
    ['a fraction of a channel', sequential('Conv2d(1, 2.5, kernel_size=(3, 3))'), 'Line 2: Conv2d out_channels=2.5 must be a positive integer.'],
    ['a number too big for a double', sequential('Conv2d(1, 1e309, kernel_size=(3, 3))'), 'Line 2: Conv2d out_channels=1e309 must be a positive integer.'],
    ['an unsafe integer', sequential('Conv2d(1, 9007199254740993, kernel_size=(3, 3))'), 'Line 2: Conv2d out_channels=9007199254740993 must be a positive integer.'],
    ['a list', sequential('Conv2d(1, 8, kernel_size=[3, 3])'), 'Line 2: Conv2d kernel_size=[3, 3] is not a value PyTorch prints.'],
    ['an unknown setting', sequential('Conv2d(1, 8, kernel_size=(3, 3), output_padding=(1, 1))'), 'Line 2: Conv2d output_padding=(1, 1) is not a setting of Conv2d the editor reads.'],
    ['a setting twice', sequential('Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), stride=(2, 2))'), 'Line 2: Conv2d gives stride twice.'],
    ['too many arguments', sequential('Linear(784, 10, True, 5)'), 'Line 2: Linear(784, 10, True, 5) has more arguments than Linear(in_features, out_features, bias).'],
    ['an argument after a keyword', sequential('Conv2d(1, kernel_size=(3, 3), 8)'), 'Line 2: Conv2d 8 comes after a name=value argument.'],
    ['arguments to a module without any', sequential(CONV_1_8, 'Sigmoid(1)'), 'Line 3: Sigmoid(1) has more arguments than Sigmoid().'],
    ['unbalanced parentheses', sequential('Conv2d(1, 8, kernel_size=(3, 3)'), 'Line 2: Conv2d(1, 8, kernel_size=(3, 3) has unbalanced parentheses.'],
    ['an empty argument', sequential('Conv2d(1, , kernel_size=(3, 3))'), 'Line 2: Conv2d out_channels= is not a value PyTorch prints.'],
  ])('arguments: %s', (_name, text, message) => {
    expect(layersFromTorchPrintout(text)).toEqual({ ok: false, message });
  });

  it(`takes at most ${MAX_LAYERS} layers, activations not counted`, () => {
    const dropouts = (count: number) => Array.from({ length: count }, () => 'Dropout(p=0.5, inplace=False)');
    const atLimit = sequential(CONV_1_8, 'ReLU()', ...dropouts(MAX_LAYERS - 1));
    expect(layersFromTorchPrintout(atLimit)).toMatchObject({ ok: true, layers: { length: MAX_LAYERS } });
    expect(layersFromTorchPrintout(sequential(CONV_1_8, 'ReLU()', ...dropouts(MAX_LAYERS)))).toEqual({
      ok: false,
      message: `Line ${MAX_LAYERS + 3}: Dropout(p=0.5, inplace=False) is layer ${MAX_LAYERS + 1}; the editor takes at most ${MAX_LAYERS} layers.`,
    });
  });

  it(`reads Sequential blocks nested ${MAX_NESTING} deep, and no deeper`, () => {
    const nested = (depth: number) => `${'Sequential(\n'.repeat(depth)}${CONV_1_8}\n${')\n'.repeat(depth)}`;
    expect(layersFromTorchPrintout(nested(MAX_NESTING))).toEqual({ ok: true, layers: [conv({})], notes: [] });
    expect(layersFromTorchPrintout(nested(MAX_NESTING + 1))).toEqual({
      ok: false,
      message: `Line ${MAX_NESTING + 1}: this Sequential( is nested ${MAX_NESTING + 1} deep; the editor reads blocks nested at most ${MAX_NESTING} deep.`,
    });
  });
});

/** What print(model) shows in PyTorch for the nn.Sequential that builds these layers on MNIST, activations as modules. */
function printAsTorch(layers: readonly LayerSpec[]): string {
  const rows = analyzePrefix(layers);
  const tuple = ([a, b]: Pair) => `(${a}, ${b})`;
  // PyTorch prints a pooling window as it was given: 2 for nn.MaxPool2d(2).
  const size = (pair: Pair) => (pair[0] === pair[1] ? String(pair[0]) : tuple(pair));
  const half = ([a, b]: Pair): Pair => [(a - 1) / 2, (b - 1) / 2];
  const activations: Record<Activation, string | null> = { relu: 'ReLU()', sigmoid: 'Sigmoid()', tanh: 'Tanh()', softmax: 'Softmax(dim=1)', linear: null };
  const modules = layers.flatMap((layer, i): (string | null)[] => {
    const input = i === 0 ? MNIST_INPUT_SHAPE : (rows[i - 1]?.outputShape ?? []);
    switch (layer.type) {
      case 'Conv2D': {
        const odd = layer.kernelSize.every((k) => k % 2 === 1);
        const padding = layer.padding === 'valid' ? '' : odd ? `, padding=${tuple(half(layer.kernelSize))}` : ', padding=same';
        return [`Conv2d(${input.at(-1)}, ${layer.filters}, kernel_size=${tuple(layer.kernelSize)}, stride=${tuple(layer.strides)}${padding})`, activations[layer.activation]];
      }
      case 'MaxPooling2D': {
        const padding = layer.padding === 'valid' ? '0' : size(half(layer.poolSize));
        return [`MaxPool2d(kernel_size=${size(layer.poolSize)}, stride=${size(layer.strides ?? layer.poolSize)}, padding=${padding}, dilation=1, ceil_mode=False)`];
      }
      case 'AveragePooling2D':
        return [`AvgPool2d(kernel_size=${size(layer.poolSize)}, stride=${size(layer.strides ?? layer.poolSize)}, padding=0)`];
      case 'Flatten':
        return [FLATTEN];
      case 'Dense':
        return [`Linear(in_features=${input[0]}, out_features=${layer.units}, bias=True)`, activations[layer.activation]];
      case 'Dropout':
        return [`Dropout(p=${Number.isInteger(layer.rate) ? layer.rate.toFixed(1) : layer.rate}, inplace=False)`];
      case 'BatchNormalization':
        return [`BatchNorm${input.length === 3 ? '2d' : '1d'}(${input.at(-1)}, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)`];
    }
  });
  return sequential(...modules.filter((module) => module !== null));
}

describe('layersFromTorchPrintout on printouts of random models', () => {
  const hidden: readonly Activation[] = ['relu', 'sigmoid', 'tanh', 'linear'];
  /** Convolutions PyTorch can pad as Keras does: 'same' at stride 1 only. */
  const torchConv: LayerDraw = (draw) => {
    const padding = draw.padding();
    const strides = padding === 'same' ? ([1, 1] as const) : draw.pair(3);
    return { type: 'Conv2D', filters: draw.int(1, 8), kernelSize: draw.pair(5), strides, padding, activation: draw.pick(hidden) };
  };
  /** Pooling as PyTorch can pad it: 'same' only for max pooling with an odd window at stride 1. */
  const torchPooling: LayerDraw = (draw) => {
    const isSame = draw.chance(0.3);
    const type = isSame ? 'MaxPooling2D' : draw.pick(['MaxPooling2D', 'AveragePooling2D'] as const);
    const poolSize: Pair = isSame ? [draw.pick([1, 3, 5]), draw.pick([1, 3, 5])] : draw.pair(3);
    const strides: Pair | null = isSame ? [1, 1] : draw.chance(0.4) ? null : draw.pair(3);
    const isPoolStride = strides !== null && strides[0] === poolSize[0] && strides[1] === poolSize[1];
    return { type, poolSize, strides: isPoolStride ? null : strides, padding: isSame ? 'same' : 'valid' };
  };
  const recipe: readonly RecipeStep[] = [
    { repeat: [0, 7], from: [torchConv, torchPooling, randomDropout, randomBatchNorm] },
    { type: 'Flatten' },
    { repeat: [0, 3], from: [randomDense({ maxUnits: 16, activations: hidden }), randomDropout, randomBatchNorm] },
    { type: 'Dense', units: 10, activation: 'softmax' },
  ];
  const random = createRandom(18_05);
  const models = Array.from({ length: 40 }, () => randomLayers(random, recipe));

  it('draws models of every kind of layer and padding', () => {
    const drawn = models.flat();
    for (const type of ['Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'Dense', 'Dropout', 'BatchNormalization']) {
      expect(drawn.some((layer) => layer.type === type)).toBe(true);
    }
    expect(drawn.some((layer) => layer.type === 'Conv2D' && layer.padding === 'same')).toBe(true);
    expect(drawn.some((layer) => layer.type === 'MaxPooling2D' && layer.padding === 'same')).toBe(true);
  });

  it.each(models.map((layers, i) => [i, layers] as const))('gives back random model #%i, noting each BatchNorm', (_i, layers) => {
    const result = layersFromTorchPrintout(printAsTorch(layers));
    expect(result).toMatchObject({ ok: true, layers });
    expect(result.ok && result.notes.length).toBe(layers.filter((layer) => layer.type === 'BatchNormalization').length);
  });
});

describe('layersFromTorchPrintout on hostile text', () => {
  const tooLong = (length: number) =>
    `The text has ${length.toLocaleString('en-US')} characters; the printout of a model the editor can take (at most ${MAX_LAYERS} layers) has under ${MAX_PRINTOUT_CHARS.toLocaleString('en-US')}.`;
  const deep = 'Sequential(\n'.repeat(50_000);
  const tenThousandLayers = sequential(...Array.from({ length: 10_000 }, () => 'Dropout(p=0.5, inplace=False)'));
  it.each<[string, unknown, string]>([
    ['1 MB of text', 'x'.repeat(1_000_000), tooLong(1_000_000)],
    ['1 MB of printouts', BOOK_PRINTOUT.repeat(Math.ceil(1_000_000 / BOOK_PRINTOUT.length)), tooLong(BOOK_PRINTOUT.length * Math.ceil(1_000_000 / BOOK_PRINTOUT.length))],
    ['10,000 layers', tenThousandLayers, tooLong(tenThousandLayers.length)],
    ['50,000 nested blocks', deep, tooLong(deep.length)],
    ['nested blocks under the size limit', 'Sequential(\n'.repeat(8_000), `Line ${MAX_NESTING + 1}: this Sequential( is nested ${MAX_NESTING + 1} deep; the editor reads blocks nested at most ${MAX_NESTING} deep.`],
    [
      '99,000 nested parentheses on one line',
      `Sequential(\n  (0): ${'Conv2d('.repeat(11_000)}${')'.repeat(11_000)}\n)`,
      `Line 2 ("(0): Conv2d(Conv2d(Conv2d(Conv2d(Conv2d(…") has ${(11_000 * 8 + 5).toLocaleString('en-US')} characters; a printout's lines have at most 500.`,
    ],
    ['a number, not text', 42, `The text is empty: ${PASTE}.`],
    ['control characters', '\u0000Sequential(\u0007', `Line 1: "\\u0000Sequential(\\u0007" is not a PyTorch printout: ${PASTE}.`],
    [
      'a right-to-left override in a module',
      sequential(CONV_1_8, 'ReLU\u202e()'),
      'Line 3: "(1): ReLU\\u202e()" is not a line of a printout: expected a module such as (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1)), or a closing ).',
    ],
    ['an emoji in a value', sequential('Conv2d(1, 8, kernel_size=\u{1f600})'), 'Line 2: Conv2d kernel_size=\\ud83d\\ude00 is not a value PyTorch prints.'],
    ['a zero-width space in a name', sequential('Con\u200bv2d(1, 8, kernel_size=(3, 3))'), 'Line 2: "(0): Con\\u200bv2d(1, 8, kernel_size=(3, 3))" is not a line of a printout: expected a module such as (0): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1)), or a closing ).'],
    ['__proto__ as a module', sequential('__proto__()'), `Line 2: __proto__() is not supported: the editor has ${SUPPORTED_MODULES}.`],
    ['constructor as a module', sequential('constructor(1)'), `Line 2: constructor(1) is not supported: the editor has ${SUPPORTED_MODULES}.`],
    ['__proto__ as a setting', sequential('Conv2d(1, 8, kernel_size=(3, 3), __proto__=1)'), 'Line 2: Conv2d __proto__=1 is not a setting of Conv2d the editor reads.'],
    ['a replacement pattern', sequential("GELU(approximate='$&$`')"), `Line 2: GELU(approximate='$&$\`') is not supported: the editor has ${SUPPORTED_MODULES}.`],
  ])('%s', (_name, text, message) => {
    const started = performance.now();
    expect(layersFromTorchPrintout(text as string)).toEqual({ ok: false, message });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('answers within a second for the longest lines at the size limit', () => {
    const line = `  (0): Conv2d(${'1, '.repeat(160)})`;
    const text = `Sequential(\n${`${line}\n`.repeat(Math.floor((MAX_PRINTOUT_CHARS - 20) / (line.length + 1)))})`;
    const started = performance.now();
    expect(layersFromTorchPrintout(text)).toMatchObject({ ok: false, message: expect.stringMatching(/^Line 2: Conv2d\(1, 1, .* has more arguments than Conv2d\(/) });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('neither throws nor answers at length on 3,000 seeded corruptions of the printout', () => {
    const random = createRandom(2_018);
    const junk = ['(', ')', ',', '=', ':', '\n', ' ', '0', '-1', 'None', 'True', '(3, 3)', 'Sequential(', ')\n)', '\u0000', '\u202e', '\ud800', 'ReLU()', 'x'];
    const int = (n: number) => Math.floor(random() * n);
    let imported = 0;
    for (let run = 0; run < 3_000; run++) {
      let text = BOOK_PRINTOUT;
      for (let edits = 1 + int(4); edits > 0; edits--) {
        const at = int(text.length);
        const cut = int(3) === 0 ? int(8) : 0;
        text = `${text.slice(0, at)}${int(2) === 0 ? (junk[int(junk.length)] ?? '') : ''}${text.slice(at + cut)}`;
      }
      const result = layersFromTorchPrintout(text);
      if (result.ok) {
        imported++;
        expect(analyzeModel(result.layers)).toBeDefined();
      } else {
        expect(result.message).toMatch(/^(Line \d+[: ]|The ).{10,400}$/s);
      }
    }
    // Some corruptions leave a valid printout (a space added): both paths run.
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(3_000);
  });
});
