import { useEffect, useRef } from 'react';
import type { ImportedDataset } from '../../domain/importedDataset.ts';

/** Thumbnails drawn per class: one canvas each class, the first few images, enough to see the class is right. */
const SHOWN_PER_CLASS = 12;
const GAP = 2;

function drawTiles(canvas: HTMLCanvasElement, dataset: ImportedDataset, members: readonly number[]) {
  const context = canvas.getContext('2d');
  if (!context) return;
  const [height, width, channels] = dataset.info.inputShape;
  const picture = context.createImageData(canvas.width, canvas.height);
  picture.data.fill(255);
  members.forEach((image, tile) => {
    const left = tile * (width + GAP);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const from = ((image * height + y) * width + x) * channels;
        const at = (y * canvas.width + left + x) * 4;
        const r = dataset.images[from] ?? 0;
        picture.data.set(channels === 3 ? [r, dataset.images[from + 1] ?? 0, dataset.images[from + 2] ?? 0] : [r, r, r], at);
      }
    }
  });
  context.putImageData(picture, 0, 0);
}

function ClassRow({ dataset, label }: { readonly dataset: ImportedDataset; readonly label: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const members = [...dataset.labels.keys()].filter((i) => dataset.labels[i] === label);
  const test = members.filter((i) => dataset.testMask[i] === 1).length;
  const shown = members.slice(0, SHOWN_PER_CLASS);
  const [height, width] = dataset.info.inputShape;
  const name = dataset.info.classNames[label] ?? String(label);
  useEffect(() => {
    if (canvas.current) drawTiles(canvas.current, dataset, shown);
    // `shown` follows from dataset and label.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataset, label]);
  return (
    <li className="class-preview" aria-label={`Class ${name}: ${members.length} images, ${members.length - test} for training and ${test} for testing`}>
      <span className="class-name">{name}</span>
      <span className="class-count">
        {members.length.toLocaleString('en-US')} ({(members.length - test).toLocaleString('en-US')} train, {test.toLocaleString('en-US')} test)
      </span>
      <canvas
        ref={canvas}
        width={Math.max(1, shown.length * (width + GAP) - GAP)}
        height={height}
        role="img"
        aria-label={`The first ${shown.length} images of ${name}`}
        style={{ width: Math.max(1, shown.length * (width + GAP) - GAP) * Math.max(1, Math.floor(40 / width)), imageRendering: 'pixelated' }}
      />
    </li>
  );
}

/** The dataset by class, as the network will see it (resized, in its colour mode), with train and test counts. */
export function ClassPreview({ dataset }: { readonly dataset: ImportedDataset }) {
  return (
    <ul className="class-previews" aria-label="Your images by class">
      {dataset.info.classNames.map((_, label) => (
        <ClassRow key={label} dataset={dataset} label={label} />
      ))}
    </ul>
  );
}
