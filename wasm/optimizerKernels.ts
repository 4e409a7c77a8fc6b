// AssemblyScript: the optimizer's update in one pass (see trainingKernels.ts for the module's rules).

/**
 * RMSprop's step for one weight tensor, exactly as tfjs computes it op by op: ms' = ms·decay + g²·(1 − decay),
 * m' = m·momentum + (g·lr) / √(ms' + ε), w' = w − m'. Every product, sum, root and quotient is one float32 operation in
 * that order (no fused multiply-add), so the results equal tfjs' to the bit; tfjs' own way is ~16 kernels and as many
 * intermediate tensors per weight.
 */
export function rmsPropStep(
  value: usize, meanSquare: usize, moment: usize, gradient: usize, newValue: usize, newMeanSquare: usize, newMoment: usize,
  count: i32, decay: f32, oneMinusDecay: f32, learningRate: f32, epsilon: f32, momentum: f32,
): void {
  const vDecay = f32x4.splat(decay);
  const vOneMinusDecay = f32x4.splat(oneMinusDecay);
  const vLearningRate = f32x4.splat(learningRate);
  const vEpsilon = f32x4.splat(epsilon);
  const vMomentum = f32x4.splat(momentum);
  const vectorEnd = count & ~3;
  let i = 0;
  for (; i < vectorEnd; i += 4) {
    const at = <usize>i << 2;
    const g = v128.load(gradient + at);
    const ms = f32x4.add(f32x4.mul(v128.load(meanSquare + at), vDecay), f32x4.mul(f32x4.mul(g, g), vOneMinusDecay));
    const step = f32x4.div(f32x4.mul(g, vLearningRate), f32x4.sqrt(f32x4.add(ms, vEpsilon)));
    const m = f32x4.add(f32x4.mul(v128.load(moment + at), vMomentum), step);
    v128.store(newMeanSquare + at, ms);
    v128.store(newMoment + at, m);
    v128.store(newValue + at, f32x4.sub(v128.load(value + at), m));
  }
  for (; i < count; i++) {
    const at = <usize>i << 2;
    const g = load<f32>(gradient + at);
    const ms: f32 = load<f32>(meanSquare + at) * decay + (g * g) * oneMinusDecay;
    const m: f32 = load<f32>(moment + at) * momentum + (g * learningRate) / sqrt<f32>(ms + epsilon);
    store<f32>(newMeanSquare + at, ms);
    store<f32>(newMoment + at, m);
    store<f32>(newValue + at, load<f32>(value + at) - m);
  }
}
