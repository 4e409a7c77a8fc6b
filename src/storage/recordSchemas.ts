/**
 * What a model spec read back from browser storage must look like. Stored records outlive the page version that wrote
 * them and can be damaged, so the stores parse every record they read with these schemas.
 */
import { z } from 'zod';
import type { DatasetRef } from '../domain/datasetRef.ts';
import { ACTIVATIONS, OPTIMIZERS, PADDINGS, type LayerSpec, type ModelSpec, type TrainingSettings } from '../domain/modelSpec.ts';
import type { BatchPoint, EpochMetrics } from '../training/protocol.ts';

/**
 * A stored list, at most 10,000 items: far more than the page writes (300 chart points, 100 epochs, 10 classes, and for
 * MAX_LAYERS layers 800 weights and 801 optimizer slots), so a damaged list is refused at its length, at once. Without
 * the bound zod words an issue for every bad item: 100,000 of them took 0.4 to 0.9 s a record, in every list, load and
 * rename.
 */
export const MAX_STORED_ITEMS = 10_000;
export const storedList = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_STORED_ITEMS);

/** Any number: a diverging run's loss or a diverged model's accuracy is NaN or Infinity, and it is still worth keeping. */
export const anyNumber = z.custom<number>((value) => typeof value === 'number');
const pair = z.tuple([anyNumber, anyNumber]);
const padding = z.enum(PADDINGS);
const activation = z.enum(ACTIVATIONS);
const pooling = { poolSize: pair, strides: pair.nullable(), padding };

const layerSchema: z.ZodType<LayerSpec> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Conv2D'), filters: anyNumber, kernelSize: pair, strides: pair, padding, activation }),
  z.object({ type: z.literal('MaxPooling2D'), ...pooling }),
  z.object({ type: z.literal('AveragePooling2D'), ...pooling }),
  z.object({ type: z.literal('BatchNormalization') }),
  z.object({ type: z.literal('Flatten') }),
  z.object({ type: z.literal('Dense'), units: anyNumber, activation }),
  z.object({ type: z.literal('Dropout'), rate: anyNumber }),
]);

export const trainingSchema: z.ZodType<TrainingSettings> = z.object({
  optimizer: z.enum(OPTIMIZERS),
  learningRate: anyNumber,
  batchSize: anyNumber,
  epochs: anyNumber,
  trainSize: anyNumber,
  validationSplit: anyNumber,
  testSize: anyNumber,
});

export const modelSpecSchema: z.ZodType<ModelSpec> = z.object({ layers: storedList(layerSchema), training: trainingSchema });

/** A run's metrics as the stores keep them: a diverging run's may be NaN, and are still worth charting. */
export const epochMetricsSchema: z.ZodType<EpochMetrics> = z.object({
  epoch: anyNumber,
  loss: anyNumber,
  accuracy: anyNumber,
  valLoss: anyNumber.nullable(),
  valAccuracy: anyNumber.nullable(),
  samplesPerSecond: anyNumber,
  elapsedMs: anyNumber,
  etaMs: anyNumber,
  numTensors: anyNumber,
});

export const batchPointSchema: z.ZodType<BatchPoint> = z.object({ epochProgress: anyNumber, step: anyNumber, loss: anyNumber, accuracy: anyNumber });

/** By tag rather than instanceof, which fails for a buffer made in another realm. */
export const arrayBufferSchema = z.custom<ArrayBuffer>((value) => Object.prototype.toString.call(value) === '[object ArrayBuffer]');
/** A model topology as tfjs' model.toJSON() gives it: an object, read as tfjs reads it. */
export const topologySchema = z.custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value));

/** float32 and int32 alike take 4 bytes a value, back to back in weightSpecs' order; a scalar (shape []) is one value. */
export const weightsMatchSpecs = ({ weightSpecs, weightData }: { weightSpecs: readonly { shape: readonly number[] }[]; weightData: ArrayBuffer }) =>
  weightData.byteLength === 4 * weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);

/** A run's or model's data. Any id, so a dataset a newer page knows is still named by its title, never switched to. */
export const datasetRefSchema: z.ZodType<DatasetRef> = z.object({
  id: z.string().max(200),
  title: z.string().max(1_000),
  inputShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]),
  classNames: storedList(z.string().max(1_000)),
});

/** The upgrade to the version that added `dataset`: every record before it was made on MNIST, the only data then. */
export const addDatasetOf =
  (dataset: DatasetRef) =>
  (older: Record<string, unknown>): Record<string, unknown> => ({ ...older, dataset });
