/**
 * A saved model as files and back: the model.json and weights tfjs' model.save(browserDownloads()) writes, carrying the
 * shelf's facts, and a validated upload turned into a model for the shelf.
 */
import { z } from 'zod';
import { nameLayers } from '../domain/analysis.ts';
import { describeDatasetRef, MNIST_REF, type DatasetRef } from '../domain/datasetRef.ts';
import { formatInputShape, MNIST_INFO, sameInputShape } from '../domain/datasets.ts';
import { BOOK_TRAINING } from '../domain/defaults.ts';
import { validateModelFiles, type ModelFiles, type WeightsFile, type WeightSpec } from '../domain/keras/modelFiles.ts';
import type { LayerSpec } from '../domain/modelSpec.ts';
import { expectedWeights } from '../domain/keras/weights.ts';
import { validateTrainingSettings } from '../domain/settings.ts';
import { topologyFromSpec } from '../domain/keras/topology.ts';
import { readUploadInput, type InputShape } from './savedModelInput.ts';
import { checkModelName, MAX_MODEL_NAME_LENGTH, newModelId, type SavedModel } from './modelStore.ts';
import { datasetRefSchema, trainingSchema } from './recordSchemas.ts';

/** What tfjs 4.22's model.save(browserDownloads()) writes; topologyFromSpec matches that release. */
const GENERATED_BY = 'TensorFlow.js tfjs-layers v4.22.0';

export interface ModelDownload {
  /** Name the files `${baseName}.json` and `${baseName}.weights.bin`, as browserDownloads(baseName) would. */
  readonly baseName: string;
  readonly modelJson: string;
  /** The model's own buffer, not a copy. */
  readonly weights: ArrayBuffer;
}

/** A file-system-safe, lower-case slug of the name: 'Chapter 5 · 99.1%' → 'chapter-5-99-1'; never empty. */
function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug || 'model';
}

/** model.json and weights as tfjs' model.save(browserDownloads()) writes them, with the shelf's facts in userDefinedMetadata. */
export function modelFilesFor(model: SavedModel): ModelDownload {
  const baseName = slugOf(model.name);
  const { name, testAccuracy, testCount, savedAt, dataset } = model;
  const json = {
    modelTopology: model.modelTopology,
    format: 'layers-model',
    generatedBy: GENERATED_BY,
    convertedBy: null,
    weightsManifest: [{ paths: [`./${baseName}.weights.bin`], weights: model.weightSpecs }],
    userDefinedMetadata: { convnetPlayground: { name, testAccuracy, testCount, savedAt, training: model.spec.training, dataset } },
  };
  return { baseName, modelJson: JSON.stringify(json), weights: model.weightData };
}

/** Each fact on its own: a bad accuracy does not cost the name. Training settings count only if they could train. */
const metadataSchema = z.object({
  name: z.string().catch(''),
  testAccuracy: z.number().min(0).max(1).nullable().catch(null),
  testCount: z.number().int().nonnegative().nullable().catch(null),
  training: trainingSchema.refine((training) => validateTrainingSettings(training).length === 0).nullable().catch(null),
  /** Absent in files written before models kept their data (MNIST then); a damaged one costs only itself. */
  dataset: datasetRefSchema.nullable().catch(null),
});
const playgroundMetadata = z.object({ userDefinedMetadata: z.object({ convnetPlayground: metadataSchema }) });

function readMetadata(modelJson: string): z.infer<typeof metadataSchema> | null {
  try {
    const parsed = playgroundMetadata.safeParse(JSON.parse(modelJson));
    return parsed.success ? parsed.data.userDefinedMetadata.convnetPlayground : null;
  } catch {
    return null;
  }
}

export interface ModelUpload {
  readonly validated: Extract<ModelFiles, { ok: true }>;
  /** model.json's text, for the shelf's metadata a download from here carries. */
  readonly modelJson: string;
  readonly fileName: string;
  /** H, W, C as the file's first layer declares them (readUploadInput). */
  readonly inputShape: InputShape;
}

export type UploadedModel = { readonly ok: true; readonly model: SavedModel } | { readonly ok: false; readonly message: string };

/**
 * An uploaded model.json and its weights, checked for the images its first layer declares, as a model for the shelf; or
 * why not: an input shape no data here can have, files that do not fit together, or a dataset field that disagrees.
 */
export function readUploadedModel(modelJson: string, weightsFiles: readonly WeightsFile[], fileName: string, now = Date.now()): UploadedModel {
  const input = readUploadInput(modelJson);
  if (!input.ok) return input;
  const expectedInput = input.shape ? { shape: input.shape, images: 'its images' } : undefined;
  const validated = validateModelFiles({ modelJson, weightsFiles, expectedInput });
  if (!validated.ok) return validated;
  return savedModelFromFiles({ validated, modelJson, fileName, inputShape: input.shape ?? MNIST_INFO.inputShape }, now);
}

/**
 * An uploaded model ready for the shelf. Its topology is rewritten by topologyFromSpec, with weights renamed to match,
 * so what was a Keras 3 file or had tfjs' own layer names loads in tfjs as the editor's models do. Refused when the
 * file's dataset field names other images or classes than its model reads.
 */
export function savedModelFromFiles({ validated, modelJson, fileName, inputShape }: ModelUpload, now = Date.now()): UploadedModel {
  const { layers } = validated;
  const expected = expectedWeights(layers, inputShape);
  if (!expected.ok) throw new Error(`validateModelFiles accepted layers that cannot be built: ${expected.message}`);
  const names = nameLayers(layers);
  const weightSpecs = validated.weightSpecs.map((spec, i): WeightSpec => {
    const weight = expected.weights[i];
    return weight ? { ...spec, name: `${names[weight.layerIndex] ?? ''}/${weight.role}` } : spec;
  });
  const meta = readMetadata(modelJson);
  const dataset = datasetOfUpload(meta?.dataset ?? null, layers, inputShape);
  if (typeof dataset === 'string') return { ok: false, message: dataset };
  const fromMeta = checkModelName(meta?.name ?? '');
  const fromFile = checkModelName(fileName.replace(/\.json$/i, '').slice(0, MAX_MODEL_NAME_LENGTH));
  const model: SavedModel = {
    id: newModelId(now),
    name: fromMeta.ok ? fromMeta.name : fromFile.ok ? fromFile.name : 'Uploaded model',
    spec: { layers, training: meta?.training ?? BOOK_TRAINING },
    dataset,
    testAccuracy: meta?.testAccuracy ?? null,
    testCount: meta?.testCount ?? null,
    backend: null,
    savedAt: now,
    origin: 'uploaded',
    modelTopology: topologyFromSpec(layers, inputShape),
    weightSpecs,
    weightData: validated.weightData,
  };
  return { ok: true, model };
}

/**
 * The data an uploaded model was made for: its file's, whose images must be the ones the model's first layer reads (a
 * model answering with other than one unit a class is kept as saved: the shelf greys it with that reason); for a file
 * without one, MNIST's where the model reads 28×28×1 (as files from before models kept their data), else unnamed data
 * of the model's shape and class count. A disagreement is the message.
 */
function datasetOfUpload(claimed: DatasetRef | null, layers: readonly LayerSpec[], inputShape: InputShape): DatasetRef | string {
  if (claimed) {
    if (sameInputShape(claimed.inputShape, inputShape)) return claimed;
    return `The file says its model was made for ${describeDatasetRef(claimed)}, but its first layer reads ${formatInputShape(inputShape)} images.`;
  }
  if (sameInputShape(inputShape, MNIST_INFO.inputShape)) return MNIST_REF;
  const last = layers.findLast((layer) => layer.type === 'Dense');
  const classNames = Array.from({ length: last?.type === 'Dense' ? Math.min(last.units, 1_000) : 0 }, (_, i) => String(i));
  return { id: 'uploaded', title: 'Unnamed data', inputShape, classNames };
}
