import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BatchPoint, EpochMetrics } from '../../training/protocol.ts';
import { downsampleBatches } from '../../engine/downsampleBatches.ts';
import { formatDecimal, formatShare } from './chartNumbers.ts';

/** A saved run drawn beside the current one. */
export interface ChartOverlay {
  readonly id: string;
  readonly name: string;
  readonly batches: readonly BatchPoint[];
}

interface MetricsChartsProps {
  readonly batches: readonly BatchPoint[];
  readonly epochs: readonly EpochMetrics[];
  readonly totalEpochs: number;
  readonly overlays?: readonly ChartOverlay[];
  /** Marks where training diverged. */
  readonly divergedAt?: number | null;
}

type Point = { x: number; y: number };

interface ChartProps {
  readonly title: string;
  readonly train: readonly Point[];
  readonly validation: readonly Point[];
  readonly overlays: readonly { id: string; name: string; points: readonly Point[] }[];
  readonly totalEpochs: number;
  readonly percent: boolean;
  readonly divergedAt: number | null;
}

/** Okabe–Ito colours, told apart with any colour vision; orange is left to validation. */
const OVERLAY_COLORS = ['#0072B2', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999933'];

const TRAIN_COLOR = '#4f46e5';
const VALIDATION_COLOR = '#ea580c';

function MetricChart({ title, train, validation, overlays, totalEpochs, percent, divergedAt }: ChartProps) {
  const last = train[train.length - 1];
  const format = (v: number) => (percent ? formatShare(v) : formatDecimal(v, 3));
  return (
    <figure
      className="chart"
      aria-label={`${title} chart`}
      data-train-points={train.length}
      data-validation-points={validation.length}
      data-overlays={overlays.length}
      data-diverged-at={divergedAt ?? undefined}
    >
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-latest">
          {last ? `latest batch ${format(last.y)}` : 'waiting for the first batch'}
          {validation.length > 0 ? ` · validation ${format(validation[validation.length - 1]?.y ?? NaN)}` : ''}
        </span>
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, Math.max(1, totalEpochs)]}
            tickCount={Math.min(Math.max(1, totalEpochs), 10) + 1}
            tickFormatter={(v: number) => formatDecimal(v, 1)}
            label={{ value: 'epoch', position: 'insideBottomRight', offset: -4, fontSize: 12 }}
          />
          <YAxis domain={percent ? [0, 1] : [0, 'auto']} tickFormatter={format} width={56} />
          <Tooltip formatter={(v) => format(Number(v))} labelFormatter={(v) => `epoch ${formatDecimal(Number(v), 2)}`} />
          <Legend />
          {divergedAt != null && (
            <ReferenceLine x={divergedAt} stroke="#b91c1c" strokeDasharray="4 2" label={{ value: 'diverged', position: 'insideTopRight', fill: '#b91c1c', fontSize: 12 }} />
          )}
          {overlays.map((overlay, i) => (
            <Line
              key={overlay.id}
              data={[...overlay.points]}
              dataKey="y"
              name={overlay.name}
              stroke={OVERLAY_COLORS[i % OVERLAY_COLORS.length]}
              strokeDasharray="5 3"
              dot={false}
              strokeWidth={1.5}
              isAnimationActive={false}
            />
          ))}
          <Line data={[...train]} dataKey="y" name="training (per batch)" stroke={TRAIN_COLOR} dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Line
            data={[...validation]}
            dataKey="y"
            name="validation (per epoch)"
            stroke={VALIDATION_COLOR}
            strokeWidth={2}
            dot={{ r: 4 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The charts' numbers for keyboard and screen-reader users: one row per (averaged) batch. */
function BatchTable({ label, points }: { readonly label: string; readonly points: readonly BatchPoint[] }) {
  return (
    // Focusable: the table view scrolls, and a keyboard must be able to scroll it (axe: scrollable-region-focusable).
    <table aria-label={label} tabIndex={0}>
      <caption>{label}</caption>
      <thead>
        <tr>
          <th scope="col">Batch</th>
          <th scope="col">Epoch</th>
          <th scope="col">Loss</th>
          <th scope="col">Accuracy</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.step}>
            <td>{p.step}</td>
            <td>{formatDecimal(p.epochProgress, 2)}</td>
            <td>{formatDecimal(p.loss, 4)}</td>
            <td>{formatShare(p.accuracy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Live loss and accuracy: training per batch (averaged into at most 300 points), validation per epoch. */
export const MetricsCharts = memo(function MetricsCharts({ batches, epochs, totalEpochs, overlays = [], divergedAt = null }: MetricsChartsProps) {
  const sampled = useMemo(() => downsampleBatches(batches), [batches]);
  const loss = useMemo(() => sampled.map((p) => ({ x: p.epochProgress, y: p.loss })), [sampled]);
  const accuracy = useMemo(() => sampled.map((p) => ({ x: p.epochProgress, y: p.accuracy })), [sampled]);
  const lossOverlays = useMemo(() => overlays.map((o) => ({ id: o.id, name: o.name, points: o.batches.map((p) => ({ x: p.epochProgress, y: p.loss })) })), [overlays]);
  const accuracyOverlays = useMemo(
    () => overlays.map((o) => ({ id: o.id, name: o.name, points: o.batches.map((p) => ({ x: p.epochProgress, y: p.accuracy })) })),
    [overlays],
  );
  const span = Math.max(totalEpochs, ...overlays.map((o) => Math.ceil(o.batches[o.batches.length - 1]?.epochProgress ?? 0)));
  const validated = epochs.filter((e) => e.valLoss !== null);
  const valLoss = validated.map((e) => ({ x: e.epoch, y: e.valLoss ?? NaN }));
  const valAccuracy = validated.map((e) => ({ x: e.epoch, y: e.valAccuracy ?? NaN }));
  return (
    <>
      <div className="charts">
        <MetricChart title="Loss" train={loss} validation={valLoss} overlays={lossOverlays} totalEpochs={span} percent={false} divergedAt={divergedAt} />
        <MetricChart title="Accuracy" train={accuracy} validation={valAccuracy} overlays={accuracyOverlays} totalEpochs={span} percent divergedAt={divergedAt} />
      </div>
      {(sampled.length > 0 || overlays.length > 0) && (
        <details className="chart-table">
          <summary>Show the numbers as a table</summary>
          {sampled.length > 0 && <BatchTable label="Training metrics per batch" points={sampled} />}
          {sampled.length < batches.length && <p className="hint">Each row averages consecutive batches, as the chart does.</p>}
          {overlays.map((overlay) => (
            <BatchTable key={overlay.id} label={`Training metrics per batch of ${overlay.name}`} points={overlay.batches} />
          ))}
        </details>
      )}
    </>
  );
});
