import { useState } from 'react';
import { refOfDataset, switchableDataset, whyModelDoesNotFit } from '../../domain/datasetRef.ts';
import { formatBytes, formatPercent } from '../../domain/format.ts';
import type { SavedModelSummary } from '../../storage/modelStore.ts';
import type { ShelfData } from './shelfData.ts';
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
  readonly data: ShelfData;
}

/** Why a model made for other data is not offered, and the way to that data where the page has it. */
function NotForThisData({ model, reason, data }: { model: SavedModelSummary; reason: string; data: ShelfData }) {
  // Images not loaded yet may be the ones it was made for: switching shows them, and the shelf checks again.
  const unknownYet = model.dataset.id === 'your-images' && !data.heldLoaded ? { id: 'your-images' as const, title: 'Your images' } : null;
  const target = switchableDataset(model.dataset, data.held) ?? unknownYet;
  return (
    <p className="hint" id={`unfit-${model.id}`}>
      Not offered for this data: {reason}.{' '}
      {target ? (
        <button type="button" className="link-button" disabled={data.locked} onClick={() => data.onSwitch(target.id)} aria-label={`Switch to ${target.title}, the data ${model.name} was made for`}>
          Switch to {target.title}
        </button>
      ) : (
        model.dataset.id === 'your-images' && 'Those images are not in this browser now.'
      )}
    </p>
  );
}

/** One saved model: its name (or the field that renames it), accuracy, size and date, and what can be done with it. */
export function SavedModelRow({ model, shelf, renaming, confirmingDelete, onRenaming, onConfirmingDelete, data }: SavedModelRowProps) {
  const current = refOfDataset(data.current);
  const unfit = whyModelDoesNotFit(model.dataset, model.spec.layers, current);
  return (
    <tr aria-current={model.id === shelf.activeId ? 'true' : undefined} className={unfit ? 'unfit' : undefined}>
      <td>
        {renaming ? (
          <RenameField model={model} onRename={shelf.rename} onDone={() => onRenaming(false)} />
        ) : (
          <>
            {model.name}
            {model.id === shelf.activeId && <span className="badge">reading the pad</span>}
            {model.origin === 'uploaded' && <span className="muted small"> (uploaded)</span>}
            {unfit && <NotForThisData model={model} reason={unfit} data={data} />}
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
            <button
              type="button"
              onClick={() => shelf.use(model.id, current)}
              aria-label={`Use ${model.name} on the pad`}
              disabled={model.id === shelf.activeId || unfit !== null}
              aria-describedby={unfit ? `unfit-${model.id}` : undefined}
            >
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
