/**
 * A model and its training settings as a short, shareable URL fragment, and back.
 * Decoding trusts nothing: every value is checked by a schema, and a bad fragment becomes a message.
 */
import { z } from 'zod';
import { MNIST_REF, sameData, type DatasetRef } from './datasetRef.ts';
import type { LayerSpec, ModelSpec, Pair } from './modelSpec.ts';
import { ACTIVATIONS, MAX_LAYERS, OPTIMIZERS } from './modelSpec.ts';

const FORMAT_VERSION = 1;

/** A number, or null where the person left a field blank or unreadable (JSON writes NaN as null): read back as NaN, so the work survives and the field still shows its error. */
const num = z
  .number()
  .finite()
  .nullable()
  .transform((v) => v ?? NaN);
const optionalStride = z.number().finite().nullable();
const padding = z.enum(['v', 's']);
const activation = z.enum(ACTIVATIONS);

/**
 * One array per layer, first element the layer's letter: far shorter than named JSON. A pooling layer's strides are
 * null, null for "the pool size"; custom strides end in 'c', so a blank stride (null) stays a blank stride.
 */
const compactLayer = z.union([
  z.tuple([z.literal('C'), num, num, num, num, num, padding, activation]),
  z.tuple([z.enum(['M', 'A']), num, num, optionalStride, optionalStride, padding]),
  z.tuple([z.enum(['M', 'A']), num, num, num, num, padding, z.literal('c')]),
  z.tuple([z.literal('F')]),
  z.tuple([z.literal('D'), num, activation]),
  z.tuple([z.literal('O'), num]),
  z.tuple([z.literal('B')]),
]);

const compactModel = z.object({
  v: z.literal(FORMAT_VERSION),
  l: z.array(compactLayer).max(MAX_LAYERS),
  t: z.tuple([z.enum(OPTIMIZERS), num, num, num, num, num, num]),
  /** The data the model was made for, read on its own (linkDataset): absent in links from before, which were MNIST's. */
  d: z.unknown().optional(),
});

/** A link's dataset is cut to these, so a link stays within MAX_FRAGMENT_LENGTH whatever the person named things. */
const LINK_TEXT = 64;
const LINK_CLASSES = 100;
const side = z.number().int().min(1).max(4_096);
/** [id, title, height, width, channels, class names]: Your images travel whole, so the page can tell whether it holds them. */
const linkDataset = z.tuple([z.string().max(LINK_TEXT), z.string().max(LINK_TEXT), side, side, side, z.array(z.string().max(LINK_TEXT)).max(LINK_CLASSES)]);
type CompactDataset = z.infer<typeof linkDataset>;

function compactDatasetOf({ id, title, inputShape, classNames }: DatasetRef): CompactDataset {
  const cut = (text: string) => text.slice(0, LINK_TEXT);
  return [cut(id), cut(title), ...inputShape, classNames.slice(0, LINK_CLASSES).map(cut)];
}

/** The link's dataset: MNIST's when it names none (links before datasets), null when what it names cannot be read. */
function datasetOfLink(d: unknown): DatasetRef | null {
  if (d === undefined) return MNIST_REF;
  const parsed = linkDataset.safeParse(d);
  if (!parsed.success) return null;
  const [id, title, height, width, channels, classNames] = parsed.data;
  return { id, title, inputShape: [height, width, channels], classNames };
}

type CompactLayer = z.infer<typeof compactLayer>;

const PAD = { valid: 'v', same: 's' } as const;
const UNPAD = { v: 'valid', s: 'same' } as const;

function compactOf(layer: LayerSpec): CompactLayer {
  switch (layer.type) {
    case 'Conv2D':
      return ['C', layer.filters, ...layer.kernelSize, ...layer.strides, PAD[layer.padding], layer.activation];
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const letter = layer.type === 'MaxPooling2D' ? 'M' : 'A';
      const pad = PAD[layer.padding];
      return layer.strides === null ? [letter, ...layer.poolSize, null, null, pad] : [letter, ...layer.poolSize, ...layer.strides, pad, 'c'];
    }
    case 'Flatten':
      return ['F'];
    case 'Dense':
      return ['D', layer.units, layer.activation];
    case 'Dropout':
      return ['O', layer.rate];
    case 'BatchNormalization':
      return ['B'];
  }
}

function layerOf(compact: CompactLayer): LayerSpec {
  switch (compact[0]) {
    case 'C': {
      const [, filters, kh, kw, sh, sw, pad, act] = compact;
      return { type: 'Conv2D', filters, kernelSize: [kh, kw], strides: [sh, sw], padding: UNPAD[pad], activation: act };
    }
    case 'M':
    case 'A': {
      const [letter, ph, pw, sh, sw, pad] = compact;
      // Links written before the 'c' mark had one null for a blank stride, which reads as "the pool size".
      const isCustom = compact.length === 7;
      const strides: Pair | null = isCustom ? [sh ?? NaN, sw ?? NaN] : sh === null || sw === null ? null : [sh, sw];
      return { type: letter === 'M' ? 'MaxPooling2D' : 'AveragePooling2D', poolSize: [ph, pw], strides, padding: UNPAD[pad] };
    }
    case 'F':
      return { type: 'Flatten' };
    case 'D':
      return { type: 'Dense', units: compact[1], activation: compact[2] };
    case 'O':
      return { type: 'Dropout', rate: compact[1] };
    case 'B':
      return { type: 'BatchNormalization' };
  }
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The fragment (without '#') that carries this model, and the data it is for unless that is MNIST: `model=…`. */
export function encodeModelFragment(spec: ModelSpec, dataset: DatasetRef = MNIST_REF): string {
  const t = spec.training;
  const isMnist = dataset.id === MNIST_REF.id && sameData(dataset, MNIST_REF);
  const compact = {
    v: FORMAT_VERSION,
    l: spec.layers.map(compactOf),
    t: [t.optimizer, t.learningRate, t.batchSize, t.epochs, t.trainSize, t.validationSplit, t.testSize],
    ...(isMnist ? {} : { d: compactDatasetOf(dataset) }),
  };
  return `model=${toBase64Url(JSON.stringify(compact))}`;
}

/** JSON's longest number (25 characters): 17 digits after "-0.00000". */
const longest = -0.0000012345678901234567;
/** JSON's longest character: a control character, written \u0001. */
const longestText = '\u0001'.repeat(LINK_TEXT);
/**
 * The longest link encodeModelFragment writes for a model within MAX_LAYERS: every layer a Conv2D (the longest kind) and
 * every number at its longest, about 40,000 characters. Longer fragments are refused before they are decoded; a lower
 * limit would refuse a model the editor holds, and lose it on reload, since the editor keeps its model as this link.
 */
export const MAX_FRAGMENT_LENGTH = encodeModelFragment({
  layers: Array.from({ length: MAX_LAYERS }, () => ({ type: 'Conv2D', filters: longest, kernelSize: [longest, longest], strides: [longest, longest], padding: 'same', activation: 'sigmoid' })),
  training: { optimizer: 'rmsprop', learningRate: longest, batchSize: longest, epochs: longest, trainSize: longest, validationSplit: longest, testSize: longest },
}, { id: longestText, title: longestText, inputShape: [4_096, 4_096, 4_096], classNames: Array.from({ length: LINK_CLASSES }, () => longestText) }).length - 'model='.length;

export type FragmentDecode =
  /** dataset: what the model was made for (MNIST's for links from before datasets); null when the link's cannot be read. */
  | { readonly ok: true; readonly spec: ModelSpec; readonly dataset: DatasetRef | null }
  /** newer: the link is well formed but of a format version after this page's. */
  | { readonly ok: false; readonly message: string; readonly newer?: true }
  /** The fragment carries no model at all: nothing to say. */
  | { readonly ok: 'empty' };

/** Reads a model from a URL fragment such as `#model=…`. Never throws. */
export function decodeModelFragment(fragment: string): FragmentDecode {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const encoded = params.get('model');
  if (encoded === null || encoded === '') return { ok: 'empty' };
  if (encoded.length > MAX_FRAGMENT_LENGTH) return { ok: false, message: 'The shared link is too long to be a model.' };
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return { ok: false, message: 'The shared link is damaged: it has characters a model link never has.' };
  let json: unknown;
  try {
    json = JSON.parse(fromBase64Url(encoded));
  } catch {
    return { ok: false, message: 'The shared link is damaged or cut short: its model could not be read.' };
  }
  const parsed = compactModel.safeParse(json);
  if (!parsed.success) {
    const version = typeof json === 'object' && json !== null && Object.hasOwn(json, 'v') ? (json as { v: unknown }).v : undefined;
    if (typeof version === 'number' && Number.isSafeInteger(version) && version > FORMAT_VERSION) {
      return { ok: false, newer: true, message: `The shared link is from a newer version of the playground (format ${version}): reload the page.` };
    }
    return { ok: false, message: 'The shared link does not describe a model this playground can build.' };
  }
  const [optimizer, learningRate, batchSize, epochs, trainSize, validationSplit, testSize] = parsed.data.t;
  return {
    ok: true,
    spec: {
      layers: parsed.data.l.map(layerOf),
      training: { optimizer, learningRate, batchSize, epochs, trainSize, validationSplit, testSize },
    },
    dataset: datasetOfLink(parsed.data.d),
  };
}
