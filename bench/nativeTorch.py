"""The chapter-5 convnet trained by native PyTorch, for npm run bench (bench/nativeTorch.ts runs it).

Same model as the page's default (Keras' Conv2D(32)-MaxPool-Conv2D(64)-MaxPool-Conv2D(64)-Flatten-Dense(64)-Dense(10)),
batch 64, RMSprop with Keras' defaults (rho 0.9, epsilon 1e-7), the thread count asked for, the loss and accuracy read
back every step as the page's worker reads them. Prints one JSON line: samples/s of each timed window and their median.
"""
import json
import statistics
import sys
import time

import torch
from torch import nn

threads, batch, steps, windows = (int(arg) for arg in sys.argv[1:5])
torch.set_num_threads(threads)
torch.manual_seed(1)

model = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(64, 64, 3), nn.ReLU(),
    nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10),
)
optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
loss_fn = nn.CrossEntropyLoss()  # softmax + categorical cross-entropy, as the Keras model's last layer and loss
images = torch.rand(steps * batch, 1, 28, 28)
labels = torch.randint(0, 10, (steps * batch,))


def train(count):
    for step in range(count):
        at = (step % steps) * batch
        xs, ys = images[at:at + batch], labels[at:at + batch]
        optimizer.zero_grad()
        out = model(xs)
        loss = loss_fn(out, ys)
        loss.backward()
        optimizer.step()
        loss.item(), (out.argmax(1) == ys).float().mean().item()


train(30)  # warm-up: allocation, oneDNN's kernel selection (the first window ran slow after 10)
speeds = []
for _ in range(windows):
    started = time.perf_counter()
    train(steps)
    speeds.append(steps * batch / (time.perf_counter() - started))
print(json.dumps({
    "torch": torch.__version__, "threads": torch.get_num_threads(), "batch": batch,
    "samplesPerSecond": speeds, "median": statistics.median(speeds),
}))
