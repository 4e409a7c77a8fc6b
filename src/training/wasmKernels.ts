/**
 * The gradient kernels that let tfjs's wasm backend train a convnet. tfjs 4.22 ships wasm without
 * Conv2DBackpropFilter, with a Conv2DBackpropInput that loops naively (10× slower than the forward conv), and with a
 * MaxPoolGrad that is wrong when a window holds only negative values. Both convolution gradients are rewritten as
 * forward convolutions, so they run on XNNPACK's fast (SIMD, threaded) Conv2D; max-pool's gradient is an exact loop
 * over the wasm heap that routes each gradient to the window's first maximum, as the cpu backend does.
 * Our SIMD wasm kernels take MaxPoolGrad, bias-gradient sums and relu's gradient (kernels/simdKernels.ts), and Conv2D
 * and both its gradients as GEMMs (kernels/convGemm.ts) where they load; the JavaScript and tfjs paths here remain
 * their fallback. A Conv2D + bias + relu training pass is one kernel (kernels/fusedConv.ts), and a clone shares data.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdConv2D, simdConv2DBackpropFilterGemm, simdConv2DBackpropInput } from './kernels/convGemm.ts';
import { FUSED_CONV_KERNEL, fusedConvKernel, registerFusedConvGradient, reluBiasGradKernel, RELU_BIAS_GRAD_KERNEL, simdFusedConv2D } from './kernels/fusedConv.ts';
import { rmsPropStepKernel, RMSPROP_STEP_KERNEL } from './kernels/rmsPropStep.ts';
import { registerReluGradient, reluGrad, RELU_GRAD_KERNEL, simdBatchMatMul, simdConv2dBackpropFilter, simdMaxPool, simdMaxPoolGrad, simdSum, type KernelArgs } from './kernels/simdKernels.ts';

type Info = tf.TensorInfo;
type Attrs = Record<string, unknown>;
/** The attributes every windowed kernel here takes (convolutions and pooling), as tfjs passes them. */
type WindowAttrs = { strides: [number, number] | number; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
type Padding4 = [[number, number], [number, number], [number, number], [number, number]];

/** Calls one of wasm's own kernels directly, so the intermediates stay backend data that this file disposes. */
function runKernel(name: string, backend: BackendWasm, inputs: Record<string, Info>, attrs: Attrs = {}): Info {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  return kernel.kernelFunc({ inputs, backend, attrs } as never) as Info;
}

const transpose = (backend: BackendWasm, x: Info, perm: number[]) => runKernel('Transpose', backend, { x }, { perm });
const slice = (backend: BackendWasm, x: Info, begin: number[], size: number[]) => runKernel('Slice', backend, { x }, { begin, size });
const reshape = (backend: BackendWasm, x: Info, shape: number[]) => runKernel('Reshape', backend, { x }, { shape });

function conv(backend: BackendWasm, x: Info, filter: Info, dilations: [number, number], pad: Padding4): Info {
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations, dimRoundingMode: undefined };
  return runKernel('Conv2D', backend, { x, filter }, attrs);
}

function disposeAll(backend: BackendWasm, ...infos: Info[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/**
 * dW[kh,kw,ci,co] = Σ x[b, oh·s+kh−pt, ow·s+kw−pl, ci] · dy[b,oh,ow,co]: a forward convolution of x with the batch as
 * channels (x as [ci, H, W, B]) by dy as the filter ([OH, OW, B, co]), dilated by the stride.
 */
function conv2dBackpropFilter({ inputs, backend, attrs }: { inputs: Record<string, Info>; backend: BackendWasm; attrs: Attrs }): Info {
  const ours = simdConv2dBackpropFilter({ inputs, backend, attrs }) ?? simdConv2DBackpropFilterGemm({ inputs, backend, attrs });
  if (ours) return ours;
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { strides, pad, dimRoundingMode, filterShape } = attrs as WindowAttrs & { filterShape: [number, number, number, number] };
  const info = tf.backend_util.computeConv2DInfo(x.shape as never, filterShape, strides, 1, pad, dimRoundingMode);
  const { strideHeight, strideWidth, filterHeight, filterWidth, outHeight, outWidth, inHeight, inWidth } = info;
  const { top, left } = info.padInfo;
  // Pad only as far as the forward pass read, so the result is at least filterHeight × filterWidth.
  const bottom = Math.max(0, (outHeight - 1) * strideHeight + filterHeight - inHeight - top);
  const right = Math.max(0, (outWidth - 1) * strideWidth + filterWidth - inWidth - left);

  const channelsFirst = transpose(backend, x, [3, 1, 2, 0]);
  const dyAsFilter = transpose(backend, dy, [1, 2, 0, 3]);
  const padding: Padding4 = [[0, 0], [top, bottom], [left, right], [0, 0]];
  const full = conv(backend, channelsFirst, dyAsFilter, [strideHeight, strideWidth], padding);
  const [inChannels = 0, fullHeight, fullWidth, outChannels = 0] = full.shape;
  const exact = fullHeight === filterHeight && fullWidth === filterWidth
    ? full
    : slice(backend, full, [0, 0, 0, 0], [inChannels, filterHeight, filterWidth, outChannels]);
  const result = transpose(backend, exact, [1, 2, 0, 3]);
  disposeAll(backend, channelsFirst, dyAsFilter, full);
  if (exact !== full) disposeAll(backend, exact);
  return result;
}

/**
 * dx = dy spread out by the stride (zeros between rows and columns), padded by kernel − 1 − pad, convolved with the
 * kernel turned by 180° and its in/out channels swapped.
 */
function conv2dBackpropInput({ inputs, backend, attrs }: { inputs: Record<string, Info>; backend: BackendWasm; attrs: Attrs }): Info {
  const gemm = simdConv2DBackpropInput({ inputs, backend, attrs });
  if (gemm) return gemm;
  const { dy, filter } = inputs as { dy: Info; filter: Info };
  const { strides, pad, dimRoundingMode, inputShape } = attrs as WindowAttrs & { inputShape: [number, number, number, number] };
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as never, strides, 1, pad, dimRoundingMode);
  const { strideHeight, strideWidth, filterHeight, filterWidth, outHeight, outWidth, inHeight, inWidth, batchSize, outChannels } = info;

  const owned: Info[] = [];
  let spread = dy;
  if (strideHeight > 1 || strideWidth > 1) {
    const sixD = reshape(backend, dy, [batchSize, outHeight, 1, outWidth, 1, outChannels]);
    const paddings = [[0, 0], [0, 0], [0, strideHeight - 1], [0, 0], [0, strideWidth - 1], [0, 0]];
    const zeros = runKernel('PadV2', backend, { x: sixD }, { paddings, constantValue: 0 });
    const flat = reshape(backend, zeros, [batchSize, outHeight * strideHeight, outWidth * strideWidth, outChannels]);
    const spreadHeight = (outHeight - 1) * strideHeight + 1;
    const spreadWidth = (outWidth - 1) * strideWidth + 1;
    spread = slice(backend, flat, [0, 0, 0, 0], [batchSize, spreadHeight, spreadWidth, outChannels]);
    owned.push(sixD, zeros, flat, spread);
  }
  const top = filterHeight - 1 - info.padInfo.top;
  const left = filterWidth - 1 - info.padInfo.left;
  const bottom = inHeight + filterHeight - 1 - spread.shape[1]! - top;
  const right = inWidth + filterWidth - 1 - spread.shape[2]! - left;
  const swapped = transpose(backend, filter, [0, 1, 3, 2]);
  const turned = runKernel('Reverse', backend, { x: swapped }, { dims: [0, 1] });
  owned.push(swapped, turned);
  const dx = conv(backend, spread, turned, [1, 1], [[0, 0], [top, bottom], [left, right], [0, 0]]);
  disposeAll(backend, ...owned);
  return dx;
}

/**
 * Each output's gradient goes to the first maximum of its window in row-major order, as the cpu backend routes it (so
 * ties, common where a linear conv sees blank background, are not counted twice). A JS loop over the wasm heap: wasm's
 * own MaxPoolWithArgmax + ScatterNd measured slower here.
 */
function maxPoolGrad({ inputs, backend, attrs }: { inputs: Record<string, Info>; backend: BackendWasm; attrs: Attrs }): Info {
  const simd = simdMaxPoolGrad({ inputs, backend, attrs });
  if (simd) return simd;
  const { dy, input } = inputs as { dy: Info; input: Info };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as WindowAttrs & { filterSize: [number, number] | number };
  const info = tf.backend_util.computePool2DInfo(input.shape as never, filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const dx = backend.makeOutput(input.shape, 'float32');
  // Views are taken after makeOutput: allocating may grow the wasm heap and detach earlier views.
  const xs = backend.typedArrayFromHeap(input) as Float32Array;
  const gradients = backend.typedArrayFromHeap(dy) as Float32Array;
  const out = backend.typedArrayFromHeap(dx) as Float32Array;
  out.fill(0);
  const rowStride = inWidth * channels;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * strideHeight - info.padInfo.top;
      const rowFrom = Math.max(0, top);
      const rowTo = Math.min(inHeight, top + info.filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const left = ow * strideWidth - info.padInfo.left;
        const colFrom = Math.max(0, left);
        const colTo = Math.min(inWidth, left + info.filterWidth);
        if (rowFrom >= rowTo || colFrom >= colTo) continue;
        const corner = ((b * inHeight + rowFrom) * inWidth + colFrom) * channels;
        const from = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) {
          let bestAt = corner + c;
          let best = xs[bestAt]!;
          for (let row = rowFrom; row < rowTo; row++) {
            for (let col = colFrom; col < colTo; col++) {
              const at = corner + (row - rowFrom) * rowStride + (col - colFrom) * channels + c;
              const value = xs[at]!;
              if (value > best) {
                best = value;
                bestAt = at;
              }
            }
          }
          out[bestAt] = out[bestAt]! + gradients[from + c]!;
        }
      }
    }
  }
  return dx;
}

/** tfjs' own wasm kernels, for the cases ours do not take (with their setup, which binds them to the wasm module). */
const tfjsKernels = new Map<string, tf.KernelConfig>();
const tfjsKernel = (name: string, args: KernelArgs) => tfjsKernels.get(name)!.kernelFunc(args as never) as Info;

const sum = (args: KernelArgs): Info => simdSum(args) ?? tfjsKernel('Sum', args);
const maxPool = (args: KernelArgs): Info => simdMaxPool(args) ?? tfjsKernel('MaxPool', args);
const fusedConv2d = (args: KernelArgs): Info => simdFusedConv2D(args) ?? tfjsKernel('FusedConv2D', args);
const conv2d = (args: KernelArgs): Info => simdConv2D(args) ?? tfjsKernel('Conv2D', args);
const batchMatMul = (args: KernelArgs): Info => simdBatchMatMul(args) ?? tfjsKernel('BatchMatMul', args);

/**
 * A copy that shares its data, as the cpu backend's does: tfjs clones every tensor a gradient keeps for the backward
 * pass (49 a chapter-5 step, three of them conv1's whole activation), and wasm's Identity copies each. No kernel
 * writes into its inputs (tfjs tensors are immutable, and Reshape already shares data this way), so a copy is wasted.
 */
function identity({ inputs, backend }: KernelArgs): Info {
  const { x } = inputs as { x: Info };
  if (x.dtype === 'string') return tfjsKernel('Identity', { inputs, backend, attrs: {} });
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

const TRAINING_KERNELS: readonly { kernelName: string; kernelFunc: (args: never) => Info | Info[] }[] = [
  { kernelName: 'Conv2D', kernelFunc: conv2d },
  { kernelName: 'Conv2DBackpropFilter', kernelFunc: conv2dBackpropFilter },
  { kernelName: 'Conv2DBackpropInput', kernelFunc: conv2dBackpropInput },
  { kernelName: 'MaxPoolGrad', kernelFunc: maxPoolGrad },
  { kernelName: 'MaxPool', kernelFunc: maxPool },
  { kernelName: 'Sum', kernelFunc: sum },
  { kernelName: 'BatchMatMul', kernelFunc: batchMatMul },
  { kernelName: 'Identity', kernelFunc: identity },
  { kernelName: RELU_GRAD_KERNEL, kernelFunc: reluGrad },
  { kernelName: RMSPROP_STEP_KERNEL, kernelFunc: rmsPropStepKernel },
  { kernelName: FUSED_CONV_KERNEL, kernelFunc: fusedConvKernel },
  { kernelName: 'FusedConv2D', kernelFunc: fusedConv2d },
  { kernelName: RELU_BIAS_GRAD_KERNEL, kernelFunc: reluBiasGradKernel },
];

/** Installs the kernels above for the wasm backend, replacing tfjs's own; safe to call more than once. */
export function registerWasmTrainingKernels(): void {
  for (const { kernelName, kernelFunc } of TRAINING_KERNELS) {
    const existing = tf.getKernel(kernelName, 'wasm');
    if (existing?.kernelFunc === kernelFunc) continue;
    if (existing) tfjsKernels.set(kernelName, existing);
    if (existing) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', setupFunc: existing?.setupFunc, kernelFunc: kernelFunc as tf.KernelFunc });
  }
  registerReluGradient();
  registerFusedConvGradient();
}
