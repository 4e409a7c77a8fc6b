/**
 * The edited model kept in localStorage between visits, as its share-link fragment (whose `v` is the record's version).
 * A kept model this page cannot read (a newer version's, or damaged) is left as it is until the person chooses to
 * save over it: the page never writes over what it cannot read.
 */
import { decodeModelFragment } from '../domain/shareCodec.ts';
import type { ModelSpec } from '../domain/modelSpec.ts';

const STORAGE_KEY = 'convnet-playground.model.v1';

export type KeptModel =
  | { readonly kind: 'none' }
  | { readonly kind: 'kept'; readonly spec: ModelSpec }
  /** message: what the person is told, and that the tab will not write over it. */
  | { readonly kind: 'left-alone'; readonly message: string };

const LEFT_AS_IT_IS = 'This tab keeps your changes in its address only and leaves that copy as it is until you choose to save over it.';

/** What the slot holds. Never throws: storage that cannot be read holds nothing. */
export function readKeptModel(storage: Pick<Storage, 'getItem'> | null): KeptModel {
  let stored: string | null;
  try {
    stored = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return { kind: 'none' };
  }
  if (stored === null || stored === '') return { kind: 'none' };
  const decoded = decodeModelFragment(stored);
  if (decoded.ok === true) return { kind: 'kept', spec: decoded.spec };
  const why =
    decoded.ok === false && decoded.newer
      ? 'The model kept in this browser was saved by a newer version of the playground: reload the page to get that version.'
      : 'The model kept in this browser from an earlier visit cannot be read (damaged or written by something else).';
  return { kind: 'left-alone', message: `${why} ${LEFT_AS_IT_IS}` };
}

/** Keeps the model's fragment; false when the browser refuses (storage off or full). */
export function keepModel(storage: Pick<Storage, 'setItem'> | null, fragment: string): boolean {
  try {
    if (!storage) return false;
    storage.setItem(STORAGE_KEY, fragment);
    return true;
  } catch {
    return false;
  }
}
