import type { BackendMeasurement, BackendPreference } from '../../training/protocol.ts';
import { BACKEND_LABELS, BACKEND_PREFERENCES, trainingEngineLabel } from '../../domain/backends.ts';
import type { BackendChoice } from '../../engine/backendChoice.ts';
import { formatBytes, formatCount } from '../../domain/format.ts';
import type { EngineState } from '../../engine/engineState.ts';

interface EngineStatusProps {
  readonly state: EngineState;
  readonly onRetryData: () => void;
  readonly choice: BackendChoice;
  readonly onChooseBackend: (preference: BackendPreference) => void;
  /** The backend cannot change while a run is going. */
  readonly locked: boolean;
  /** The model's layers, to say which of them train on TensorFlow.js' kernels beside ours. */
  readonly layers: readonly { readonly type: string }[];
}


function formatMeasurement(m: BackendMeasurement): string {
  const speed = m.samplesPerSecond === null ? m.note : `${formatCount(Math.round(m.samplesPerSecond))} samples/s`;
  return `${BACKEND_LABELS[m.backend]}: ${speed}`;
}

/** The backend picker: automatic (measured, remembered on this device) or one named backend. */
function BackendPicker({ choice, onChooseBackend, locked }: Pick<EngineStatusProps, 'choice' | 'onChooseBackend' | 'locked'>) {
  const measured = choice.measured;
  return (
    <span className="engine-item backend-picker">
      <label>
        Train on{' '}
        <select
          value={choice.preference}
          disabled={locked}
          title={locked ? 'Stop the run to change the backend' : undefined}
          onChange={(event) => onChooseBackend(event.target.value as BackendPreference)}
        >
          <option value="auto">{measured ? `Fastest measured (${BACKEND_LABELS[measured.backend]})` : 'Fastest (measure)'}</option>
          {BACKEND_PREFERENCES.filter((name) => name !== 'auto').map((name) => (
            <option key={name} value={name}>{BACKEND_LABELS[name]}</option>
          ))}
        </select>
      </label>
      {measured && choice.preference === 'auto' && (
        <>
          <span className="measurements" aria-label="Measured training speeds">
            {measured.measurements.map(formatMeasurement).join(' · ')}
          </span>
          <button type="button" className="link-button" disabled={locked} onClick={() => onChooseBackend('auto')}>
            Measure again
          </button>
        </>
      )}
    </span>
  );
}

/** Which backend trains, on what renderer, and whether MNIST is loaded: said plainly, with a retry on failure. */
export function EngineStatus({ state, onRetryData, choice, onChooseBackend, locked, layers }: EngineStatusProps) {
  const { backend, backendError, data } = state;
  return (
    <div className="engine" aria-label="Engine status">
      <span className="engine-item" aria-label="Backend">
        {backendError ? (
          <span className="error">{backendError}</span>
        ) : backend ? (
          <>
            <span className="badge">{BACKEND_LABELS[backend.name]}</span>
            {backend.threads !== null && <span>{backend.threads === 1 ? '1 thread' : `${backend.threads} threads`}</span>}
            {backend.renderer && <span className="renderer" title={backend.renderer}>{backend.renderer}</span>}
            <span aria-label="Training engine">{trainingEngineLabel(backend.engine, layers)}</span>
          </>
        ) : (
          choice.preference === 'auto' && !choice.measured ? 'Measuring which backend trains fastest here…' : 'Starting TensorFlow.js…'
        )}
      </span>
      <BackendPicker choice={choice} onChooseBackend={onChooseBackend} locked={locked} />
      {backend?.notice && <span className="engine-item notice">{backend.notice}</span>}
      {state.engineNotice && (
        <span className="engine-item notice" role="status">
          {state.engineNotice}
        </span>
      )}
      <span className="engine-item" aria-label="MNIST data">
        {data.status === 'loading' &&
          (data.totalBytes > 0 ? `Loading MNIST… ${formatBytes(data.loadedBytes)} of ${formatBytes(data.totalBytes)}` : 'Loading MNIST…')}
        {data.status === 'ready' && `MNIST ready: ${formatCount(data.trainCount)} training and ${formatCount(data.testCount)} test images`}
      </span>
      {data.status === 'error' && (
        <div className="data-error" role="alert">
          <p>{data.message}</p>
          <p>Training needs MNIST; you can still look at the model meanwhile.</p>
          <button type="button" onClick={onRetryData}>
            Retry loading MNIST
          </button>
        </div>
      )}
    </div>
  );
}
