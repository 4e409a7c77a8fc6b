/**
 * tfjs' Conv2D layer whose training pass on wasm runs as our fused kernel (kernels/fusedConv.ts); everywhere else —
 * inference, other backends, activations other than relu — it is tfjs' own layer. It keeps tfjs' class
 * name, config and weights, so summaries, saving, loading and the Keras export see a plain Conv2D.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedConvForTraining } from './fusedConv.ts';

type Conv2DArgs = Parameters<typeof tf.layers.conv2d>[0];
type TfjsConv2D = ReturnType<typeof tf.layers.conv2d>;
type Kwargs = Parameters<TfjsConv2D['call']>[1];

/** tfjs does not export its Conv2D class; it registers it for deserialisation under its class name. */
const TfjsConv2DClass = tf.serialization.SerializationMap.getMap().classNameMap.Conv2D![0] as unknown as new (args: Conv2DArgs) => TfjsConv2D;

export class Conv2DWithFusedTraining extends TfjsConv2DClass {
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    // No tidy needed: reading the weights makes no tensor, and the fused kernel's output is the only one.
    const fused = x && fusedConvForTraining({
      x,
      filter: this.kernel.read(),
      bias: this.useBias ? this.bias.read() : null,
      strides: [this.strides[0]!, this.strides[1]!],
      pad: this.padding === 'same' ? 'same' : 'valid',
      activation: this.activation.getClassName(),
      dilations: this.dilationRate,
      channelsLast: this.dataFormat === 'channelsLast',
    });
    return fused ?? super.call(inputs, kwargs);
  }
}
