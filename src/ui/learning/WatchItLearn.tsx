/**
 * Room src/ui/learning/: "watch it learn" — the first layer's filters and one test digit's feature maps as a run
 * trains, one frame before the first batch and one after each epoch, to scrub through afterwards.
 */
import { memo, useState } from 'react';
import type { FilmSnapshot } from '../../engine/learningFilm.ts';
import type { LearningFrame } from '../../training/protocol.ts';
import { DigitImage } from '../common/DigitImage.tsx';
import { TiledImageGrid } from '../common/TiledImageGrid.tsx';
import { useStoreSnapshot, type SnapshotStore } from '../common/useStoreSnapshot.ts';
import './learning.css';

interface WatchItLearnProps {
  readonly film: SnapshotStore<FilmSnapshot>;
  readonly onWatch: (on: boolean) => void;
}

const frameName = (frame: LearningFrame) => (frame.epoch === 0 ? 'before training' : `after epoch ${frame.epoch}`);

function FrameView({ frame }: { readonly frame: LearningFrame }) {
  const read = frame.probabilities.indexOf(Math.max(...frame.probabilities));
  const { filters } = frame;
  return (
    <div className="learning-frame" data-epoch={frame.epoch} data-filters={filters ? Array.from(filters.pixels).join(' ') : ''}>
      <figure className="learning-digit">
        <DigitImage images={frame.digit.pixels} index={0} size={84} label={`Test digit, labelled ${frame.digit.label}`} />
        <figcaption>
          A test digit ({frame.digit.label}): read as {read}, {((frame.probabilities[read] ?? 0) * 100).toFixed(0)}% sure
        </figcaption>
      </figure>
      <div className="feature-map-list">
        {filters && (
          <TiledImageGrid
            images={{ label: `First layer filters, ${frameName(frame)}`, unit: 'filter', count: filters.count, height: filters.height, width: filters.width, pixels: filters.pixels }}
          />
        )}
        {frame.featureMaps.map((map) => (
          <TiledImageGrid
            key={map.layerName}
            images={{ label: `${map.layerName} (${map.layerType}), ${frameName(frame)}`, unit: 'channel', count: map.channels, height: map.height, width: map.width, pixels: map.pixels }}
          />
        ))}
      </div>
    </div>
  );
}

/** Memoised: the page re-renders every second while a run trains, and redrawing the frame's maps each time would take CPU from it. */
export const WatchItLearn = memo(function WatchItLearn({ film, onWatch }: WatchItLearnProps) {
  const { frames, watching, runId } = useStoreSnapshot(film);
  // null follows the newest frame; a number is a frame the person scrubbed to (kept while the run goes on).
  const [chosen, setChosen] = useState<{ runId: number | null; index: number } | null>(null);
  const index = chosen && chosen.runId === runId && chosen.index < frames.length ? chosen.index : frames.length - 1;
  const frame = frames[index];
  const framesMs = frames.reduce((total, f) => total + f.computeMs, 0);
  return (
    <section className="card watch-learn" aria-labelledby="watch-learn-heading">
      <h2 id="watch-learn-heading">Watch it learn</h2>
      <label className="watch-toggle">
        <input type="checkbox" checked={watching} onChange={(e) => onWatch(e.target.checked)} /> Show the filters and one test digit’s maps as the model trains
      </label>
      {!frame && (
        <p className="muted small">
          {watching
            ? 'Train a model: its first layer’s filters, and what its layers make of one test digit, appear here before the first batch and after each epoch.'
            : 'Off: training sends no pictures (it costs a forward pass of one image per epoch).'}
        </p>
      )}
      {frame && (
        <>
          <label className="epoch-scrubber">
            <span>Epoch: {frameName(frame)}</span>
            <input
              type="range"
              min={0}
              max={frames.length - 1}
              value={index}
              aria-valuetext={frameName(frame)}
              // Back at the newest frame, it follows the run again (Infinity is past any frame, so the newest is shown).
              onChange={(e) => setChosen({ runId, index: Number(e.target.value) === frames.length - 1 ? Infinity : Number(e.target.value) })}
            />
          </label>
          <FrameView frame={frame} />
          <p className="muted small" data-frames-ms={framesMs.toFixed(1)}>
            Making these {frames.length} pictures took the training worker {framesMs.toFixed(0)} ms in all.
          </p>
        </>
      )}
    </section>
  );
});
