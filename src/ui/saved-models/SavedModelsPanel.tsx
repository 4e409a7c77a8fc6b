/** Room src/ui/saved-models/: the shelf of trained models — use, rename, delete, download, upload. */
import { useEffect, useRef, useState } from 'react';
import { SavedModelRow } from './SavedModelRow.tsx';
import { dataToRestoreFor, type ShelfData } from './shelfData.ts';
import type { SavedModels } from './useSavedModels.ts';

/** The Upload button, and the hidden file input it opens. */
function UploadModelButton({ onUpload }: { readonly onUpload: SavedModels['upload'] }) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div>
      <input
        ref={fileInput}
        type="file"
        multiple
        accept=".json,.bin,application/json,application/octet-stream"
        className="visually-hidden"
        aria-label="Upload a model (model.json and its weights file)"
        onChange={(event) => {
          onUpload([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
      <button type="button" onClick={() => fileInput.current?.click()}>
        Upload model…
      </button>
    </div>
  );
}

/** Every trained or uploaded model kept in this browser: use one on the pad, rename, download, delete, or upload one. */
/** data: the dataset in hand; models made for other data are listed greyed, with the reason and a way to that data. */
export function SavedModelsPanel({ shelf, data }: { readonly shelf: SavedModels; readonly data: ShelfData }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const { follow } = shelf;
  const { current, heldLoaded } = data;
  useEffect(() => follow(dataToRestoreFor({ current, heldLoaded })), [follow, current, heldLoaded]);

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
        <UploadModelButton onUpload={shelf.upload} />
      </div>
      {shelf.problem && (
        <p className="warning" role="alert">
          {shelf.problem}
        </p>
      )}
      {shelf.leftAlone && <p className="note">{shelf.leftAlone}</p>}
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
              <SavedModelRow
                key={model.id}
                model={model}
                shelf={shelf}
                renaming={renaming === model.id}
                confirmingDelete={confirming === model.id}
                onRenaming={(on) => setRenaming(on ? model.id : null)}
                onConfirmingDelete={(on) => setConfirming(on ? model.id : null)}
                data={data}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
