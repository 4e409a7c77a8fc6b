import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../defaults.ts';
import type { LayerSpec } from '../modelSpec.ts';
import { topologyFromSpec } from './topology.ts';
import { specFromTopology } from './topologyImport.ts';

const THREE_CLASSES: readonly LayerSpec[] = [...DEFAULT_MODEL.layers.slice(0, -1), { type: 'Dense', units: 3, activation: 'softmax' }];
const COLOUR = { shape: [32, 32, 3], images: 'your images' } as const;

describe('model.json for the chosen data', () => {
  it("declares the dataset's input shape on the first layer, MNIST's unless told", () => {
    const first = (topology: ReturnType<typeof topologyFromSpec>) => topology.config.layers[0]?.config;
    expect(first(topologyFromSpec(THREE_CLASSES, [32, 32, 3]))).toMatchObject({ batch_input_shape: [null, 32, 32, 3] });
    expect(first(topologyFromSpec(THREE_CLASSES))).toMatchObject({ batch_input_shape: [null, 28, 28, 1] });
  });

  it('reads back a 32×32 colour model for 32×32 colour images, and refuses it for MNIST, naming both shapes', () => {
    const topology = JSON.parse(JSON.stringify(topologyFromSpec(THREE_CLASSES, [32, 32, 3])));
    expect(specFromTopology(topology, COLOUR)).toEqual({ ok: true, layers: THREE_CLASSES });
    expect(specFromTopology(topology)).toEqual({ ok: false, message: 'The model expects input (32, 32, 3); MNIST digits are (28, 28, 1).' });
    const mnist = JSON.parse(JSON.stringify(topologyFromSpec(DEFAULT_MODEL.layers)));
    expect(specFromTopology(mnist, COLOUR)).toEqual({ ok: false, message: 'The model expects input (28, 28, 1); your images are (32, 32, 3).' });
  });
});
