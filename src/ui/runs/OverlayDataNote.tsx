import type { DatasetRef } from '../../domain/datasetRef.ts';
import type { RunRecord } from '../../storage/runStore.ts';
import { describeMixedData } from './overlayData.ts';

/** Beside the charts: says so when the curves drawn come from runs on different data. */
export function OverlayDataNote({ overlaid, going }: { readonly overlaid: readonly RunRecord[]; readonly going: DatasetRef | null }) {
  const note = describeMixedData(overlaid, going);
  return note ? (
    <p className="notice" role="note" aria-label="Curves from different data">
      {note}
    </p>
  ) : null;
}
