/**
 * The dataset in the page's address: a shared link opens on the data its model was made for (the picker switches),
 * and the address and the share link carry the data in hand as the person works.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeDatasetRef, refOfDataset, sameData, switchableDataset, type DatasetRef } from '../../domain/datasetRef.ts';
import { formatInputShape, type DatasetId, type DatasetInfo } from '../../domain/datasets.ts';
import type { ModelSpec } from '../../domain/modelSpec.ts';
import { decodeModelFragment, encodeModelFragment } from '../../domain/shareCodec.ts';

interface LinkDatasetInput {
  readonly chosen: DatasetInfo;
  readonly choose: (id: DatasetId) => void;
  /** The person's images: loaded (load()) only when a link is for them. */
  readonly yourImages: { readonly held: DatasetInfo | null; readonly loaded: boolean; readonly load: () => void };
  readonly spec: ModelSpec;
  /** A run going: the data cannot change until it ends. */
  readonly locked: boolean;
}

export interface LinkDataset {
  /** The share link: the model and, unless it is MNIST, the data in hand. */
  readonly shareUrl: string;
  /** What opening the link did about its data, or why it could not; null once dismissed. */
  readonly notice: string | null;
  readonly dismiss: () => void;
}

const classesOf = (ref: DatasetRef) => `${ref.classNames.slice(0, 5).join(', ')}${ref.classNames.length > 5 ? ', …' : ''}`;
const KEPT = 'The model is open in the editor; the data chosen and your images are as they were.';

/**
 * What the link's data means here: the dataset to switch to, or why not. `link` undefined: no link; null: the link's
 * data could not be read.
 */
export function resolveLinkDataset(link: DatasetRef | null, held: DatasetInfo | null): { readonly switchTo: DatasetInfo } | { readonly problem: string } {
  if (link === null) return { problem: `The shared link names its data in a way this page cannot read. ${KEPT}` };
  const target = switchableDataset(link, held);
  if (target) return { switchTo: target };
  const made = `The shared link’s model was made for ${describeDatasetRef(link)} (${classesOf(link)})`;
  if (link.id !== 'your-images') return { problem: `${made}, which this version of the playground does not have. ${KEPT}` };
  if (!held) return { problem: `${made}: those images are not in this browser. ${KEPT} Import the same images under Your images to train it.` };
  const inHand = refOfDataset(held);
  return { problem: `${made}; the images in this browser are ${formatInputShape(inHand.inputShape)} (${classesOf(inHand)}), so the model does not fit them. ${KEPT}` };
}

/** What opening the link did: the dataset it switched to (and the message), or why it could not. */
interface LinkOutcome {
  readonly switchTo: DatasetId | null;
  readonly message: string | null;
}

function outcomeOf(link: DatasetRef | null, held: DatasetInfo | null, chosen: DatasetInfo, locked: boolean): LinkOutcome {
  const resolved = resolveLinkDataset(link, held);
  if ('problem' in resolved) return { switchTo: null, message: resolved.problem };
  const { switchTo } = resolved;
  if (chosen.id === switchTo.id && sameData(refOfDataset(chosen), refOfDataset(switchTo))) return { switchTo: null, message: null };
  if (locked) return { switchTo: null, message: `The shared link’s model was made for ${switchTo.title}: choose it when the run going ends.` };
  return { switchTo: switchTo.id, message: `Opened on ${switchTo.title}, the data the shared link’s model was made for.` };
}

export function useLinkDataset({ chosen, choose, yourImages, spec, locked }: LinkDatasetInput): LinkDataset {
  // Read once, as the page opens, before the editor rewrites the address.
  const [link] = useState(() => {
    const read = decodeModelFragment(window.location.hash);
    return read.ok === true ? read.dataset : undefined;
  });
  const { held, loaded, load } = yourImages;
  // A link for your images waits for the kept ones to load before it is judged.
  const waiting = link === undefined ? false : link?.id === 'your-images' && !loaded;
  const [outcome, setOutcome] = useState<LinkOutcome | null>(null);
  // Decided once, as soon as it can be (state set while rendering, as React allows, rather than in an effect).
  if (link !== undefined && !waiting && outcome === null) setOutcome(outcomeOf(link, held, chosen, locked));
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    if (waiting) load();
  }, [waiting, load]);
  const switched = useRef(false);
  useEffect(() => {
    if (!outcome?.switchTo || switched.current) return;
    switched.current = true;
    choose(outcome.switchTo);
  }, [outcome, choose]);

  const settled = link === undefined || outcome !== null;
  const fragment = useMemo(() => encodeModelFragment(spec, refOfDataset(chosen)), [spec, chosen]);
  useEffect(() => {
    // After the link is judged: until then the address is the link as it came.
    if (settled) window.history.replaceState(null, '', `#${fragment}`);
  }, [fragment, settled]);

  return { shareUrl: `${window.location.origin}${window.location.pathname}#${fragment}`, notice: dismissed ? null : (outcome?.message ?? null), dismiss: () => setDismissed(true) };
}
