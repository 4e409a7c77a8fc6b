import type { ModelFilters } from '../../engine/engineState.ts';
import type { FeatureMapLayer } from '../../training/protocol.ts';
import { TiledImageGrid, type PickedCell } from '../common/TiledImageGrid.tsx';

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

/** What the network sees: the filters it learned and each layer's channels for the digit. */
export function FeatureMapsSection({ filters, featureMaps, onPick, picked }: FeatureMapsSectionProps) {
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
        {filters && (
          <TiledImageGrid
            images={{ label: `First layer filters (${filters.height}×${filters.width} kernels it learned)`, unit: 'filter', count: filters.count, height: filters.height, width: filters.width, pixels: filters.pixels }}
          />
        )}
        {featureMaps?.map((map) => (
          <TiledImageGrid
            key={map.layerName}
            images={{ label: `${map.layerName} (${map.layerType})`, unit: 'channel', count: map.channels, height: map.height, width: map.width, pixels: map.pixels }}
            onPick={onPick && ((cell) => onPick(map.layerIndex, cell))}
            picked={picked?.layerIndex === map.layerIndex ? picked.cell : null}
          />
        ))}
      </div>
    </details>
  );
}
