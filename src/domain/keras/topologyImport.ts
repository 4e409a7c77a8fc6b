/**
 * Keras/tfjs model.json → editor layers, from what Keras 2, Keras 3 and tfjs write (a bare topology, a model.json with
 * modelTopology, or modelTopology.model_config). Trusts nothing: reads only own data properties, never recurses, caps sizes,
 * and turns every unsupported or malformed part into a message.
 */
import { formatCount } from '../format.ts';
import { MAX_IMPORTED_LAYERS } from './topology.ts';
import type { LayerSpec, Shape } from '../modelSpec.ts';
import { MNIST_INPUT_SHAPE } from '../modelSpec.ts';
import { isRecord, items, own } from '../untrustedJson.ts';
import { describeValue, EDITOR_LAYERS, isAbsentOr, isPositiveInteger, LAYER_READERS, readConfig } from './layerConfigs.ts';

export type TopologyImport = { readonly ok: true; readonly layers: LayerSpec[] } | { readonly ok: false; readonly message: string };


/** The images a topology must read: the chosen data's shape, and how a message names them. */
export interface ExpectedInput {
  readonly shape: Shape;
  /** "MNIST digits", "Your images". */
  readonly images: string;
}

const MNIST_DIGITS: ExpectedInput = { shape: MNIST_INPUT_SHAPE, images: 'MNIST digits' };

/** The problem with a declared input shape (batch axis first), or null when it is the expected one. */
function checkInputShape(declared: unknown, expectedInput: ExpectedInput): string | null {
  const dims = Array.isArray(declared) && declared.length >= 2 && declared.length <= 8 ? items(declared) : [];
  const [batch, ...shape] = dims;
  const isDim = (d: unknown) => d === null || isPositiveInteger(d);
  if (dims.length === 0 || !isDim(batch) || !shape.every(isDim)) {
    return `The model's input shape must be a list like [null, 28, 28, 1], not ${describeValue(declared)}.`;
  }
  const wanted = `(${expectedInput.shape.join(', ')})`;
  const expected = `(${shape.map((d) => d ?? 'None').join(', ')})`;
  return expected === wanted ? null : `The model expects input ${expected}; ${expectedInput.images} are ${wanted}.`;
}

/** The topology in any of the wrappings Keras and tfjs write: bare, a model.json's modelTopology, or its model_config. */
export function unwrapTopology(json: unknown): unknown {
  let topology = json;
  for (const wrapper of ['modelTopology', 'model_config']) {
    if (isRecord(topology) && own(topology, wrapper) !== undefined) topology = own(topology, wrapper);
  }
  return topology;
}

/** The layer list and build_input_shape of a Sequential model in any of the wrappings Keras and tfjs write. */
function findSequential(json: unknown): { layers: readonly unknown[]; buildInputShape: unknown } | string {
  const notTopology = 'Not a model topology: expected a Sequential model.';
  const topology = unwrapTopology(json);
  if (!isRecord(topology)) return notTopology;
  const className = own(topology, 'class_name');
  if (className === 'Functional' || className === 'Model') {
    return `This is a functional model (class_name ${describeValue(className)}); only Sequential models can be imported.`;
  }
  if (className === undefined) return notTopology;
  if (className !== 'Sequential') return `Not a model topology: expected a Sequential model, not class_name ${describeValue(className)}.`;
  const config = own(topology, 'config');
  // Keras before 2.2 wrote a Sequential's config as the bare layer list.
  if (Array.isArray(config)) return { layers: config, buildInputShape: undefined };
  const layers = isRecord(config) ? own(config, 'layers') : undefined;
  if (!isRecord(config) || !Array.isArray(layers)) return 'The Sequential model has no config.layers list.';
  return { layers, buildInputShape: own(config, 'build_input_shape') };
}

/** Keras takes the input shape from the first layer (or the InputLayer) and ignores it on later ones. */
function declaredInputOf(found: { layers: readonly unknown[]; buildInputShape: unknown }): unknown {
  const first = found.layers.length > 0 ? own(found.layers, '0') : undefined;
  const firstConfig = isRecord(first) ? own(first, 'config') : undefined;
  const firstInput = isRecord(firstConfig) ? (own(firstConfig, 'batch_input_shape') ?? own(firstConfig, 'batch_shape')) : undefined;
  return firstInput ?? found.buildInputShape;
}

/** The input shape a Sequential topology declares (batch axis first), unchecked; undefined where it declares none. */
export function declaredInputShape(json: unknown): unknown {
  const found = findSequential(json);
  return typeof found === 'string' ? undefined : declaredInputOf(found);
}

/**
 * The layers of a Keras or tfjs Sequential model topology for the expected input (MNIST's 28×28×1 unless told), or
 * what makes it unusable. Layers are
 * numbered from 1 as they appear in the file, an InputLayer included. Initializers, names, seeds and dtype are ignored:
 * the editor trains from scratch in float32. Layers that do not fit together are imported; findModelIssues says why.
 */
export function specFromTopology(json: unknown, expectedInput: ExpectedInput = MNIST_DIGITS): TopologyImport {
  const found = findSequential(json);
  if (typeof found === 'string') return { ok: false, message: found };
  const count = found.layers.length;
  if (count === 0) return { ok: false, message: 'The Sequential model has no layers.' };
  if (count > MAX_IMPORTED_LAYERS) {
    return { ok: false, message: `The model has ${formatCount(count)} layers; the editor takes at most ${MAX_IMPORTED_LAYERS}.` };
  }

  const entries = items(found.layers);
  const declaredInput = declaredInputOf(found);
  if (declaredInput === undefined) {
    const message = `The model does not declare its input shape; give the first layer batch_input_shape [null, ${expectedInput.shape.join(', ')}].`;
    return { ok: false, message };
  }
  const inputProblem = checkInputShape(declaredInput, expectedInput);
  if (inputProblem !== null) return { ok: false, message: inputProblem };

  const layers: LayerSpec[] = [];
  let inputRank = expectedInput.shape.length;
  for (const [i, entry] of entries.entries()) {
    const className = isRecord(entry) ? own(entry, 'class_name') : undefined;
    const config = isRecord(entry) ? own(entry, 'config') : undefined;
    if (typeof className !== 'string' || !isRecord(config)) {
      return { ok: false, message: `Layer ${i + 1} is not a layer: expected an object with class_name and config.` };
    }
    const label = `Layer ${i + 1} (${/^\w{1,40}$/.test(className) ? className : describeValue(className)})`;
    if (className === 'InputLayer') {
      if (i > 0) return { ok: false, message: `${label}: an InputLayer can only come first.` };
      continue;
    }
    const readLayer = LAYER_READERS.get(className);
    if (!readLayer) return { ok: false, message: `${label} is not supported: the editor has ${EDITOR_LAYERS}.` };
    const read = readConfig(config);
    const layer = readLayer(read, inputRank);
    read.require('trainable', (v) => isAbsentOr(v, true), 'trainable %s (a frozen layer) is not supported');
    const problem = read.problem();
    if (problem !== null) return { ok: false, message: `${label}: ${problem}.` };
    if (layer.type === 'Flatten') inputRank = 1;
    layers.push(layer);
  }
  return layers.length > 0 ? { ok: true, layers } : { ok: false, message: 'The Sequential model has no layers after its InputLayer.' };
}
