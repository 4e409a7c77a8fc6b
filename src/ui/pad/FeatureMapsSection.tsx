import { useMemo } from 'react';
import type { ModelFilters } from '../../engine/engineState.ts';
import type { FeatureMapLayer } from '../../training/protocol.ts';
import { TiledImageGrid, type PickedCell, type TiledImages } from '../common/TiledImageGrid.tsx';

interface FeatureMapsSectionProps {
  /** The reading model's first-layer kernels; null while no model is ready. */
  readonly filters: ModelFilters | null;
  /** Each layer's output for the digit on the pad, once one is drawn and read. */
  readonly featureMaps: readonly FeatureMapLayer[] | null;
  /** Asks to explain a cell of a layer's map. */
  readonly onPick?: (layerIndex: number, cell: PickedCell) => void;
  /** The cell being explained, to mark on its map. */
  readonly picked?: { readonly layerIndex: number; readonly cell: PickedCell } | null;
}

/**
 * The grids' pictures, made once per set of maps: a grid repaints every tile when its pictures or picked cell is a new
 * object, and the pad renders on every stroke, answer and attribution, so new objects each render cost a repaint of
 * every map on the main thread, where the next stroke waits.
 */
function useGridImages(filters: ModelFilters | null, featureMaps: readonly FeatureMapLayer[] | null, picked: FeatureMapsSectionProps['picked']) {
  const filterImages = useMemo<TiledImages | null>(
    () => filters && { label: `First layer filters (${filters.height}×${filters.width} kernels it learned)`, unit: 'filter', count: filters.count, height: filters.height, width: filters.width, pixels: filters.pixels },
    [filters],
  );
  const layers = useMemo(
    () =>
      (featureMaps ?? []).map((map) => ({
        map,
        images: { label: `${map.layerName} (${map.layerType})`, unit: 'channel', count: map.channels, height: map.height, width: map.width, pixels: map.pixels } satisfies TiledImages,
      })),
    [featureMaps],
  );
  const { tile, row, col } = picked?.cell ?? {};
  const pickedCell = useMemo(() => (tile === undefined || row === undefined || col === undefined ? null : { tile, row, col }), [tile, row, col]);
  return { filterImages, layers, pickedLayer: picked?.layerIndex ?? null, pickedCell };
}

/** What the network sees: the filters it learned and each layer's channels for the digit. */
export function FeatureMapsSection({ filters, featureMaps, onPick, picked }: FeatureMapsSectionProps) {
  const { filterImages, layers, pickedLayer, pickedCell } = useGridImages(filters, featureMaps, picked);
  return (
    <details className="feature-maps" open>
      <summary>What the network sees</summary>
      <p className="muted small">
        Each small image is one channel of a layer's output for your digit (bright = strong). Point at one, or focus a grid and
        use the arrow keys, to see which it is. Click a cell (or press Enter on a grid) to see how its number is computed.
        BatchNormalization, Dropout, Flatten and Dense layers have no map to draw; the last layer's softmax is explained from
        the button by the probabilities.
      </p>
      <div className="feature-map-list">
        {filterImages && <TiledImageGrid images={filterImages} />}
        {layers.map(({ map, images }) => (
          <TiledImageGrid
            key={map.layerName}
            images={images}
            onPick={onPick && ((cell) => onPick(map.layerIndex, cell))}
            picked={pickedLayer === map.layerIndex ? pickedCell : null}
          />
        ))}
      </div>
    </details>
  );
}
