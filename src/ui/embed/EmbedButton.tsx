/** Room src/ui/embed/: the Embed button — which panels, how big, and the <iframe> to paste into a course page. */
import { useRef, useState } from 'react';
import { buildEmbedSnippet, buildEmbedUrl, EMBED_VIEW_TITLES, EMBED_VIEWS, readFrameSize, type EmbedView } from '../../domain/embedViews.ts';

interface EmbedButtonProps {
  /** The page's share link (its own address and sub-path, the model in the fragment): the embed shows this model. */
  readonly shareUrl: string;
  /** The views this build offers (the lesson only once it exists). */
  readonly views?: readonly EmbedView[];
}

/** The Embed button and its dialog: a modal <dialog>, so focus stays in it, Escape closes it and focus comes back. */
export function EmbedButton({ shareUrl, views = EMBED_VIEWS }: EmbedButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => {
          dialog.current?.showModal();
          setOpen(true);
        }}>
        Embed
      </button>
      <dialog ref={dialog} className="embed-dialog" aria-labelledby="embed-dialog-heading" onClose={() => setOpen(false)}>
        <div className="card-head">
          <h2 id="embed-dialog-heading">Embed this playground</h2>
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
        {open && <EmbedForm shareUrl={shareUrl} views={views} />}
      </dialog>
    </>
  );
}

type CopyState = 'idle' | 'copied' | 'select';

function EmbedForm({ shareUrl, views }: { readonly shareUrl: string; readonly views: readonly EmbedView[] }) {
  const [chosen, setChosen] = useState<readonly EmbedView[]>(['pad']);
  const [width, setWidth] = useState('600');
  const [height, setHeight] = useState('400');
  const [isolatedHost, setIsolatedHost] = useState(false);
  const [copied, setCopied] = useState<CopyState>('idle');
  const snippetRef = useRef<HTMLTextAreaElement>(null);
  const size = readFrameSize(width, height);
  // In the order the picker lists them, whatever order they were ticked in.
  const ordered = views.filter((view) => chosen.includes(view));
  const src = ordered.length > 0 ? buildEmbedUrl(shareUrl, ordered) : null;
  const snippet = src && size.ok ? buildEmbedSnippet(src, ordered, size.width, size.height, isolatedHost) : '';
  const toggle = (view: EmbedView, on: boolean) => {
    setChosen((now) => (on ? [...now, view] : now.filter((v) => v !== view)));
    setCopied('idle');
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied('copied');
    } catch {
      // The clipboard is refused (permissions, an insecure page): the code is selected for Ctrl+C instead.
      snippetRef.current?.select();
      setCopied('select');
    }
  };
  const sizeError = (field: 'width' | 'height') => (!size.ok && size.field === field ? size.message : null);
  return (
    <div className="embed-form">
      <fieldset className="embed-views">
        <legend>Panels to show</legend>
        {views.map((view) => (
          <label key={view}>
            <input type="checkbox" checked={chosen.includes(view)} onChange={(e) => toggle(view, e.target.checked)} /> {EMBED_VIEW_TITLES[view]}
          </label>
        ))}
        {ordered.length === 0 && (
          <p className="error" role="alert">
            Choose at least one panel.
          </p>
        )}
      </fieldset>
      <div className="embed-size">
        <SizeField label="Width" value={width} onChange={setWidth} error={sizeError('width')} />
        <SizeField label="Height" value={height} onChange={setHeight} error={sizeError('height')} />
      </div>
      <label>
        <input type="checkbox" checked={isolatedHost} onChange={(e) => setIsolatedHost(e.target.checked)} /> My course page sends COOP/COEP headers (cross-origin
        isolated): add <code>credentialless</code>, so the frame loads from any host and trains on every core
      </label>
      <label className="field">
        <span>Code to paste</span>
        <textarea ref={snippetRef} className="embed-snippet" readOnly rows={4} value={snippet} onFocus={(e) => e.target.select()} />
      </label>
      <div className="controls">
        <button type="button" className="primary" disabled={snippet === ''} onClick={() => void copy()}>
          Copy code
        </button>
        {src && (
          <a href={src} target="_blank" rel="noopener">
            Preview this embed ↗
          </a>
        )}
        <span role="status">{copied === 'copied' ? 'Copied.' : copied === 'select' ? 'The browser refused the clipboard: the code is selected, press Ctrl+C.' : ''}</span>
      </div>
      <p className="hint">
        The frame shows the model in the editor now. It trains on one thread unless the page around it is cross-origin isolated; a credentialless frame keeps
        nothing after the course page closes and does not open offline (README, “Embedding”).
      </p>
    </div>
  );
}

function SizeField({ label, value, onChange, error }: { readonly label: string; readonly value: string; readonly onChange: (value: string) => void; readonly error: string | null }) {
  const errorId = `embed-${label.toLowerCase()}-error`;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label>
        {label} (px)
        <input type="number" inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error !== null} aria-describedby={error ? errorId : undefined} />
      </label>
      {error && (
        <span id={errorId} className="error">
          {error}
        </span>
      )}
    </div>
  );
}
