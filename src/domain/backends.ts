/** The TensorFlow.js backends the playground can train on, and what the page calls them. */

export const BACKEND_NAMES = ['webgl', 'wasm', 'cpu', 'webgpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
/** 'auto': measure them and take the fastest. */
export const BACKEND_PREFERENCES = ['auto', 'wasm', 'webgpu', 'webgl', 'cpu'] as const satisfies readonly ('auto' | BackendName)[];
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];

export const BACKEND_LABELS: Readonly<Record<BackendName, string>> = { wasm: 'WASM', webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

/**
 * Whose kernels compute a training step: our SIMD kernels (wasm/, in their relaxed- or plain-SIMD build) beside
 * XNNPACK on the WASM backend, or TensorFlow.js' own (every other backend, and WASM where our module cannot load).
 */
export const TRAINING_ENGINES = ['simd-relaxed', 'simd-plain', 'tfjs'] as const;
export type TrainingEngineName = (typeof TRAINING_ENGINES)[number];

export const TRAINING_ENGINE_LABELS: Readonly<Record<TrainingEngineName, string>> = {
  'simd-relaxed': 'our SIMD kernels (relaxed SIMD)',
  'simd-plain': 'our SIMD kernels (plain SIMD)',
  tfjs: 'TensorFlow.js kernels',
};

/**
 * Layers our SIMD kernels do not replace (their forward and gradient kernels are TensorFlow.js' own even where ours
 * train the rest): BatchNormalization's and AveragePooling2D's. Each type once, in the model's order.
 */
export function layersOnTfjsKernels(layers: readonly { readonly type: string }[]): string[] {
  const types = layers.map((layer) => layer.type).filter((type) => type === 'BatchNormalization' || type === 'AveragePooling2D');
  return [...new Set(types)];
}

/** What the page says trains a model: the engine, and which of its layers fall back to TensorFlow.js' kernels. */
export function trainingEngineLabel(engine: TrainingEngineName, layers: readonly { readonly type: string }[]): string {
  const fallback = engine === 'tfjs' ? [] : layersOnTfjsKernels(layers);
  const label = TRAINING_ENGINE_LABELS[engine];
  return fallback.length === 0 ? label : `${label}; ${fallback.join(' and ')} on TensorFlow.js kernels`;
}
