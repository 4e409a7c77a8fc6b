import { useMemo } from 'react';
import { TiledImageGrid, type TiledImages } from '../common/TiledImageGrid.tsx';
import type { MovedDigit, MovedReading } from './useMovedDigit.ts';

/** The same first-layer filter's map at each position of the digit, one tile per position, in the table's order. */
function sameFilterMaps(readings: readonly MovedReading[], filter: number): TiledImages | null {
  const maps = readings.map((reading) => reading.firstMaps);
  const first = maps[0];
  if (!first || maps.some((map) => !map || map.height !== first.height || map.width !== first.width)) return null;
  const size = first.height * first.width;
  const pixels = new Uint8ClampedArray(maps.length * size);
  maps.forEach((map, i) => map && pixels.set(map.pixels.subarray(filter * size, (filter + 1) * size), i * size));
  const where = readings.map((reading) => reading.label).join(', ');
  return { label: `${first.layerName} filter ${filter + 1}, with your digit ${where}`, count: maps.length, height: first.height, width: first.width, pixels, unit: 'position' };
}

/** The learner's own digit moved about the pad, both models' readings side by side, and one filter firing where it went. */
export function MovedDigitView({ models, readings, filter, running, problem, missing, run }: MovedDigit) {
  const tiles = useMemo(() => (readings && filter !== null ? sameFilterMaps(readings, filter) : null), [readings, filter]);
  return (
    <div className="lesson-experiment">
      <button type="button" onClick={run} disabled={running || missing !== null}>
        {running ? 'Reading your moved digit…' : 'Move your digit and read it with both models'}
      </button>
      {missing && <p className="lesson-muted">{missing}</p>}
      {problem && <p className="error">{problem}</p>}
      {readings && (
        <table className="lesson-scores" aria-label="Your digit, moved">
          <caption>What each model reads in your digit, moved (probability)</caption>
          <thead>
            <tr>
              <th scope="col">Your digit</th>
              {models.map((name) => (
                <th scope="col" key={name}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {readings.map((reading) => (
              <tr key={reading.label}>
                <th scope="row">{reading.label}</th>
                {reading.reads.map((read, i) => (
                  <td key={i}>
                    {read.digit} ({(read.probability * 100).toFixed(0)}%)
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tiles && filter !== null && (
        <figure className="lesson-maps">
          <TiledImageGrid images={tiles} />
          <figcaption>
            The book’s convnet, first layer, filter {filter + 1} (the one most active on your centred digit): its map at each position, left to right as in the table. The same
            weights find the same strokes wherever they are.
          </figcaption>
        </figure>
      )}
    </div>
  );
}
