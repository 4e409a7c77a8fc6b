import { useEffect, useMemo, useRef } from 'react';
import { largestMagnitude, regionTotals } from '../../domain/explain/attributionSummary.ts';
import { paintHeatMap } from './heatColours.ts';

const SIDE = 28;
/** 4×4-pixel regions: a 7×7 table a screen reader can step through, instead of 784 numbers. */
const REGION = 4;

interface HeatMapProps {
  readonly values: Float32Array;
  /** The digit the map was computed on, 0–1. */
  readonly ink: Float32Array;
  readonly targetClass: number;
  /** "7" or "not a 1": what the map explains, in words. */
  readonly question: string;
}

const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toPrecision(2)}`;

/** The table behind the picture: each region's total, so the map can be read without seeing it. */
function RegionTable({ values, question }: { readonly values: Float32Array; readonly question: string }) {
  const { blocks, totals } = useMemo(() => regionTotals(values, SIDE, REGION), [values]);
  const rows = Array.from({ length: blocks }, (_, r) => totals.slice(r * blocks, (r + 1) * blocks));
  return (
    <details className="region-table">
      <summary>The map as numbers</summary>
      <table>
        <caption>
          Sum of the map over 4×4-pixel regions, top row first (why {question}: + pushed it up, − pushed it down)
        </caption>
        <thead>
          <tr>
            <td />
            {rows[0]?.map((_, c) => (
              <th key={c} scope="col">{`columns ${c * REGION + 1}–${Math.min(SIDE, (c + 1) * REGION)}`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              <th scope="row">{`rows ${r * REGION + 1}–${Math.min(SIDE, (r + 1) * REGION)}`}</th>
              {row.map((total, c) => (
                <td key={c}>{signed(total)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The legend of the diverging scale, with the magnitude its ends stand for. */
function HeatLegend({ largest }: { readonly largest: number }) {
  return (
    <div className="heat-legend" aria-hidden="true">
      <span>pushed down</span>
      <span className="heat-scale" />
      <span>pushed up</span>
      <span className="muted small">ends: ±{largest.toPrecision(2)}</span>
    </div>
  );
}

/**
 * The attribution map over the digit it was computed on. Its numbers ride along as data attributes (the map, the
 * ink), so a test reads what is drawn rather than guessing from a screenshot.
 */
export function HeatMap({ values, ink, targetClass, question }: HeatMapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const largest = useMemo(() => largestMagnitude(values), [values]);
  const numbers = useMemo(() => ({ values: Array.from(values, (v) => v.toPrecision(3)).join(' '), ink: Array.from(ink, (v) => v.toFixed(2)).join(' ') }), [values, ink]);
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    const picture = context.createImageData(SIDE, SIDE);
    paintHeatMap(values, ink, largest, picture.data);
    context.putImageData(picture, 0, 0);
  }, [values, ink, largest]);
  const strongest = values.reduce((best, v, i) => (v > (values[best] ?? 0) ? i : best), 0);
  const weakest = values.reduce((best, v, i) => (v < (values[best] ?? 0) ? i : best), 0);
  const place = (i: number) => `row ${Math.floor(i / SIDE) + 1}, column ${(i % SIDE) + 1}`;
  return (
    <figure className="heat-map" data-target={targetClass} data-values={numbers.values} data-ink={numbers.ink}>
      <canvas
        ref={canvasRef}
        width={SIDE}
        height={SIDE}
        role="img"
        aria-label={`Heat map over your digit: red where pixels pushed the score for ${targetClass} up, blue where they pushed it down`}
      />
      <figcaption>
        {largest === 0
          ? 'The map is zero everywhere: nothing in the drawing moves this score (by this method).'
          : `${(values[strongest] ?? 0) > 0 ? `Strongest push up ${signed(values[strongest] ?? 0)} at ${place(strongest)}` : 'Nothing pushes it up'}; ${
              (values[weakest] ?? 0) < 0 ? `strongest push down ${signed(values[weakest] ?? 0)} at ${place(weakest)}` : 'nothing pushes it down'
            }.`}
      </figcaption>
      <HeatLegend largest={largest} />
      <RegionTable values={values} question={question} />
    </figure>
  );
}
