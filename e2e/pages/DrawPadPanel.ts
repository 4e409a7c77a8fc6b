import { expect, type Locator, type Page } from '@playwright/test';
import { digitStrokes, type Placement } from '../support/digitStrokes.ts';
import { drawWithMouse, type Strokes } from '../support/mouseStrokes.ts';

/** The draw-a-digit panel, driven with real mouse strokes on its canvas. */
export class DrawPadPanel {
  readonly pad: Locator;
  readonly prediction: Locator;
  readonly predictedDigit: Locator;
  readonly clearButton: Locator;
  readonly undoButton: Locator;

  constructor(private readonly page: Page) {
    this.pad = page.getByRole('img', { name: /^Drawing pad/ });
    this.prediction = page.getByRole('region', { name: 'Prediction' });
    this.predictedDigit = this.prediction.locator('.prediction-digit');
    this.clearButton = page.getByRole('button', { name: 'Clear', exact: true });
    this.undoButton = page.getByRole('button', { name: 'Undo stroke' });
  }

  modelChoice(name: RegExp | string): Locator {
    return this.page.getByRole('radio', { name });
  }

  /** Draws with page.mouse: down, a move per point, up, one stroke after another (see digitStrokes for the samples). */
  async drawDigit(digit: number, placement: Placement, samplesPerSegment?: number): Promise<void> {
    await this.drawStrokes(digitStrokes(digit, placement, samplesPerSegment));
  }

  /** Draws strokes given in pad fractions (0–1 across and down) with page.mouse, one stroke after another. */
  async drawStrokes(strokes: Strokes): Promise<void> {
    await drawWithMouse(this.page, this.pad, strokes);
  }

  /**
   * Draws through the browser's own input pipeline as a finger or a pen would (Chrome DevTools Protocol input events),
   * so pointer events arrive with pointerType 'touch' or 'pen' and a page that scrolled instead would lose the stroke.
   * Touch needs a context with hasTouch.
   */
  async drawDigitWith(pointer: 'touch' | 'pen', digit: number, placement: Placement): Promise<void> {
    await this.pad.scrollIntoViewIfNeeded();
    const box = await this.pad.boundingBox();
    if (!box) throw new Error('the pad is not on screen');
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      for (const stroke of digitStrokes(digit, placement)) {
        const points = stroke.map(([x, y]) => ({ x: box.x + x * box.width, y: box.y + y * box.height }));
        for (const [i, point] of points.entries()) {
          if (pointer === 'touch') {
            await cdp.send('Input.dispatchTouchEvent', { type: i === 0 ? 'touchStart' : 'touchMove', touchPoints: [point] });
          } else {
            const type = i === 0 ? 'mousePressed' : 'mouseMoved';
            await cdp.send('Input.dispatchMouseEvent', { type, ...point, button: 'left', buttons: 1, clickCount: 1, pointerType: 'pen', force: 0.5 });
          }
        }
        const last = points[points.length - 1] ?? { x: 0, y: 0 };
        if (pointer === 'touch') await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        else await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...last, button: 'left', buttons: 0, clickCount: 1, pointerType: 'pen' });
      }
    } finally {
      await cdp.detach();
    }
  }

  /**
   * Waits for the answer to the finished drawing: the pad answers while a stroke is drawn, so the first answer may be
   * for part of it. Settled = the region is not busy (the drawing it shows has its own answer) and no new answer came
   * for 400 ms (the pad reads the last stroke on the next frame).
   */
  async waitForSettledAnswer(): Promise<void> {
    await expect(this.predictedDigit).toBeVisible();
    let last: string | null = null;
    await expect
      .poll(
        async () => {
          const [sequence, busy] = await Promise.all([this.prediction.getAttribute('data-sequence'), this.prediction.getAttribute('aria-busy')]);
          const settled = sequence === last && busy === 'false';
          last = sequence;
          return settled;
        },
        { intervals: [400] },
      )
      .toBe(true);
  }

  /** The digit the model reads in the finished drawing. */
  async readDigit(): Promise<number> {
    await this.waitForSettledAnswer();
    return Number(await this.predictedDigit.getAttribute('data-digit'));
  }

  /** Each digit's probability for the finished drawing, as the bars' labels say it. */
  async probabilities(): Promise<number[]> {
    await this.waitForSettledAnswer();
    return this.shownProbabilities();
  }

  /** The digit read in the finished drawing and each digit's probability, from one wait for the settled answer. */
  async readAnswer(): Promise<{ digit: number; probabilities: number[] }> {
    await this.waitForSettledAnswer();
    const [digit, probabilities] = await Promise.all([this.predictedDigit.getAttribute('data-digit'), this.shownProbabilities()]);
    return { digit: Number(digit), probabilities };
  }

  private async shownProbabilities(): Promise<number[]> {
    const labels = await this.prediction.getByRole('listitem').evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
    return labels.map((label) => Number(/: ([\d.]+)%/.exec(label)?.[1]) / 100);
  }
}
