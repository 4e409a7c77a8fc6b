import type { Locator, Page } from '@playwright/test';

/** The pad's "Pick a test image": a grid of the chosen dataset's test images and what the model in use answers. */
export class TestImagePicker {
  readonly answer: Locator;
  readonly classBars: Locator;
  readonly digitBars: Locator;

  constructor(
    private readonly page: Page,
    readonly datasetTitle: string,
  ) {
    this.answer = page.getByRole('region', { name: 'Answer for the test image' });
    this.classBars = this.answer.getByRole('list', { name: 'Probability of each class' });
    this.digitBars = this.answer.getByRole('list', { name: 'Probability of each digit' });
  }

  get images(): Locator {
    return this.page.getByRole('list', { name: `Test images of ${this.datasetTitle}` }).getByRole('button');
  }

  /** The picker's own model switch (the pad, when shown, has another). */
  model(name: RegExp): Locator {
    return this.page.locator('input[name="test-image-model"]').and(this.page.getByRole('radio', { name }));
  }

  /** Picks the n-th image (0-based) by keyboard: focus, then Enter, as a button is pressed. */
  async pick(n: number): Promise<void> {
    await this.images.nth(n).focus();
    await this.page.keyboard.press('Enter');
  }
}
