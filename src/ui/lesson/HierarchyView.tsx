import { useEffect, useId, useMemo, useState } from 'react';
import type { ModelFilters } from '../../engine/engineState.ts';
import type { EngineRequest } from '../../engine/trainingEngine.ts';
import type { FeatureMapLayer } from '../../training/protocol.ts';
import { TiledImageGrid } from '../common/TiledImageGrid.tsx';

interface HierarchyViewProps {
  readonly request: EngineRequest;
  /** The pad's 28×28 input (0–1); null while the pad is empty. */
  readonly pixels: Float32Array | null;
  /** The book's convnet's first-layer kernels. */
  readonly filters: ModelFilters;
  /** Told which deeper convolution's maps for the learner's digit are on screen (null: none), for the step's check. */
  readonly onShown: (layerName: string | null) => void;
}

/** The book's convnet's feature maps for the pad's digit, from the worker's `predict`; null while none. */
function useDigitMaps(request: EngineRequest, pixels: Float32Array | null) {
  const [maps, setMaps] = useState<{ pixels: Float32Array; layers: readonly FeatureMapLayer[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!pixels) return;
    let current = true;
    void request({ type: 'predict', slot: 'pretrained', pixels, featureMaps: true }).then((answer) => {
      if (!current) return;
      if (answer.type === 'prediction') setMaps({ pixels, layers: answer.featureMaps ?? [] });
      setProblem(answer.type === 'model-error' ? answer.message : null);
    });
    return () => {
      current = false;
    };
  }, [request, pixels]);
  return { layers: maps && maps.pixels === pixels ? maps.layers : null, problem };
}

/** First-layer filters beside a deeper layer's maps for the learner's own digit; the learner picks the layer. */
export function HierarchyView({ request, pixels, filters, onShown }: HierarchyViewProps) {
  const { layers, problem } = useDigitMaps(request, pixels);
  const [chosen, setChosen] = useState('');
  const selectId = useId();
  const deeper = useMemo(() => (layers ?? []).filter((layer) => layer.layerType === 'Conv2D').slice(1), [layers]);
  const shown = deeper.find((layer) => layer.layerName === chosen) ?? null;
  useEffect(() => onShown(shown?.layerName ?? null), [shown, onShown]);
  if (!pixels) return <p className="lesson-muted">Draw a digit on the pad: its feature maps appear here.</p>;
  return (
    <div className="lesson-experiment">
      {problem && <p className="error">{problem}</p>}
      {filters && (
        <figure className="lesson-maps">
          <TiledImageGrid images={{ label: 'First-layer filters of the book’s convnet', unit: 'filter', ...filters }} />
          <figcaption>The first layer’s {filters.count} filters: 3×3 stroke detectors.</figcaption>
        </figure>
      )}
      <label htmlFor={selectId}>Deeper layer, for your digit </label>
      <select id={selectId} value={chosen} onChange={(event) => setChosen(event.target.value)}>
        <option value="">Choose a layer</option>
        {deeper.map((layer) => (
          <option key={layer.layerName} value={layer.layerName}>
            {layer.layerName} ({layer.channels} maps, {layer.height}×{layer.width})
          </option>
        ))}
      </select>
      {shown && (
        <figure className="lesson-maps">
          <TiledImageGrid images={{ label: `${shown.layerName} feature maps for your digit`, unit: 'channel', count: shown.channels, height: shown.height, width: shown.width, pixels: shown.pixels }} />
          <figcaption>
            {shown.layerName}: each {shown.height}×{shown.width} map combines the maps below it, so one of its values sees a wider patch of your digit.
          </figcaption>
        </figure>
      )}
    </div>
  );
}
