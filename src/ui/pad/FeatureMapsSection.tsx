import type { ModelFilters } from '../../engine/engineState.ts';
import type { FeatureMapLayer } from '../../training/protocol.ts';
import { TiledImageGrid } from './FeatureMaps.tsx';

interface FeatureMapsSectionProps {
  /** The reading model's first-layer kernels; null while no model is ready. */
  readonly filters: ModelFilters | null;
  /** Each layer's output for the digit on the pad, once one is drawn and read. */
  readonly featureMaps: readonly FeatureMapLayer[] | null;
}

/** What the network sees: the filters it learned and each layer's channels for the digit. */
export function FeatureMapsSection({ filters, featureMaps }: FeatureMapsSectionProps) {
  return (
    <details className="feature-maps" open>
      <summary>What the network sees</summary>
      <p className="muted small">
        Each small image is one channel of a layer's output for your digit (bright = strong). Point at one, or focus a grid and
        use the arrow keys, to see which it is.
      </p>
      <div className="feature-map-list">
        {filters && (
          <TiledImageGrid
            images={{ label: 'First layer filters (3×3 kernels it learned)', unit: 'filter', count: filters.count, height: filters.height, width: filters.width, pixels: filters.pixels }}
          />
        )}
        {featureMaps?.map((map) => (
          <TiledImageGrid
            key={map.layerName}
            images={{ label: `${map.layerName} (${map.layerType})`, unit: 'channel', count: map.channels, height: map.height, width: map.width, pixels: map.pixels }}
          />
        ))}
      </div>
    </details>
  );
}
