import { useRef, useState } from 'react';
import { DEFAULT_IMPORT_OPTIONS, IMPORT_LIMITS, type ImportOptions } from '../../domain/importedDataset.ts';
import type { PickedFile } from '../../engine/pickedFiles.ts';
import { pickedFromDrop, pickedFromFile } from './useYourImages.ts';

const SIDES = [16, 24, 28, 32, 48, 64] as const;
const TEST_SHARES = [10, 20, 30, 40, 50] as const;

function OptionsForm({ options, onChange }: { readonly options: ImportOptions; readonly onChange: (options: ImportOptions) => void }) {
  return (
    <fieldset className="import-options">
      <legend>Before importing</legend>
      <label>
        Image size{' '}
        <select value={options.side} onChange={(event) => onChange({ ...options, side: Number(event.target.value) })}>
          {SIDES.map((side) => (
            <option key={side} value={side}>
              {side}×{side}
            </option>
          ))}
        </select>
      </label>
      <label>
        Colour{' '}
        <select value={options.colourMode} onChange={(event) => onChange({ ...options, colourMode: event.target.value === 'rgb' ? 'rgb' : 'grayscale' })}>
          <option value="grayscale">Greyscale</option>
          <option value="rgb">Colour (RGB)</option>
        </select>
      </label>
      <label>
        Held out for testing{' '}
        <select value={Math.round(options.testFraction * 100)} onChange={(event) => onChange({ ...options, testFraction: Number(event.target.value) / 100 })}>
          {TEST_SHARES.map((share) => (
            <option key={share} value={share}>
              {share}% of each class
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

function FileButton({ label, onFiles, folder = false, accept }: { readonly label: string; readonly onFiles: (files: File[]) => void; readonly folder?: boolean; readonly accept?: string }) {
  const input = useRef<HTMLInputElement>(null);
  // webkitdirectory is not in React's types; set as an attribute it makes the input choose a folder.
  const folderProps = folder ? ({ webkitdirectory: '', directory: '' } as Record<string, string>) : {};
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        accept={accept}
        className="visually-hidden"
        aria-label={label}
        {...folderProps}
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        {label}…
      </button>
    </>
  );
}

interface ImportControlsProps {
  readonly busy: boolean;
  readonly onImport: (picked: readonly PickedFile[], options: ImportOptions) => void;
}

/** Choose the size, colour and split, then a ZIP, a folder or MNIST files, or drop a ZIP or a folder. */
export function ImportControls({ busy, onImport }: ImportControlsProps) {
  const [options, setOptions] = useState<ImportOptions>(DEFAULT_IMPORT_OPTIONS);
  const [dragging, setDragging] = useState(false);
  const fromFiles = (files: File[]) => files.length > 0 && onImport(files.map((file) => pickedFromFile(file)), options);
  return (
    <div className="import-controls">
      <OptionsForm options={options} onChange={setOptions} />
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        aria-label="Drop a ZIP or a folder of class folders here"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void pickedFromDrop(event.dataTransfer.items).then((picked) => picked.length > 0 && onImport(picked, options));
        }}
      >
        <p>Drop a ZIP or a folder here, or:</p>
        <div className="controls">
          <FileButton label="Choose a ZIP" accept=".zip,application/zip" onFiles={fromFiles} />
          <FileButton label="Choose a folder" folder onFiles={fromFiles} />
          <FileButton label="Choose MNIST-format files" onFiles={fromFiles} />
        </div>
        {busy && <p role="status">Reading and resizing your images…</p>}
      </div>
      <p className="hint">
        One sub-folder per class, named after it (as Keras’ image_dataset_from_directory reads them); PNG, JPEG, WebP or GIF, each stretched to the size
        chosen. Or the four MNIST-format files (train and t10k, images and labels, .gz or not), kept at their own size and split. Limits:{' '}
        {IMPORT_LIMITS.maxImages.toLocaleString('en-US')} images, {IMPORT_LIMITS.maxInputBytes / 2 ** 20} MB of files, {IMPORT_LIMITS.minClasses}–{IMPORT_LIMITS.maxClasses} classes,
        images up to {IMPORT_LIMITS.maxSourcePixels / 1e6} megapixels, sizes {IMPORT_LIMITS.minSide}×{IMPORT_LIMITS.minSide} to {IMPORT_LIMITS.maxSide}×{IMPORT_LIMITS.maxSide}.
      </p>
    </div>
  );
}
