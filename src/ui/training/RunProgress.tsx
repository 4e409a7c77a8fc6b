import { formatCount, formatDuration, formatPercent } from '../../domain/format.ts';
import type { RunState } from '../../engine/engineState.ts';

const STATUS_TEXT: Record<RunState['status'], string> = {
  starting: 'Building the model…',
  training: 'Training',
  pausing: 'Pausing after this batch…',
  paused: 'Paused',
  evaluating: 'Evaluating on the test images…',
  finished: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** Where the run is: progress bar, speed, ETA, and the outcome once there is one. */
export function RunProgress({ run }: { readonly run: RunState }) {
  const progress = run.progress;
  const total = run.plan?.totalSteps ?? 0;
  const done = progress?.step ?? 0;
  const fraction = total > 0 ? done / total : 0;
  const eta = progress?.etaMs;
  return (
    <section className="run" aria-label="Run">
      <div className="run-head">
        <span className={`status status-${run.status}`} role="status">
          {STATUS_TEXT[run.status]}
        </span>
        {progress && (
          <span className="run-numbers">
            epoch {Math.min(progress.epoch, progress.epochs)}/{progress.epochs} · batch {formatCount(done)}/{formatCount(total)} ·{' '}
            <span aria-label="Training speed">{progress.samplesPerSecond.toFixed(1)} samples/s</span> · {formatDuration(progress.elapsedMs)} elapsed ·{' '}
            <span aria-label="Tensors in memory" title="tf.memory().numTensors in the worker: flat while training means nothing leaks">
              {formatCount(progress.numTensors)} tensors
            </span>
            {run.status === 'training' && eta != null ? ` · about ${formatDuration(eta)} left` : ''}
          </span>
        )}
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        aria-valuetext={`${Math.round(fraction * 100)}%${eta != null ? `, about ${formatDuration(eta)} left` : ''}`}
      >
        <div className="progress-fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      {run.test && (
        <p className="result">
          Test accuracy <strong aria-label="Test accuracy">{formatPercent(run.test.accuracy)}</strong> on {formatCount(run.test.count)} test images ·
          test loss {run.test.loss.toFixed(4)}
          {run.elapsedMs != null ? ` · trained in ${formatDuration(run.elapsedMs)}` : ''}
        </p>
      )}
      {run.status === 'stopped' && <p className="note">Stopped after {formatCount(done)} batches. Change anything and train again.</p>}
      {run.message && (
        // An interrupted run lost nothing it cannot get back: a warning, not an error.
        <p className={run.status === 'interrupted' ? 'warning' : 'error'} role="alert">
          {run.message}
        </p>
      )}
      {run.epochs.length > 0 && (
        <table className="epochs">
          <caption className="visually-hidden">Metrics per epoch</caption>
          <thead>
            <tr>
              <th scope="col">Epoch</th>
              <th scope="col">Loss</th>
              <th scope="col">Accuracy</th>
              <th scope="col">Val loss</th>
              <th scope="col">Val accuracy</th>
              <th scope="col">Samples/s</th>
            </tr>
          </thead>
          <tbody>
            {run.epochs.map((e) => (
              <tr key={e.epoch}>
                <td>{e.epoch}</td>
                <td>{e.loss.toFixed(4)}</td>
                <td>{formatPercent(e.accuracy)}</td>
                <td>{e.valLoss === null ? '—' : e.valLoss.toFixed(4)}</td>
                <td>{e.valAccuracy === null ? '—' : formatPercent(e.valAccuracy)}</td>
                <td>{e.samplesPerSecond.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
