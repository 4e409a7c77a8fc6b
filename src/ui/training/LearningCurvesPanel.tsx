import type { RunState } from '../../engine/engineState.ts';
import { MetricsCharts, type ChartOverlay } from './MetricsCharts.tsx';

interface LearningCurvesPanelProps {
  readonly run: RunState | null;
  /** The epochs the next run would train, for the axis before a run has started. */
  readonly plannedEpochs: number;
  readonly overlays: readonly ChartOverlay[];
}

export function LearningCurvesPanel({ run, plannedEpochs, overlays }: LearningCurvesPanelProps) {
  return (
    <section className="card" aria-labelledby="charts-heading">
      <h2 id="charts-heading">Learning curves</h2>
      <MetricsCharts
        batches={run?.batches ?? []}
        epochs={run?.epochs ?? []}
        totalEpochs={run?.progress?.epochs ?? plannedEpochs}
        overlays={overlays}
        divergedAt={run?.divergedAt ?? null}
      />
    </section>
  );
}
