import type { Locator, Page } from '@playwright/test';

/** The dataset picker at the top of the page: a radio group named Dataset, with the chosen data's source under it. */
export class DatasetPicker {
  readonly group: Locator;
  readonly source: Locator;
  /** Why a chosen dataset did not come, beside the picker. */
  readonly failure: Locator;
  /** The chosen dataset's download, while it goes. */
  readonly download: Locator;

  constructor(readonly page: Page) {
    this.group = page.getByRole('group', { name: 'Dataset' });
    this.source = page.getByLabel('Where the data comes from');
    this.failure = page.locator('section.dataset-picker').getByRole('alert');
    this.download = page.locator('section.dataset-picker').getByRole('status').filter({ hasText: 'Downloading' });
  }

  /** Keeps every text the download status shows from now on (it may come and go between two looks). */
  async recordDownloadTexts(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { downloadTexts: string[] }).downloadTexts = seen;
      new MutationObserver(() => {
        const text = document.querySelector('.dataset-download')?.textContent?.trim();
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }

  async downloadTextsSeen(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { downloadTexts?: string[] }).downloadTexts ?? []);
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
