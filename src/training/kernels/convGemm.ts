/**
 * Conv2D, its input gradient and its filter gradient as GEMMs on our SIMD kernels (wasm/convKernels.ts), in tfjs-wasm's
 * heap: the GEMM reads each output position's window where it lies in x (no im2col copy), with the filter packed into
 * 8-wide panels for a 6×8 register tile. Padding and the input gradient's stride spreading are one copy into a scratch
 * tensor. Each returns null where it does not apply (dilation, NCHW, other dtypes, no SIMD), and the caller runs
 * what ran before (XNNPACK).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernelsFor, type SimdKernels } from './kernelModule.ts';
import { runJob } from './kernelTeam.ts';
import { address } from './simdKernels.ts';

type Info = tf.TensorInfo;
type ConvArgs = { inputs: Record<string, Info>; backend: BackendWasm; attrs: Record<string, unknown> };
type ConvAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: string;
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};
type Shape4 = [number, number, number, number];
const float32 = (...infos: Info[]) => infos.every((info) => info.dtype === 'float32');

/** The convolution's geometry where our GEMMs take it (NHWC, no dilation), else null. */
function geometry(inShape: number[], filterShape: number[], attrs: ConvAttrs): tf.backend_util.Conv2DInfo | null {
  const { strides, pad, dataFormat, dilations = 1, dimRoundingMode } = attrs;
  if (dataFormat !== undefined && dataFormat !== 'NHWC') return null;
  if (!tf.backend_util.tupleValuesAreOne(dilations)) return null;
  return tf.backend_util.computeConv2DInfo(inShape as Shape4, filterShape as Shape4, strides, 1, pad, dimRoundingMode);
}

/** Our kernels with scratch tensors that are disposed when the call ends. */
class Call {
  private readonly scratch: Info[] = [];
  constructor(readonly kernels: SimdKernels, readonly backend: BackendWasm) {}
  at(info: Info): number {
    return address(this.backend, info);
  }
  temporary(shape: number[]): number {
    const info = this.backend.makeOutput(shape, 'float32');
    this.scratch.push(info);
    return this.at(info);
  }
  end(): void {
    for (const info of this.scratch) this.backend.disposeData(info.dataId);
  }
}

/** x as the convolution reads it: x itself, or padded with zeros into scratch. Returns its address, height, width. */
function paddedInput(call: Call, x: Info, info: tf.backend_util.Conv2DInfo): [number, number, number] {
  const { top, bottom, left, right } = info.padInfo;
  const { batchSize, inHeight, inWidth, inChannels } = info;
  if (top === 0 && bottom === 0 && left === 0 && right === 0) return [call.at(x), inHeight, inWidth];
  const height = inHeight + top + bottom;
  const width = inWidth + left + right;
  const at = call.temporary([batchSize, height, width, inChannels]);
  call.kernels.spreadInto(call.at(x), at, batchSize, inHeight, inWidth, inChannels, height, width, top, left, 1, 1);
  return [at, height, width];
}

const panelFloats = (k: number, n: number) => Math.ceil(n / 8) * 8 * k;

/**
 * gemmGeometry's arguments for a convolution over x padded to height × width (its rows from padInfo.top holding x),
 * with what its store adds.
 */
const gemmLayout = (info: tf.backend_util.Conv2DInfo, height: number, width: number, biasAt = 0, relu = false) => [height,
  width, info.inChannels, info.outHeight, info.outWidth, info.filterHeight, info.filterWidth, info.strideHeight,
  info.strideWidth, info.outChannels, biasAt, relu ? 1 : 0, info.padInfo.top, info.padInfo.top + info.inHeight];

/** What the forward GEMM's store applies to each output: + bias (one float32 per output channel), then relu. */
export interface ConvOutputStep {
  readonly bias: Info | null;
  readonly relu: boolean;
}
const PLAIN_OUTPUT: ConvOutputStep = { bias: null, relu: false };

/** y = conv2d(x, filter) (+ bias, relu) on our GEMM; null where it does not apply. */
export function simdConv2D({ inputs, backend, attrs }: ConvArgs, output: ConvOutputStep = PLAIN_OUTPUT): Info | null {
  const { x, filter } = inputs as { x: Info; filter: Info };
  const info = float32(x, filter) ? geometry(x.shape, filter.shape, attrs as ConvAttrs) : null;
  const kernels = info ? simdKernelsFor(backend) : null;
  if (!info || !kernels) return null;
  const call = new Call(kernels, backend);
  const y = backend.makeOutput(info.outShape, 'float32');
  const [source, height, width] = paddedInput(call, x, info);
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const panels = call.temporary([panelFloats(k, info.outChannels)]);
  kernels.packPanels(call.at(filter), panels, k, info.outChannels);
  const layout = gemmLayout(info, height, width, output.bias ? call.at(output.bias) : 0, output.relu);
  const rows = info.batchSize * info.outHeight * info.outWidth;
  runJob(kernels.team, { setup: { kernel: 'gemmGeometry', args: layout }, kernel: 'convForwardRows',
    args: [source, panels, call.at(y), 0, rows], fromArg: 3, rows, work: 2 * rows * k * info.outChannels }, kernels);
  call.end();
  return y;
}

/**
 * dx = dy spread by the stride and padded by kernel − 1 − pad, convolved with the filter turned by 180° and its
 * channels swapped (packed so by packTurnedPanels); null where it does not apply.
 */
export function simdConv2DBackpropInput({ inputs, backend, attrs }: ConvArgs): Info | null {
  const { dy, filter } = inputs as { dy: Info; filter: Info };
  const { inputShape } = attrs as { inputShape: Shape4 };
  const info = float32(dy, filter) ? geometry(inputShape, filter.shape, attrs as ConvAttrs) : null;
  const kernels = info ? simdKernelsFor(backend) : null;
  if (!info || !kernels) return null;
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const top = filterHeight - 1 - info.padInfo.top;
  const left = filterWidth - 1 - info.padInfo.left;
  const height = inHeight + filterHeight - 1;
  const width = inWidth + filterWidth - 1;
  const bottom = height - ((outHeight - 1) * info.strideHeight + 1) - top;
  const right = width - ((outWidth - 1) * info.strideWidth + 1) - left;
  if (Math.min(top, left, bottom, right) < 0) return null;
  const call = new Call(kernels, backend);
  const dx = backend.makeOutput(inputShape, 'float32');
  const spread = call.temporary([batchSize, height, width, outChannels]);
  kernels.spreadInto(call.at(dy), spread, batchSize, outHeight, outWidth, outChannels, height, width, top, left,
    info.strideHeight, info.strideWidth);
  const k = filterHeight * filterWidth * outChannels;
  const panels = call.temporary([panelFloats(k, inChannels)]);
  kernels.packTurnedPanels(call.at(filter), panels, filterHeight, filterWidth, inChannels, outChannels);
  // dy's rows lie in [top, top + spread rows) of the scratch; the GEMM skips filter rows that reach only the zeros.
  const layout = [height, width, outChannels, inHeight, inWidth, filterHeight, filterWidth, 1, 1, inChannels, 0, 0,
    top, top + (outHeight - 1) * info.strideHeight + 1];
  const rows = batchSize * inHeight * inWidth;
  runJob(kernels.team, { setup: { kernel: 'gemmGeometry', args: layout }, kernel: 'convForwardRows',
    args: [spread, panels, call.at(dx), 0, rows], fromArg: 3, rows, work: 2 * rows * k * inChannels }, kernels);
  call.end();
  return dx;
}

/** dw = Σ over positions of x's window ⊗ dy, a GEMM reading both where they lie; null where it does not apply. */
export function simdConv2DBackpropFilterGemm({ inputs, backend, attrs }: ConvArgs): Info | null {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { filterShape } = attrs as { filterShape: Shape4 };
  const info = float32(x, dy) ? geometry(x.shape, filterShape, attrs as ConvAttrs) : null;
  const kernels = info ? simdKernelsFor(backend) : null;
  if (!info || !kernels) return null;
  const call = new Call(kernels, backend);
  const dw = backend.makeOutput(filterShape, 'float32');
  const [source, height, width] = paddedInput(call, x, info);
  const layout = gemmLayout(info, height, width);
  const rows = info.filterHeight * info.filterWidth * info.inChannels;
  runJob(kernels.team, { setup: { kernel: 'gemmGeometry', args: layout }, kernel: 'convFilterGradRows',
    args: [source, call.at(dy), call.at(dw), info.batchSize, 0, rows], fromArg: 4, rows,
    work: 2 * rows * info.outChannels * info.batchSize * info.outHeight * info.outWidth }, kernels);
  call.end();
  return dw;
}
