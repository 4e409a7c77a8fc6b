/**
 * Training kernels for tfjs' wasm backend that run our SIMD wasm (kernelModule.ts) on its heap, in place:
 * - MaxPoolGrad: the first maximum of each window gets the gradient, four channels a lane (was a JavaScript loop);
 *   MaxPool itself, so both share the batch with the helper threads.
 * - Sum over leading axes, which is how every bias gradient reduces: tfjs' wasm Sum transposes [64,26,26,32] first.
 * - Relu's gradient as one kernel (ReluGrad), where tfjs runs Step, Cast and Multiply over the whole activation.
 * Each falls back to what ran before (the JavaScript MaxPoolGrad, tfjs' Sum, tfjs' relu gradient) where the kernels
 * cannot load.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernelsFor } from './kernelModule.ts';
import { runJob } from './kernelTeam.ts';

type Info = tf.TensorInfo;
type Attrs = Record<string, unknown>;
export type KernelArgs = { inputs: Record<string, Info>; backend: BackendWasm; attrs: Attrs };
type PoolAttrs = { filterSize: [number, number] | number; strides: [number, number] | number; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };

/** The heap address of a tensor's data: what our kernels take for a pointer. */
export const address = (backend: BackendWasm, info: Info) => backend.dataIdMap.get(info.dataId)!.memoryOffset;

/** A pooling's geometry, and the arguments the kernels' poolGeometry takes for it. */
function poolGeometry(x: Info, { filterSize, strides, pad, dimRoundingMode }: PoolAttrs) {
  const info = tf.backend_util.computePool2DInfo(x.shape as never, filterSize, strides, 1, pad, dimRoundingMode);
  const geometry = [info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth,
    info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left];
  return { info, geometry };
}

/** MaxPoolGrad on our kernels; null when they cannot run here, so the caller uses its JavaScript loop. */
export function simdMaxPoolGrad({ inputs, backend, attrs }: KernelArgs): Info | null {
  const kernels = simdKernelsFor(backend);
  if (!kernels) return null;
  const { dy, input } = inputs as { dy: Info; input: Info };
  const { info, geometry } = poolGeometry(input, attrs as PoolAttrs);
  const dx = backend.makeOutput(input.shape, 'float32');
  // Images are independent: the team takes them in chunks. Work: a compare, two selects and a store per input value.
  runJob(kernels.team, { setup: { kernel: 'poolGeometry', args: geometry }, kernel: 'maxPoolGradImages',
    args: [address(backend, input), address(backend, dy), address(backend, dx), 0, info.batchSize], fromArg: 3,
    rows: info.batchSize, work: 4 * tf.util.sizeFromShape(input.shape) }, kernels);
  return dx;
}

/** MaxPool on our kernels, shared by images like its gradient; null when they cannot run here (tfjs' XNNPACK then). */
export function simdMaxPool({ inputs, backend, attrs }: KernelArgs): Info | null {
  const { x } = inputs as { x: Info };
  const kernels = x.dtype === 'float32' ? simdKernelsFor(backend) : null;
  if (!kernels) return null;
  const { info, geometry } = poolGeometry(x, attrs as PoolAttrs);
  const y = backend.makeOutput(info.outShape, 'float32');
  // Work counted as the gradient's is (a load and a max per input value): both are bound by reading x.
  runJob(kernels.team, { setup: { kernel: 'poolGeometry', args: geometry }, kernel: 'maxPoolImages',
    args: [address(backend, x), address(backend, y), 0, info.batchSize], fromArg: 2,
    rows: info.batchSize, work: 4 * tf.util.sizeFromShape(x.shape) }, kernels);
  return y;
}

/**
 * Input channels up to which a filter gradient runs on our direct kernel. Measured on chapter 5 in Node: conv1's (one
 * channel, a 43,264-long reduction that XNNPACK takes as a huge "filter" repacked every call) gains; conv2's and
 * conv3's (32 and 64 channels) are GEMM-sized, and XNNPACK's packed GEMM stays faster there.
 */
const DIRECT_FILTER_GRADIENT_MAX_CHANNELS = 4;

/** Conv2DBackpropFilter for few input channels on our kernels; null otherwise, so the caller uses XNNPACK. */
export function simdConv2dBackpropFilter({ inputs, backend, attrs }: KernelArgs): Info | null {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { strides, pad, dimRoundingMode, filterShape } = attrs as Omit<PoolAttrs, 'filterSize'> & { filterShape: [number, number, number, number] };
  if (filterShape[2] > DIRECT_FILTER_GRADIENT_MAX_CHANNELS) return null;
  const kernels = simdKernelsFor(backend);
  if (!kernels) return null;
  const info = tf.backend_util.computeConv2DInfo(x.shape as never, filterShape, strides, 1, pad, dimRoundingMode);
  const dw = backend.makeOutput(filterShape, 'float32');
  const geometry = [info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth, info.filterHeight,
    info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left, info.outChannels];
  // Shared by output channels, 16 at a time (the kernel's widest register block): conv1 has only 9 dw rows.
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  runJob(kernels.team, { setup: { kernel: 'convGeometry', args: geometry }, kernel: 'convFilterGradChannels',
    args: [address(backend, x), address(backend, dy), address(backend, dw), info.batchSize, 0, info.outChannels], fromArg: 4,
    rows: info.outChannels, chunkUnit: 16, work: 2 * taps * info.outChannels * info.batchSize * info.outHeight * info.outWidth }, kernels);
  return dw;
}

/** Axes [0, k) for some k ≥ 1: the sum then reads rows of the trailing axes in memory order. */
function leadingAxes(axis: number | number[], rank: number): number | null {
  const axes = tf.util.parseAxisParam(axis, [...Array(rank).keys()].map(() => 1)).sort((a, b) => a - b);
  return axes.length > 0 && axes.every((a, i) => a === i) ? axes.length : null;
}

/** Sum over leading axes of float32 data on our kernels; null for any other sum, which tfjs' own Sum then does. */
export function simdSum({ inputs, backend, attrs }: KernelArgs): Info | null {
  const { x } = inputs as { x: Info };
  const { axis, keepDims } = attrs as { axis: number | number[]; keepDims: boolean };
  const reduced = leadingAxes(axis, x.shape.length);
  const kernels = reduced === null || x.dtype !== 'float32' ? null : simdKernelsFor(backend);
  if (!kernels || reduced === null) return null;
  const kept = x.shape.slice(reduced);
  const columns = kept.reduce((a, b) => a * b, 1);
  const rows = x.shape.slice(0, reduced).reduce((a, b) => a * b, 1);
  const out = backend.makeOutput(keepDims ? [...x.shape.slice(0, reduced).map(() => 1), ...kept] : kept, 'float32');
  kernels.sumRows(address(backend, x), address(backend, out), rows, columns);
  return out;
}

/**
 * A product of two matrices (batch 1: the dense layers' forward and both gradients) on our SIMD GEMM, so weights are
 * not repacked by XNNPACK at every call; null for batched products, which tfjs' own BatchMatMul then does.
 */
export function simdBatchMatMul({ inputs, backend, attrs }: KernelArgs): Info | null {
  const { a, b } = inputs as { a: Info; b: Info };
  const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
  const outer = (info: Info) => info.shape.slice(0, -2);
  const single = (info: Info) => info.shape.length >= 2 && outer(info).every((d) => d === 1);
  const kernels = single(a) && single(b) && a.dtype === 'float32' && b.dtype === 'float32' ? simdKernelsFor(backend) : null;
  if (!kernels) return null;
  const [aRows, aColumns] = a.shape.slice(-2) as [number, number];
  const [bRows, bColumns] = b.shape.slice(-2) as [number, number];
  const [m, k] = transposeA ? [aColumns, aRows] : [aRows, aColumns];
  const n = transposeB ? bRows : bColumns;
  const shape = [...(outer(a).length > outer(b).length ? outer(a) : outer(b)), m, n];
  const out = backend.makeOutput(shape, 'float32');
  // B must be row-major [k, n]: a transposed one is packed first, into a scratch tensor of the heap.
  const packed = transposeB ? backend.makeOutput([k, n], 'float32') : null;
  if (packed) kernels.transpose2d(address(backend, b), address(backend, packed), bRows, bColumns);
  kernels.matMulOperands(transposeA ? 1 : k, transposeA ? m : 1);
  kernels.matMul(address(backend, a), address(backend, packed ?? b), address(backend, out), m, n, k);
  if (packed) backend.disposeData(packed.dataId);
  return out;
}

/** The kernel our relu gradient calls: dx = x > 0 ? dy : 0, for float32 dy and x of one shape. */
export function reluGrad({ inputs, backend }: KernelArgs): Info {
  const { dy, x } = inputs as { dy: Info; x: Info };
  const dx = backend.makeOutput(x.shape, 'float32');
  const count = tf.util.sizeFromShape(x.shape);
  const kernels = simdKernelsFor(backend);
  if (kernels) {
    kernels.reluGrad(address(backend, dy), address(backend, x), address(backend, dx), count);
    return dx;
  }
  // Views after makeOutput: allocating may grow the heap and detach earlier views.
  const gradients = backend.typedArrayFromHeap(dy) as Float32Array;
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const out = backend.typedArrayFromHeap(dx) as Float32Array;
  for (let i = 0; i < count; i++) out[i] = xs[i]! > 0 ? gradients[i]! : 0;
  return dx;
}

export const RELU_GRAD_KERNEL = 'ConvnetReluGrad';

let tfjsReluGradient: tf.GradConfig | undefined;

/**
 * Relu's gradient through our one-pass kernel on the wasm backend; on every other backend tfjs' own gradient, as
 * before. Gradients are registered for all backends at once, hence the check at each call.
 */
export function registerReluGradient(): void {
  const current = tf.getGradient('Relu');
  if (!current || current.gradFunc === reluGradFunc) return;
  tfjsReluGradient = current;
  tf.registerGradient({ kernelName: 'Relu', inputsToSave: ['x'], gradFunc: reluGradFunc });
}

function reluGradFunc(dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap): Record<string, () => tf.Tensor> {
  const [x] = saved;
  const gradient = dy as tf.Tensor;
  const onOurKernels = tf.getBackend() === 'wasm' && simdKernelsFor(tf.backend() as BackendWasm) !== null;
  if (onOurKernels && x && x.dtype === 'float32' && gradient.dtype === 'float32') {
    return { x: () => tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: gradient, x }) as tf.Tensor };
  }
  return tfjsReluGradient!.gradFunc(dy, saved, attrs) as Record<string, () => tf.Tensor>;
}
