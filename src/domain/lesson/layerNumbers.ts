/**
 * Where each layer's output shape and parameter count come from, in words a learner can check by hand
 * (26 = 28 − 3 + 1; 320 = 3·3·1·32 + 32). Plain arithmetic over the layer specs and the shapes the page infers.
 */
import type { LayerRow } from '../analysis.ts';
import type { LayerSpec, Pair, Shape } from '../modelSpec.ts';
import { formatCount } from '../format.ts';

/** 'valid' padding: out = floor((in − k) / stride) + 1; 'same': out = ceil(in / stride), as Keras computes them. */
function sideSentence(input: number, output: number, kernel: number, stride: number, padding: 'valid' | 'same'): string {
  if (padding === 'same') return stride === 1 ? `${output} = ${input} (same padding keeps the size)` : `${output} = ⌈${input} ÷ ${stride}⌉`;
  if (stride === 1) return `${output} = ${input} − ${kernel} + 1`;
  return `${output} = ⌊(${input} − ${kernel}) ÷ ${stride}⌋ + 1`;
}

function sidesSentence(input: Shape, output: Shape, kernel: Pair, strides: Pair, padding: 'valid' | 'same'): string {
  const height = sideSentence(input[0] ?? 0, output[0] ?? 0, kernel[0], strides[0], padding);
  const width = sideSentence(input[1] ?? 0, output[1] ?? 0, kernel[1], strides[1], padding);
  return height === width ? height : `${height} high, ${width} wide`;
}

/** One sentence for one layer: its output shape and its parameters, with the sums that give them. */
export function explainLayerNumbers(layer: LayerSpec, input: Shape, row: LayerRow): string {
  const shape = `(${row.outputShape.join(', ')})`;
  const channels = input[input.length - 1] ?? 1;
  switch (layer.type) {
    case 'Conv2D': {
      const [kh, kw] = layer.kernelSize;
      const sides = sidesSentence(input, row.outputShape, layer.kernelSize, layer.strides, layer.padding);
      return `${row.name} → ${shape}: ${sides}, the places a ${kh}×${kw} window fits; ${formatCount(row.params)} = ${kh}·${kw}·${channels}·${layer.filters} + ${layer.filters}: each of ${layer.filters} filters has a weight per pixel of the window in each of the ${channels} input channel${channels === 1 ? '' : 's'}, plus a bias.`;
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const stride = layer.strides ?? layer.poolSize;
      const sides = sidesSentence(input, row.outputShape, layer.poolSize, stride, layer.padding);
      const what = layer.type === 'MaxPooling2D' ? 'keeps the largest value' : 'averages the values';
      return `${row.name} → ${shape}: ${sides}; it ${what} of each ${layer.poolSize[0]}×${layer.poolSize[1]} window and learns nothing, so 0 parameters.`;
    }
    case 'Flatten':
      return `${row.name} → ${shape}: ${formatCount(row.outputShape[0] ?? 0)} = ${input.join('·')}, the same numbers in one row; 0 parameters.`;
    case 'Dense': {
      const inputs = input[0] ?? 0;
      return `${row.name} → ${shape}: ${formatCount(row.params)} = ${formatCount(inputs)}·${layer.units} + ${layer.units}: a weight from every input to each of ${layer.units} units, plus a bias each.`;
    }
    case 'Dropout':
      return `${row.name} → ${shape}: the shape passes through; during training it zeroes a random ${Math.round(layer.rate * 100)}% of the values; 0 parameters.`;
    case 'BatchNormalization':
      return `${row.name} → ${shape}: ${formatCount(row.params)} = 4·${channels}: a scale, an offset, a mean and a variance per channel (the last two not trained).`;
  }
}

/** A sentence per layer that can be built, in stack order. */
export function explainStack(layers: readonly LayerSpec[], rows: readonly LayerRow[], inputShape: Shape): string[] {
  const sentences: string[] = [];
  let input = inputShape;
  rows.forEach((row, i) => {
    const layer = layers[i];
    if (!layer) return;
    sentences.push(explainLayerNumbers(layer, input, row));
    input = row.outputShape;
  });
  return sentences;
}
