import type { Locator, Page } from '@playwright/test';

/** The dataset picker at the top of the page: a radio group named Dataset, with the chosen data's source under it. */
export class DatasetPicker {
  readonly group: Locator;
  readonly source: Locator;

  constructor(readonly page: Page) {
    this.group = page.getByRole('group', { name: 'Dataset' });
    this.source = page.getByLabel('Where the data comes from');
  }

  choice(name: 'MNIST digits' | 'Fashion-MNIST' | 'Your images'): Locator {
    return this.group.getByRole('radio', { name });
  }

  /** By keyboard, as the radio group offers: focus the chosen radio and arrow to the next. */
  async chooseNextByKeyboard(): Promise<void> {
    await this.group.getByRole('radio', { checked: true }).focus();
    await this.page.keyboard.press('ArrowDown');
  }
}
