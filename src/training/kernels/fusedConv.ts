/**
 * A training pass's Conv2D + bias + relu as one kernel on the wasm backend, with one kernel for relu's and the bias'
 * gradients. tfjs turns its own fusion off under the gradient tape, so each convolution ran as Conv2D, Add and Relu,
 * each a pass over the whole activation (conv1's is 5.5 MB), and backward as ReluGrad then Sum. Here the bias and relu
 * are applied while the GEMM's output tile is in registers, and relu's gradient and the bias sum are one pass: the
 * same float32 operations in the same order, so the numbers are those of the unfused path.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdConv2D } from './convGemm.ts';
import { simdKernelsFor } from './kernelModule.ts';
import { address, type KernelArgs } from './simdKernels.ts';

type Info = tf.TensorInfo;

export const FUSED_CONV_KERNEL = 'ConvnetConv2DBiasActivation';
export const RELU_BIAS_GRAD_KERNEL = 'ConvnetReluBiasGrad';

type FusedConvAttrs = { strides: [number, number]; pad: 'valid' | 'same' };

/** One of tfjs' registered wasm kernels (ours where we replaced it), called directly inside this kernel. */
function wasmKernel(name: string, backend: BackendWasm, inputs: Record<string, Info>, attrs: Record<string, unknown> = {}): Info {
  return tf.getKernel(name, 'wasm')!.kernelFunc({ inputs, backend, attrs } as never) as Info;
}

/** y = relu(conv2d(x, filter) + bias), NHWC, no dilation. */
export function fusedConvKernel({ inputs, backend, attrs }: KernelArgs): Info {
  const { x, filter, bias } = inputs as { x: Info; filter: Info; bias?: Info };
  const { strides, pad } = attrs as FusedConvAttrs;
  const convAttrs = { strides, pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined };
  const fused = simdConv2D({ inputs: { x, filter }, backend, attrs: convAttrs }, { bias: bias ?? null, relu: true });
  if (fused) return fused;
  // Our kernels could not take it (they were switched off): the kernels the unfused layer runs.
  const steps: Info[] = [wasmKernel('Conv2D', backend, { x, filter }, convAttrs)];
  if (bias) steps.push(wasmKernel('Add', backend, { a: steps.at(-1)!, b: bias }));
  steps.push(wasmKernel('Relu', backend, { x: steps.at(-1)! }));
  for (const step of steps.slice(0, -1)) backend.disposeData(step.dataId);
  return steps.at(-1)!;
}

/**
 * tfjs' own FusedConv2D (what a Conv2D layer runs outside training: predictions, evaluation) on our GEMM, for relu
 * and linear with a per-channel bias or none, so inference shares our helpers' cores too; null for anything else
 * (other activations, prelu weights, broadcast biases), which tfjs' XNNPACK kernel then runs.
 */
export function simdFusedConv2D({ inputs, backend, attrs }: KernelArgs): Info | null {
  const { x, filter, bias, preluActivationWeights } = inputs as { x: Info; filter: Info; bias?: Info; preluActivationWeights?: Info };
  const { activation } = attrs as { activation?: string };
  if (preluActivationWeights || (activation !== 'relu' && activation !== 'linear')) return null;
  const perChannel = !bias || (bias.dtype === 'float32' && bias.shape.length === 1 && bias.shape[0] === filter.shape[3]);
  return perChannel ? simdConv2D({ inputs: { x, filter }, backend, attrs }, { bias: bias ?? null, relu: activation === 'relu' }) : null;
}

/**
 * [dz, bias gradient] from the output's gradient dy and the output y: dz = dy where y > 0 (relu's gradient: y is
 * positive exactly where relu's input was) and the bias gradient Σ dz over every position, summed row by row as
 * tfjs' Sum does on our kernels.
 */
export function reluBiasGradKernel({ inputs, backend }: KernelArgs): Info[] {
  const { dy, y } = inputs as { dy: Info; y: Info };
  const columns = y.shape.at(-1)!;
  const rows = tf.util.sizeFromShape(y.shape) / columns;
  const dz = backend.makeOutput(y.shape, 'float32');
  const sums = backend.makeOutput([columns], 'float32');
  const kernels = simdKernelsFor(backend);
  if (kernels) {
    kernels.reluGradSumRows(address(backend, dy), address(backend, y), address(backend, dz), address(backend, sums), rows, columns);
    return [dz, sums];
  }
  // Views after every makeOutput: allocating may grow the heap and detach earlier views.
  const [gradients, outputs, out, total] = [dy, y, dz, sums].map((info) => backend.typedArrayFromHeap(info) as Float32Array) as [Float32Array, Float32Array, Float32Array, Float32Array];
  total.fill(0);
  for (let i = 0; i < rows * columns; i++) {
    out[i] = outputs[i]! > 0 ? gradients[i]! : 0;
    total[i % columns] = total[i % columns]! + out[i]!;
  }
  return [dz, sums];
}

/** Gradients of the fused kernel: each input's only when the tape asks for it (conv1's input never needs one). */
function fusedConvGradient(dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap): Record<string, () => tf.Tensor> {
  const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
  const { strides, pad } = attrs as unknown as FusedConvAttrs;
  const [dz, biasGradient] = tf.engine().runKernel(RELU_BIAS_GRAD_KERNEL, { dy: dy as tf.Tensor, y }) as [tf.Tensor, tf.Tensor];
  const convAttrs = { strides, pad, dataFormat: 'NHWC', dilations: [1, 1] };
  return {
    x: () => tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter }, { ...convAttrs, inputShape: x.shape }) as tf.Tensor,
    filter: () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: dz }, { ...convAttrs, filterShape: filter.shape }) as tf.Tensor,
    bias: () => biasGradient,
  };
}

/** Registers the gradient (for every backend at once: the kernel itself exists only on wasm). */
export function registerFusedConvGradient(): void {
  if (tf.getGradient(FUSED_CONV_KERNEL)) return;
  tf.registerGradient({ kernelName: FUSED_CONV_KERNEL, inputsToSave: ['x', 'filter'], outputsToSave: [true], gradFunc: fusedConvGradient });
}

/** What a Conv2D layer's training pass hands the fused kernel. */
export interface FusedConvCall {
  readonly x: tf.Tensor;
  readonly filter: tf.Tensor;
  readonly bias: tf.Tensor | null;
  readonly strides: [number, number];
  readonly pad: 'valid' | 'same';
  readonly activation: string;
  readonly dilations: readonly number[];
  readonly channelsLast: boolean;
}

/**
 * y = relu(conv2d(x, filter) + bias) on the fused kernel while a gradient is being recorded on wasm with our kernels;
 * null otherwise, where tfjs' own layer runs as before: other backends, inference (tfjs fuses there itself), and
 * other activations (a linear one tfjs already fuses under the tape, with XNNPACK's sums).
 */
export function fusedConvForTraining(call: FusedConvCall): tf.Tensor | null {
  const suitable = call.activation === 'relu' && call.channelsLast && call.dilations.every((d) => d === 1) && call.x.rank === 4
    && [call.x, call.filter, call.bias].every((t) => t === null || t.dtype === 'float32');
  if (!suitable || tf.engine().state.gradientDepth === 0 || tf.getBackend() !== 'wasm') return null;
  if (!simdKernelsFor(tf.backend() as BackendWasm) || !tf.getKernel(FUSED_CONV_KERNEL, 'wasm')) return null;
  const inputs: tf.NamedTensorMap = call.bias ? { x: call.x, filter: call.filter, bias: call.bias } : { x: call.x, filter: call.filter };
  return tf.engine().runKernel(FUSED_CONV_KERNEL, inputs, { strides: call.strides, pad: call.pad }) as tf.Tensor;
}
