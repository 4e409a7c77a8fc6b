/**
 * The fixed Python of the PyTorch export: helper modules for Keras behaviour torch.nn lacks, and Keras' summary
 * counts, loss, fit and evaluate. Each is a top-level block of the script, written once.
 */
import { FASHION_CLASS_NAMES } from '../datasets.ts';
import type { PytorchHelper } from './pytorchLayers.ts';

/** The script's imports; a folder of images also needs os and torchvision's transforms. */
export function pythonImports(imageFolder: boolean): string {
  return `import math
${imageFolder ? 'import os\n' : ''}import time
from collections import OrderedDict

import torch
from torch import nn
from torchvision import datasets${imageFolder ? ', transforms' : ''}

DEVICE = torch.device('cuda' if torch.cuda.is_available() else 'cpu')`;
}

export const LOAD_MNIST = `def load_mnist(train):
    """Half of MNIST as Keras' mnist.load_data() gives it, channels first: images (N, 1, 28, 28) scaled to [0, 1]
    and labels 0-9. Downloads it into ./data the first time."""
    mnist = datasets.MNIST('data', train=train, download=True)
    return mnist.data.unsqueeze(1).float().div(255).to(DEVICE), mnist.targets.to(DEVICE)`;

export const LOAD_FASHION_MNIST = `def load_fashion_mnist(train):
    """Half of Fashion-MNIST as Keras' fashion_mnist.load_data() gives it, channels first: images (N, 1, 28, 28) scaled
    to [0, 1] and labels 0-9: ${FASHION_CLASS_NAMES.join(', ')}.
    Downloads it into ./data the first time."""
    fashion = datasets.FashionMNIST('data', train=train, download=True)
    return fashion.data.unsqueeze(1).float().div(255).to(DEVICE), fashion.targets.to(DEVICE)`;

export const HELPER_MODULES: Readonly<Record<PytorchHelper, string>> = {
  FlattenChannelsLast: `class FlattenChannelsLast(nn.Module):
    """Keras' Flatten: flattens (N, C, H, W) in Keras' channels-last (H, W, C) order, so that the features reach the
    next layer in the order Keras gives them."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1).flatten(1)`,
  LinearOnChannels: `class LinearOnChannels(nn.Module):
    """Keras' Dense on an image: one Linear layer applied to the channels of every pixel (moved last and back)."""

    def __init__(self, in_features, out_features):
        super().__init__()
        self.linear = nn.Linear(in_features, out_features)

    def forward(self, x):
        return self.linear(x.movedim(1, -1)).movedim(-1, 1)`,
  AvgPool2dSame: `class AvgPool2dSame(nn.Module):
    """TensorFlow's average pooling with padding='same' where the padding is uneven (the extra pixel at the bottom or
    right): the padded pixels are left out of each average, as TensorFlow leaves them out."""

    def __init__(self, kernel_size, stride, padding):
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding

    def forward(self, x):
        # The mean over each window of the zero-padded input, divided by the share of the window that is not padding.
        pooled = nn.functional.avg_pool2d(nn.functional.pad(x, self.padding), self.kernel_size, self.stride)
        inside = nn.functional.pad(torch.ones_like(x[:1, :1]), self.padding)
        return pooled / nn.functional.avg_pool2d(inside, self.kernel_size, self.stride)`,
};

export const INIT_LIKE_KERAS = `def init_like_keras(module):
    """Keras' default initialisers, where PyTorch's differ: Glorot-uniform weights and zero biases."""
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(module.weight)
        nn.init.zeros_(module.bias)`;

export const COUNT_PARAMS = `def count_params(model):
    """(trainable, non-trainable) parameters as Keras counts them: BatchNorm's running mean and variance, buffers in
    PyTorch, are Keras' non-trainable parameters."""
    trainable = sum(p.numel() for p in model.parameters())
    batch_norms = [m for m in model.modules() if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d))]
    return trainable, sum(m.running_mean.numel() + m.running_var.numel() for m in batch_norms)`;

export const PRINT_SUMMARY = `print(model)
trainable, non_trainable = count_params(model)
print(f'Total params: {trainable + non_trainable:,}')
print(f'Trainable params: {trainable:,}')
print(f'Non-trainable params: {non_trainable:,}')`;

export const LOSS = `def keras_categorical_crossentropy(probabilities, labels):
    """Keras' categorical_crossentropy, which the playground trains with. The model keeps the Keras model's last
    activation (softmax), so its outputs are probabilities and its layers, output and parameter count are Keras' own;
    the loss is therefore NLLLoss on their log, scaled to sum to 1 and clipped at 1e-7 as Keras does, and not
    CrossEntropyLoss, which expects logits and would apply softmax a second time."""
    probabilities = probabilities / probabilities.sum(dim=1, keepdim=True)
    return nn.functional.nll_loss(probabilities.clamp(1e-7, 1 - 1e-7).log(), labels)`;

export const TRAIN_STEP = `def train_step(model, optimizer, images, labels):
    """One batch of Keras' fit: returns the batch's mean loss and how many images it got right."""
    probabilities = model(images)
    loss = keras_categorical_crossentropy(probabilities, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item(), (probabilities.argmax(dim=1) == labels).sum().item()`;

export const EVALUATE = `def evaluate(model, data_set, batch_size=32):
    """Keras' evaluate: mean loss and accuracy, in batches, with Dropout off and BatchNorm on its running statistics."""
    images, labels = data_set
    model.eval()
    loss_sum, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(images), batch_size):
            probabilities = model(images[start:start + batch_size])
            batch_labels = labels[start:start + batch_size]
            loss_sum += keras_categorical_crossentropy(probabilities, batch_labels).item() * len(batch_labels)
            correct += (probabilities.argmax(dim=1) == batch_labels).sum().item()
    return loss_sum / len(images), correct / len(images)`;

export const FIT = `def fit(model, optimizer, fit_set, validation_set, epochs, batch_size):
    """Keras' fit: every epoch shuffles the images, trains on batches of batch_size (the last one may be smaller) and
    prints the epoch's mean loss and accuracy, then the validation set's, as Keras' fit(verbose=2) does."""
    images, labels = fit_set
    steps = math.ceil(len(images) / batch_size)
    for epoch in range(1, epochs + 1):
        print(f'Epoch {epoch}/{epochs}')
        started = time.time()
        model.train()
        loss_sum, correct = 0.0, 0
        order = torch.randperm(len(images), device=images.device)
        for start in range(0, len(images), batch_size):
            batch = order[start:start + batch_size]
            loss, batch_correct = train_step(model, optimizer, images[batch], labels[batch])
            loss_sum += loss * len(batch)
            correct += batch_correct
        logs = f'loss: {loss_sum / len(images):.4f} - accuracy: {correct / len(images):.4f}'
        if validation_set is not None:
            val_loss, val_accuracy = evaluate(model, validation_set, batch_size)
            logs += f' - val_loss: {val_loss:.4f} - val_accuracy: {val_accuracy:.4f}'
        print(f'{steps}/{steps} - {time.time() - started:.0f}s - {logs}')`;
