/** Room src/ui/runs/: the runs kept in this browser — overlay, reopen, delete. */
import type { RunRecord } from '../../storage/runStore.ts';
import { formatDuration, formatPercent } from '../../domain/format.ts';
import { nameData } from './overlayData.ts';

interface RunsPanelProps {
  readonly runs: readonly RunRecord[];
  readonly problem: string | null;
  /** Runs kept in this browser that this version of the page does not list, left as they are. */
  readonly leftAlone: string | null;
  readonly overlaid: ReadonlySet<string>;
  readonly onToggleOverlay: (id: string) => void;
  readonly onOpen: (run: RunRecord) => void;
  readonly onDelete: (id: string) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every run kept in this browser: compare them on the charts, reopen one in the editor, or delete it. */
export function RunsPanel({ runs, problem, leftAlone, overlaid, onToggleOverlay, onOpen, onDelete }: RunsPanelProps) {
  return (
    <section className="card wide" aria-labelledby="runs-heading">
      <h2 id="runs-heading">Runs</h2>
      {problem && (
        <p className="warning" role="alert">
          {problem}
        </p>
      )}
      {leftAlone && <p className="note">{leftAlone}</p>}
      {runs.length === 0 ? (
        <p className="hint">Each run you train is kept here, so you can overlay its curves on a new one and compare.</p>
      ) : (
        <table className="runs" aria-label="Saved runs">
          <thead>
            <tr>
              <th scope="col">Overlay</th>
              <th scope="col">Run</th>
              <th scope="col">Data</th>
              <th scope="col">Test accuracy</th>
              <th scope="col">Epochs</th>
              <th scope="col">Backend</th>
              <th scope="col">Time</th>
              <th scope="col">When</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>
                  <input type="checkbox" checked={overlaid.has(run.id)} onChange={() => onToggleOverlay(run.id)} aria-label={`Overlay ${run.name} on the charts`} />
                </td>
                <td>{run.name}</td>
                <td>{nameData(run.dataset)}</td>
                <td>{run.test ? formatPercent(run.test.accuracy) : run.status}</td>
                <td>{run.epochs.length}</td>
                <td>{run.backend}</td>
                <td>{formatDuration(run.durationMs)}</td>
                <td>{dateFormat.format(run.createdAt)}</td>
                <td className="run-actions">
                  <button type="button" onClick={() => onOpen(run)} aria-label={`Open ${run.name} in the editor`}>
                    Open
                  </button>
                  <button type="button" onClick={() => onDelete(run.id)} aria-label={`Delete ${run.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
