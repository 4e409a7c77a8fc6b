import { useState } from 'react';
import { formatBytes, formatPercent } from '../../domain/format.ts';
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

interface SavedModelRowProps {
  readonly model: SavedModelSummary;
  readonly shelf: SavedModels;
  /** The panel holds which one row is being renamed and which one asks to confirm a delete. */
  readonly renaming: boolean;
  readonly confirmingDelete: boolean;
  readonly onRenaming: (renaming: boolean) => void;
  readonly onConfirmingDelete: (confirming: boolean) => void;
}

/** One saved model: its name (or the field that renames it), accuracy, size and date, and what can be done with it. */
export function SavedModelRow({ model, shelf, renaming, confirmingDelete, onRenaming, onConfirmingDelete }: SavedModelRowProps) {
  return (
    <tr aria-current={model.id === shelf.activeId ? 'true' : undefined}>
      <td>
        {renaming ? (
          <RenameField model={model} onRename={shelf.rename} onDone={() => onRenaming(false)} />
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
        {confirmingDelete ? (
          <>
            <button type="button" className="danger" onClick={() => shelf.remove(model.id)} aria-label={`Yes, delete ${model.name}`}>
              Delete
            </button>
            <button type="button" onClick={() => onConfirmingDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => shelf.use(model.id)} aria-label={`Use ${model.name} on the pad`} disabled={model.id === shelf.activeId}>
              Use
            </button>
            <button type="button" onClick={() => onRenaming(true)} aria-label={`Rename ${model.name}`}>
              Rename
            </button>
            <button type="button" onClick={() => shelf.download(model.id)} aria-label={`Download ${model.name}`}>
              Download
            </button>
            <button type="button" onClick={() => onConfirmingDelete(true)} aria-label={`Delete ${model.name}`}>
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
