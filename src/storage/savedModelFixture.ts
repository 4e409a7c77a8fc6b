/** For the model-store tests: a SavedModel built from a spec, without tfjs. Imported by tests only. */
import { nameLayers } from '../domain/analysis.ts';
import { topologyFromSpec } from '../domain/keras/topology.ts';
import { MNIST_REF } from '../domain/datasetRef.ts';
import type { LayerSpec, ModelSpec } from '../domain/modelSpec.ts';
import { expectedWeights } from '../domain/keras/weights.ts';
import type { SavedModel } from './modelStore.ts';

export const TINY_LAYERS: readonly LayerSpec[] = [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }];

/** A trained model as the worker exports it: the editor's topology, Keras 2 weight names, a distinct value everywhere. */
export function modelOf(spec: ModelSpec, overrides: Partial<SavedModel> = {}): SavedModel {
  const expected = expectedWeights(spec.layers);
  if (!expected.ok) throw new Error(expected.message);
  const names = nameLayers(spec.layers);
  const weightSpecs = expected.weights.map((w) => ({ name: `${names[w.layerIndex]}/${w.role}`, shape: [...w.shape], dtype: 'float32' as const }));
  const count = weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
  return {
    id: 'model-1',
    name: 'Chapter 5 · 99.1%',
    spec,
    dataset: MNIST_REF,
    testAccuracy: 0.991,
    testCount: 10_000,
    backend: 'webgl',
    savedAt: 1_000,
    origin: 'trained',
    modelTopology: topologyFromSpec(spec.layers),
    weightSpecs,
    weightData: Float32Array.from({ length: count }, (_, i) => i / 1000).buffer,
    ...overrides,
  };
}
