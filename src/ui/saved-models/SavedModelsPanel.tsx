import { useRef, useState } from 'react';
import { formatBytes, formatPercent } from '../common/format.ts';
import type { SavedModelSummary } from '../../storage/modelStore.ts';
import type { SavedModels } from './useSavedModels.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function RenameField({ model, onRename, onDone }: { model: SavedModelSummary; onRename: SavedModels['rename']; onDone: () => void }) {
  const [name, setName] = useState(model.name);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      className="rename"
      onSubmit={(event) => {
        event.preventDefault();
        void onRename(model.id, name).then((problem) => (problem ? setMessage(problem) : onDone()));
      }}
    >
      <input
        aria-label={`New name for ${model.name}`}
        value={name}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onDone()}
        aria-invalid={message !== null}
      />
      <button type="submit">Save name</button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {message && (
        <span className="error" role="alert">
          {message}
        </span>
      )}
    </form>
  );
}

/** Every trained or uploaded model kept in this browser: use one on the pad, rename, download, delete, or upload one. */
export function SavedModelsPanel({ shelf }: { readonly shelf: SavedModels }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <section
      className={`card wide saved-models${dragging ? ' dragging' : ''}`}
      aria-labelledby="saved-models-heading"
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        shelf.upload([...event.dataTransfer.files]);
      }}
    >
      <div className="card-head">
        <h2 id="saved-models-heading">Saved models</h2>
        <div>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept=".json,.bin,application/json,application/octet-stream"
            className="visually-hidden"
            aria-label="Upload a model (model.json and its weights file)"
            onChange={(event) => {
              shelf.upload([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
          <button type="button" onClick={() => fileInput.current?.click()}>
            Upload model…
          </button>
        </div>
      </div>
      {shelf.problem && (
        <p className="warning" role="alert">
          {shelf.problem}
        </p>
      )}
      {shelf.notice && (
        <p className="notice" role="status">
          {shelf.notice}
        </p>
      )}
      {shelf.models.length === 0 ? (
        <p className="hint">
          Every model you train is saved here with its accuracy, so it can read your digits after a reload. Drop a model.json and its
          weights file here, or use Upload, to bring one in.
        </p>
      ) : (
        <table className="runs" aria-label="Saved models">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Test accuracy</th>
              <th scope="col">Size</th>
              <th scope="col">Saved</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shelf.models.map((model) => (
              <tr key={model.id} aria-current={model.id === shelf.activeId ? 'true' : undefined}>
                <td>
                  {renaming === model.id ? (
                    <RenameField model={model} onRename={shelf.rename} onDone={() => setRenaming(null)} />
                  ) : (
                    <>
                      {model.name}
                      {model.id === shelf.activeId && <span className="badge">reading the pad</span>}
                      {model.origin === 'uploaded' && <span className="muted small"> (uploaded)</span>}
                    </>
                  )}
                </td>
                <td>{model.testAccuracy === null ? '—' : `${formatPercent(model.testAccuracy)}${model.testCount ? ` of ${model.testCount.toLocaleString('en-US')}` : ''}`}</td>
                <td>{formatBytes(model.weightBytes)}</td>
                <td>{dateFormat.format(model.savedAt)}</td>
                <td className="run-actions">
                  {confirming === model.id ? (
                    <>
                      <button type="button" className="danger" onClick={() => shelf.remove(model.id)} aria-label={`Yes, delete ${model.name}`}>
                        Delete
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <>
                      <button type="button" onClick={() => shelf.use(model.id)} aria-label={`Use ${model.name} on the pad`} disabled={model.id === shelf.activeId}>
                        Use
                      </button>
                      <button type="button" onClick={() => setRenaming(model.id)} aria-label={`Rename ${model.name}`}>
                        Rename
                      </button>
                      <button type="button" onClick={() => shelf.download(model.id)} aria-label={`Download ${model.name}`}>
                        Download
                      </button>
                      <button type="button" onClick={() => setConfirming(model.id)} aria-label={`Delete ${model.name}`}>
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
