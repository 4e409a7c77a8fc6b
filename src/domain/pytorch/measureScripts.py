"""Measures exported PyTorch scripts and notebooks for exportPytorch.oracle.test.ts, in one process (importing torch
takes seconds).

Reads a JSON list of {"path", "layers"} (optionally "inputShape" [H, W, C], "classes" and "runMain": false; or
{"path", "notebook": true}) from the file named by argv[1] and
prints a JSON list of facts: each layer's name and output shape (channels first, as torch gives them), the script's
own parameter counts and torch's, the losses of two training steps, how far each 'same'-padded window layer, Flatten
and Dense on an image is from a direct transcription of Keras' definition, and what main() (or a notebook's cells)
print on fake MNIST (or Fashion-MNIST) images. The test judges; this only measures.
"""
import contextlib
import importlib.util
import io
import json
import sys
import traceback
import types

import torch
from torch import nn


class FakeMNIST:
    """torchvision's datasets.MNIST with random images (120 to train, 50 to test), so that nothing is downloaded."""

    def __init__(self, root, train, download):
        count = 120 if train else 50
        self.data = torch.randint(0, 256, (count, 28, 28), dtype=torch.uint8)
        self.targets = torch.randint(0, 10, (count,))


class FakeImageFolder:
    """Stands in for ImageFolder, which the image-folder scripts subclass at import: measure() does not run their
    main() (exportPytorchImages.oracle.test.ts runs it on real images with the real torchvision)."""


# Installed even where torchvision is: the scripts and notebooks import this one instead.
fake_torchvision = types.ModuleType('torchvision')
fake_torchvision.datasets = types.ModuleType('torchvision.datasets')
fake_torchvision.datasets.MNIST = FakeMNIST
fake_torchvision.datasets.FashionMNIST = FakeMNIST
fake_torchvision.datasets.ImageFolder = FakeImageFolder
fake_torchvision.transforms = types.ModuleType('torchvision.transforms')
sys.modules['torchvision'] = fake_torchvision
sys.modules['torchvision.datasets'] = fake_torchvision.datasets
sys.modules['torchvision.transforms'] = fake_torchvision.transforms

ACTIVATIONS = {
    'relu': torch.relu,
    'sigmoid': torch.sigmoid,
    'tanh': torch.tanh,
    'softmax': lambda x: torch.softmax(x, dim=1),
    'linear': lambda x: x,
}


def tf_same_window(size, window, stride):
    """TensorFlow's padding='same': ceil(size / stride) outputs, padding split with the odd pixel after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + window - size, 0)
    return out, total // 2


def windows(x, window, strides, padding):
    """Each output position's window of x, clipped to the input: TensorFlow's 'same' padding adds nothing of its own
    to a max (its padding is -inf), an average (it leaves padding out) or a convolution (its padding is zero)."""
    height, width = x.shape[2], x.shape[3]
    if padding == 'same':
        rows, top = tf_same_window(height, window[0], strides[0])
        columns, left = tf_same_window(width, window[1], strides[1])
    else:
        rows, top = (height - window[0]) // strides[0] + 1, 0
        columns, left = (width - window[1]) // strides[1] + 1, 0
    for i in range(rows):
        r0 = i * strides[0] - top
        for j in range(columns):
            c0 = j * strides[1] - left
            rs, cs = max(r0, 0), max(c0, 0)
            yield i, j, x[:, :, rs:r0 + window[0], cs:c0 + window[1]], rs - r0, cs - c0


def reference(layer, module, x):
    """The Keras layer computed from its definition, or None for layers the check leaves to the shape comparison."""
    kind = layer['type']
    if kind in ('MaxPooling2D', 'AveragePooling2D') and layer['padding'] == 'same':
        strides = layer['strides'] or layer['poolSize']
        out = {}
        for i, j, patch, _, _ in windows(x, layer['poolSize'], strides, 'same'):
            out[i, j] = patch.amax(dim=(2, 3)) if kind == 'MaxPooling2D' else patch.mean(dim=(2, 3))
        return assemble(out)
    if kind == 'Conv2D' and layer['padding'] == 'same':
        conv = next(m for m in module.modules() if isinstance(m, nn.Conv2d))
        out = {}
        for i, j, patch, dr, dc in windows(x, layer['kernelSize'], layer['strides'], 'same'):
            weight = conv.weight[:, :, dr:dr + patch.shape[2], dc:dc + patch.shape[3]]
            out[i, j] = torch.einsum('nchw,ochw->no', patch, weight) + conv.bias
        return ACTIVATIONS[layer['activation']](assemble(out))
    if kind == 'Flatten':
        # Keras flattens channels last: pixel by pixel, row by row, each pixel's channels together.
        return torch.cat([x[:, :, i, j] for i in range(x.shape[2]) for j in range(x.shape[3])], dim=1)
    if kind == 'Dense' and x.dim() == 4:
        linear = next(m for m in module.modules() if isinstance(m, nn.Linear))
        y = torch.einsum('nchw,oc->nohw', x, linear.weight) + linear.bias[None, :, None, None]
        return ACTIVATIONS[layer['activation']](y)
    return None


def assemble(out):
    rows = 1 + max(i for i, _ in out)
    columns = 1 + max(j for _, j in out)
    return torch.stack([torch.stack([out[i, j] for j in range(columns)], dim=-1) for i in range(rows)], dim=-2)


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(index, case):
    script = load(case['path'], f'exported_{index}')
    model = script.build_model()
    model.eval()
    height, width, channels = case.get('inputShape', [28, 28, 1])
    classes = case.get('classes', 10)
    x = torch.rand(2, channels, height, width) * 2 - 1
    shapes, reference_errors = [], []
    with torch.no_grad():
        for layer, (name, module) in zip(case['layers'], model.named_children()):
            y = module(x)
            expected = reference(layer, module, x)
            if expected is not None:
                error = (y - expected).abs().max().item() if y.shape == expected.shape else None
                reference_errors.append({'layer': name, 'maxError': error})
            shapes.append({'name': name, 'shape': list(y.shape[1:])})
            x = y
    trainable, non_trainable = script.count_params(model)
    buffers = sum(b.numel() for n, b in model.named_buffers() if not n.endswith('num_batches_tracked'))
    optimizer = script.create_optimizer(model)
    model.train()
    before = [p.detach().clone() for p in model.parameters()]
    images, labels = torch.rand(8, channels, height, width), torch.randint(0, classes, (8,))
    losses = [script.train_step(model, optimizer, images, labels)[0] for _ in range(2)]
    changed = any(not torch.equal(a, b) for a, b in zip(before, model.parameters()))
    fact = {
        'shapes': shapes,
        'countParams': [trainable, non_trainable],
        'torchParams': sum(p.numel() for p in model.parameters()) + buffers,
        'optimizer': type(optimizer).__name__,
        'optimizerDefaults': {k: v for k, v in optimizer.defaults.items() if isinstance(v, (int, float, tuple, bool))},
        'losses': losses,
        'weightsChanged': changed,
        'referenceErrors': reference_errors,
    }
    if case.get('runMain', True):
        printout = io.StringIO()
        with contextlib.redirect_stdout(printout):
            script.main()
        fact['mainPrintout'] = printout.getvalue()
    return fact


def run_notebook(path):
    """The notebook's code cells in order in one namespace, as a kernel runs them; returns what they print."""
    with open(path) as file:
        notebook = json.load(file)
    namespace = {'__name__': '__main__'}
    printout = io.StringIO()
    with contextlib.redirect_stdout(printout):
        for cell in notebook['cells']:
            if cell['cell_type'] == 'code':
                exec(compile(''.join(cell['source']), f"{path} cell {cell['id']}", 'exec'), namespace)
    return {'mainPrintout': printout.getvalue()}


def main():
    torch.manual_seed(0)
    with open(sys.argv[1]) as manifest:
        cases = json.load(manifest)
    facts = []
    for index, case in enumerate(cases):
        try:
            facts.append(run_notebook(case['path']) if case.get('notebook') else measure(index, case))
        except Exception:
            facts.append({'error': traceback.format_exc()})
    json.dump(facts, sys.stdout)


if __name__ == '__main__':
    main()
