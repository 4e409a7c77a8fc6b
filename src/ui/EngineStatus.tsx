import { formatBytes, formatCount } from './format.ts';
import type { TrainerState } from './trainerState.ts';

interface EngineStatusProps {
  readonly state: TrainerState;
  readonly onRetryData: () => void;
}

/** Which backend trains, on what renderer, and whether MNIST is loaded: said plainly, with a retry on failure. */
export function EngineStatus({ state, onRetryData }: EngineStatusProps) {
  const { backend, backendError, data } = state;
  return (
    <div className="engine" aria-label="Engine status">
      <span className="engine-item" aria-label="Backend">
        {backendError ? (
          <span className="error">{backendError}</span>
        ) : backend ? (
          <>
            <span className="badge">{backend.name === 'webgl' ? 'WebGL' : backend.name}</span>
            {backend.renderer && <span className="renderer" title={backend.renderer}>{backend.renderer}</span>}
          </>
        ) : (
          'Starting TensorFlow.js…'
        )}
      </span>
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
