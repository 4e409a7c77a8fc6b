import { useRef } from 'react';
import { MAX_EXAMPLES, type HandwritingExample } from '../../storage/examplesStore.ts';
import { DigitImage } from '../common/DigitImage.tsx';
import type { Handwriting } from './useHandwriting.ts';

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
/** Thumbnails drawn per digit: a canvas each, so a full set of 2,000 would slow the page for nothing. */
const SHOWN_PER_DIGIT = 24;

function ImportButton({ onFiles }: { readonly onFiles: (files: readonly File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        className="visually-hidden"
        aria-label="Import examples (an images file, idx3, and a labels file, idx1)"
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        Import MNIST files…
      </button>
    </>
  );
}

function DigitGroup({ digit, examples, onRemove }: { readonly digit: number; readonly examples: readonly HandwritingExample[]; readonly onRemove: (id: string) => void }) {
  const shown = examples.slice(-SHOWN_PER_DIGIT);
  return (
    <li className="example-group" aria-label={`${examples.length} ${examples.length === 1 ? 'example' : 'examples'} of ${digit}`}>
      <span className="example-digit" aria-hidden="true">
        {digit}
        <span className="example-count">×{examples.length}</span>
      </span>
      <ul className="example-thumbs">
        {shown.map((example, i) => {
          const label = `${digit}, example ${examples.length - shown.length + i + 1}${example.readAs !== null && example.readAs !== digit ? ` (was read as ${example.readAs})` : ''}`;
          return (
            <li key={example.id} className="example-thumb">
              <DigitImage images={example.pixels} index={0} size={40} label={label} />
              <button type="button" className="remove-example" aria-label={`Remove ${label}`} onClick={() => onRemove(example.id)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {examples.length > shown.length && <span className="hint">and {examples.length - shown.length} older</span>}
    </li>
  );
}

/** The person's examples by digit with counts, each removable, with the limit stated and MNIST-format files in and out. */
export function YourExamples({ handwriting }: { readonly handwriting: Handwriting }) {
  const examples = handwriting.examples ?? [];
  const byDigit = DIGITS.map((digit) => examples.filter((example) => example.label === digit));
  return (
    <section className="your-examples" aria-labelledby="your-examples-heading">
      <h3 id="your-examples-heading">Your examples</h3>
      <p className="examples-total">
        {examples.length.toLocaleString('en-US')} of at most {MAX_EXAMPLES.toLocaleString('en-US')} kept in this browser
      </p>
      {handwriting.examples !== null && examples.length === 0 && (
        <p className="note">None yet. Draw a digit on the pad; when the answer is wrong, say what it is (or keep one it reads right).</p>
      )}
      <ul className="example-groups">
        {byDigit.map((group, digit) => group.length > 0 && <DigitGroup key={digit} digit={digit} examples={group} onRemove={handwriting.remove} />)}
      </ul>
      <div className="controls">
        <button type="button" onClick={handwriting.exportFiles} disabled={examples.length === 0}>
          Export as MNIST files
        </button>
        <ImportButton onFiles={handwriting.importFiles} />
      </div>
      <p className="hint">Files in MNIST's own format (idx3 images, idx1 labels), as Keras loaders read them: 28×28 images, labels 0–9.</p>
      {handwriting.problem && (
        <p className="error" role="alert">
          {handwriting.problem}
        </p>
      )}
      {handwriting.notice && (
        <p className="examples-notice" role="status">
          {handwriting.notice}
        </p>
      )}
      {handwriting.leftAlone && <p className="warning">{handwriting.leftAlone}</p>}
    </section>
  );
}
