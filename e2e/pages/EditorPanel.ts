import { expect, type Locator, type Page } from '@playwright/test';

/** The layer editor, driven through its labelled controls. */
export class EditorPanel {
  readonly layers: Locator;

  constructor(readonly page: Page) {
    this.layers = page.getByRole('list', { name: 'Layers' }).locator(':scope > li[aria-label^="Layer "]');
  }

  /** "Conv2D", "MaxPooling2D", … in stack order, read from each card's accessible name. */
  async layerTypes(): Promise<string[]> {
    const labels = await this.layers.evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
    return labels.map((label) => label.replace(/^Layer \d+: /, ''));
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Presses a button with the keyboard only: focus, then Enter. */
  async pressButton(name: string): Promise<void> {
    const button = this.page.getByRole('button', { name, exact: true });
    await button.focus();
    await this.page.keyboard.press('Enter');
  }

  /** Replaces a field's text by typing, as a keyboard user would. */
  async typeInto(label: string, text: string): Promise<void> {
    await this.field(label).focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(text);
  }

  async expectTotal(text: string): Promise<void> {
    await expect(this.page.getByLabel('Total parameters')).toHaveText(text);
  }
}
