import { expect, type Locator, type Page } from '@playwright/test';
import { withIndefiniteArticle } from '../../src/domain/indefiniteArticle.ts';
import type { Placement } from '../support/digitStrokes.ts';
import { DrawPadPanel } from './DrawPadPanel.ts';
import { placeStrokes } from '../support/handwritingStrokes.ts';

/** "Teach it your handwriting", and the pad's correction bar, as a person uses them. */
export class HandwritingPanel {
  readonly panel: Locator;
  readonly examplesTotal: Locator;
  readonly fineTuneButton: Locator;
  readonly fineTuneProgress: Locator;
  readonly beforeAfter: Locator;
  readonly changedGallery: Locator;
  readonly problem: Locator;
  readonly notice: Locator;
  readonly correction: Locator;
  readonly importInput: Locator;
  readonly bothModels: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Teach it your handwriting' });
    this.examplesTotal = this.panel.getByText(/^[\d,]+ of at most [\d,]+ kept in this browser$/);
    this.fineTuneButton = this.panel.getByRole('button', { name: 'Fine-tune', exact: true });
    this.fineTuneProgress = page.getByRole('progressbar', { name: 'Fine-tune progress' });
    this.beforeAfter = this.panel.getByRole('table', { name: 'Before and after' });
    this.changedGallery = this.panel.getByRole('list', { name: 'Examples read differently' });
    this.problem = this.panel.getByRole('region', { name: 'Your examples' }).getByRole('alert');
    this.notice = this.panel.getByRole('region', { name: 'Your examples' }).getByRole('status');
    this.correction = page.getByRole('group', { name: 'Correct the answer' });
    this.importInput = this.panel.getByLabel(/^Import examples/);
    this.bothModels = page.getByRole('region', { name: 'Both models' });
  }

  /** Draws strokes given in pad fractions with page.mouse, one stroke after another. */
  async draw(strokes: readonly (readonly (readonly [number, number])[])[], placement: Placement): Promise<void> {
    await new DrawPadPanel(this.page).drawStrokes(placeStrokes(strokes, placement));
  }

  /** "It's a 7" (or "It's an 8") in the correction bar. */
  digitButton(digit: number): Locator {
    return this.correction.getByRole('button', { name: `It's ${withIndefiniteArticle(String(digit))}`, exact: true });
  }

  examplesOf(digit: number): Locator {
    return this.panel.getByRole('listitem', { name: new RegExp(`^\\d+ examples? of ${digit}$`) });
  }

  /** The change of MNIST test accuracy, in points, as the before → after table shows it. */
  async mnistChangePoints(): Promise<number> {
    await expect(this.beforeAfter).toBeVisible();
    return Number(await this.beforeAfter.getByRole('row', { name: 'MNIST test images' }).locator('td[data-points]').getAttribute('data-points'));
  }
}
