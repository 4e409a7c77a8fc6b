import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { zipSync } from 'fflate';

export interface FileToUpload {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** "Your images" as a person uses it: options, the ZIP / folder / MNIST inputs, messages, the preview and Delete. */
export class YourImagesPanel {
  readonly panel: Locator;
  readonly problem: Locator;
  readonly notice: Locator;
  readonly facts: Locator;
  readonly previews: Locator;
  readonly deleteButton: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Your images' });
    this.problem = this.panel.getByRole('alert');
    this.notice = this.panel.getByRole('status').filter({ hasText: /^Imported|deleted/ });
    this.facts = this.panel.getByLabel('Your dataset');
    this.previews = this.panel.getByRole('list', { name: 'Your images by class' }).getByRole('listitem');
    this.deleteButton = this.panel.getByRole('button', { name: 'Delete your images' });
  }

  /** The dataset picker's "Your images", which shows the panel. */
  async choose(): Promise<void> {
    await this.page.getByRole('group', { name: 'Dataset' }).getByRole('radio', { name: 'Your images' }).check();
    await expect(this.panel).toBeVisible();
  }

  async setOptions({ size, colour }: { size: number; colour: 'Greyscale' | 'Colour (RGB)' }): Promise<void> {
    await this.panel.getByLabel('Image size').selectOption(`${size}`);
    await this.panel.getByLabel('Colour').selectOption({ label: colour });
  }

  async uploadZip(name: string, files: readonly FileToUpload[]): Promise<void> {
    const zip = zipSync(Object.fromEntries(files.map((file) => [file.path, file.bytes])));
    await this.panel.getByLabel('Choose a ZIP').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(zip) });
  }

  /** Writes the files under a new folder `name` and chooses that folder, as a person picks one in the dialog. */
  async uploadFolder(name: string, files: readonly FileToUpload[]): Promise<void> {
    const root = join(await mkdtemp(join(tmpdir(), 'your-images-')), name);
    for (const file of files) {
      await mkdir(dirname(join(root, file.path)), { recursive: true });
      await writeFile(join(root, file.path), file.bytes);
    }
    await this.panel.getByLabel('Choose a folder').setInputFiles(root);
  }

  async uploadMnistFiles(files: readonly FileToUpload[]): Promise<void> {
    await this.panel.getByLabel('Choose MNIST-format files').setInputFiles(files.map((file) => ({ name: file.path, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) })));
  }

  classPreview(name: string): Locator {
    return this.panel.getByRole('listitem', { name: new RegExp(`^Class ${name}:`) });
  }
}
