import { useState } from 'react';

/** Copies the link that rebuilds this model; where the clipboard is off limits, shows the link to copy by hand. */
export function ShareLink({ url }: { readonly url: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
      window.setTimeout(() => setState('idle'), 2000);
    } catch {
      setState('manual');
    }
  };
  return (
    <div className="share">
      <button type="button" onClick={() => void copy()}>
        {state === 'copied' ? 'Link copied' : 'Copy share link'}
      </button>
      {state === 'manual' && <input className="share-url" readOnly aria-label="Share link" value={url} onFocus={(e) => e.target.select()} autoFocus />}
    </div>
  );
}
