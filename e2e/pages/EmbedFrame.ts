import { expect, type Frame, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { digitStrokes } from '../support/digitStrokes.ts';
import { drawWithMouse } from '../support/mouseStrokes.ts';

/** Every panel heading the full playground shows, and its masthead's: an embed shows only its own. */
export const PAGE_HEADINGS = ['ConvNet Playground', 'Draw a digit', 'Teach it your handwriting', 'Model', 'Summary', 'Python code', 'Training', 'Learning curves', 'Watch it learn', 'Saved models', 'Runs'] as const;

/** An embed view inside the course page's <iframe>, driven as a person would: roles, labels, real mouse strokes. */
export class EmbedFrame {
  readonly frame: FrameLocator;
  readonly fullPlaygroundLink: Locator;
  readonly summary: Locator;

  constructor(
    private readonly page: Page,
    readonly iframe: Locator = page.locator('iframe'),
  ) {
    this.frame = iframe.contentFrame();
    this.fullPlaygroundLink = this.frame.getByRole('link', { name: 'Open in the full playground ↗' });
    this.summary = this.frame.getByLabel('Model summary');
  }

  heading(name: string): Locator {
    return this.frame.getByRole('heading', { name, exact: true });
  }

  /** The frame's document, for what only script can read (overflow, the service worker). */
  async document(): Promise<Frame> {
    const frame = await (await this.iframe.elementHandle())?.contentFrame();
    if (!frame) throw new Error('the course page has no embed frame');
    return frame;
  }

  /** Shows exactly these panel headings and none of the page's others. */
  async expectOnlyPanels(shown: readonly string[]): Promise<void> {
    for (const name of shown) await expect(this.heading(name)).toBeVisible();
    for (const name of PAGE_HEADINGS.filter((heading) => !shown.includes(heading))) await expect(this.heading(name)).toHaveCount(0);
    await expect(this.frame.getByRole('button', { name: 'Embed' })).toHaveCount(0);
  }

  /** Nothing wider than the frame: neither the page nor the panels' scrolling area scrolls sideways. */
  async horizontalOverflow(): Promise<{ page: number; panels: number }> {
    return (await this.document()).evaluate(() => {
      const overflow = (element: Element | null) => (element ? element.scrollWidth - element.clientWidth : 0);
      return { page: overflow(document.scrollingElement), panels: overflow(document.querySelector('.embed-panels')) };
    });
  }

  /** Draws a digit on the pad in the frame with page.mouse (its box is in the page's coordinates). */
  async drawDigit(digit: number): Promise<void> {
    const pad = this.frame.getByRole('img', { name: /^Drawing pad/ });
    await drawWithMouse(this.page, pad, digitStrokes(digit, { size: 0.7, left: 0.15, top: 0.15 }));
  }

  predictedDigit(): Locator {
    return this.frame.getByRole('region', { name: 'Prediction' }).locator('.prediction-digit');
  }
}
