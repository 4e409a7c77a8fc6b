import { refOfDataset, type DatasetRef } from '../../domain/datasetRef.ts';
import type { DatasetId, DatasetInfo } from '../../domain/datasets.ts';

/** The data the shelf offers models for, and the way to switch to another model's data. */
export interface ShelfData {
  /** The picker's dataset: a model is offered for use only when made for data of its shape and classes. */
  readonly current: DatasetInfo;
  /** The person's images kept in this browser, when loaded: a model made for them can switch to them. */
  readonly held: DatasetInfo | null;
  /** Whether `held` is known yet: the kept images load when first shown, so until then a model for them may fit. */
  readonly heldLoaded: boolean;
  readonly onSwitch: (id: DatasetId) => void;
  /** A run going: the data cannot change until it ends. */
  readonly locked: boolean;
}

/** The data a reload restores a model for: null while the person's kept images are still loading (not yet known). */
export function dataToRestoreFor({ current, heldLoaded }: Pick<ShelfData, 'current' | 'heldLoaded'>): DatasetRef | null {
  return current.id === 'your-images' && !heldLoaded ? null : refOfDataset(current);
}
