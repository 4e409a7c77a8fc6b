/**
 * The person's imported images for the page: the kept dataset (loaded once, after a reload too), an import going,
 * and what to tell the person. A new import replaces the kept dataset only once it is built whole and written; until
 * then, and after any refusal, the previous dataset stays. No React: the UI subscribes to its view.
 */
import type { ImportedDataset, ImportOptions } from '../domain/importedDataset.ts';
import type { YourImagesStore, YourImagesStoreResult } from '../storage/yourImagesStore.ts';
import type { ImageImportAnswer, ImageImportRequest } from '../training/protocol.ts';
import { requestFromPicked, type PickedFile } from './pickedFiles.ts';

export interface YourImagesView {
  /** null until loaded, or when none is kept. */
  readonly dataset: ImportedDataset | null;
  readonly loaded: boolean;
  /** An import going: what is being read. */
  readonly importing: string | null;
  /** Why the last import or deletion did not happen, or why nothing can be kept. */
  readonly problem: string | null;
  readonly notice: string | null;
  /** A kept record this page does not read, left as it is. */
  readonly leftAlone: string | null;
}

export type RunImport = (request: ImageImportRequest, transfer: ArrayBuffer[]) => Promise<ImageImportAnswer>;

const describeImported = (dataset: ImportedDataset) => {
  const { info, skipped, resized } = dataset;
  const total = (info.trainCount + info.testCount).toLocaleString('en-US');
  const notes = [
    skipped.notImages > 0 ? `${skipped.notImages} non-image file${skipped.notImages === 1 ? '' : 's'} skipped` : '',
    skipped.hidden > 0 ? `${skipped.hidden} hidden file${skipped.hidden === 1 ? '' : 's'} (such as __MACOSX, .DS_Store) skipped` : '',
    skipped.outsideClasses > 0 ? `${skipped.outsideClasses} file${skipped.outsideClasses === 1 ? '' : 's'} outside the class folders skipped` : '',
    resized > 0 ? `${resized.toLocaleString('en-US')} resized to ${info.inputShape[0]}×${info.inputShape[1]}` : '',
  ].filter(Boolean);
  return `Imported ${total} images in ${info.classNames.length} classes${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`;
};

export class YourImagesShelf {
  private store: YourImagesStore | null = null;
  private view: YourImagesView = { dataset: null, loaded: false, importing: null, problem: null, notice: null, leftAlone: null };
  private readonly renders = new Set<() => void>();
  private opening: Promise<void> | null = null;

  constructor(
    private readonly openStore: () => Promise<YourImagesStoreResult>,
    private readonly runImport: RunImport,
    private readonly now: () => number = Date.now,
  ) {}

  readonly subscribe = (render: () => void): (() => void) => {
    this.renders.add(render);
    return () => this.renders.delete(render);
  };

  readonly getSnapshot = (): YourImagesView => this.view;

  /** Loads the kept dataset, once. */
  readonly start = (): Promise<void> => (this.opening ??= this.load());

  readonly importFiles = async (picked: readonly PickedFile[], options: ImportOptions): Promise<void> => {
    if (this.view.importing) return;
    await this.start();
    this.publish({ importing: picked.length === 1 ? picked[0]!.path : `${picked.length.toLocaleString('en-US')} files`, problem: null, notice: null });
    const answer = await this.build(picked, options);
    if (!answer.ok) return this.publish({ importing: null, problem: answer.message });
    const saved = this.store ? await this.store.save(answer.dataset) : { ok: false as const, message: 'Your images cannot be kept in this browser.' };
    if (!saved.ok) return this.publish({ importing: null, problem: saved.message });
    this.publish({ importing: null, dataset: answer.dataset, notice: describeImported(answer.dataset), leftAlone: null });
  };

  readonly remove = async (): Promise<void> => {
    if (!this.store || !this.view.dataset) return;
    const removed = await this.store.remove();
    if (!removed.ok) return this.publish({ problem: removed.message });
    this.publish({ dataset: null, problem: null, notice: 'Your images were deleted from this browser.' });
  };

  private async build(picked: readonly PickedFile[], options: ImportOptions): Promise<ImageImportAnswer> {
    try {
      const request = await requestFromPicked(picked, options, this.now());
      return request.ok ? await this.runImport(request.request, request.transfer) : request;
    } catch (error) {
      return { ok: false, message: `The files could not be read (${String(error)}). Nothing was imported.` };
    }
  }

  private async load(): Promise<void> {
    const opened = await this.openStore();
    if (!opened.ok) return this.publish({ loaded: true, problem: opened.message });
    this.store = opened.store;
    try {
      const kept = await opened.store.load();
      this.publish({ loaded: true, dataset: kept.dataset, leftAlone: kept.leftAlone });
    } catch (error) {
      this.publish({ loaded: true, problem: `Your images could not be read: ${String(error)}.` });
    }
  }

  private publish(change: Partial<YourImagesView>): void {
    this.view = { ...this.view, ...change };
    for (const render of this.renders) render();
  }
}
