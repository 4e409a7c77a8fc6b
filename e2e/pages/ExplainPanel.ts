import { expect, type Locator, type Page } from '@playwright/test';

/** The pad's explanations: the heat map of what the model looked at, and the view of how one number is computed. */
export class ExplainPanel {
  readonly attribution: Locator;
  readonly heatMap: Locator;
  readonly classPicker: Locator;
  readonly cellView: Locator;
  readonly softmaxButton: Locator;

  constructor(private readonly page: Page) {
    this.attribution = page.getByRole('region', { name: 'What it looked at' });
    this.heatMap = this.attribution.locator('figure.heat-map');
    this.classPicker = this.attribution.getByLabel('Explain the score of');
    this.cellView = page.getByRole('region', { name: /^How one number is computed/ });
    this.softmaxButton = page.getByRole('button', { name: 'How the probabilities are computed' });
  }

  method(name: string): Locator {
    return this.attribution.getByRole('radio', { name });
  }

  /** The heat map's numbers and the ink it was computed on, once a map for `target` (if given) is shown. */
  async heatMapNumbers(target?: number): Promise<{ values: number[]; ink: number[] }> {
    if (target !== undefined) await expect(this.heatMap).toHaveAttribute('data-target', String(target), { timeout: 30_000 });
    await expect(this.heatMap).toBeVisible({ timeout: 30_000 });
    const read = async (name: string) => ((await this.heatMap.getAttribute(name)) ?? '').split(' ').map(Number);
    return { values: await read('data-values'), ink: await read('data-ink') };
  }

  /** The feature-map grid of a layer, named as the summary names it (conv2d_1). */
  featureMap(layerName: string): Locator {
    return this.page.getByRole('region', { name: 'Draw a digit' }).locator(`canvas[aria-label^="${layerName} ("]`);
  }

  /** Clicks the cell at (row, col) of the first tile of a layer's grid, whose tiles are `tileSize` cells wide. */
  async clickCell(layerName: string, row: number, col: number, tileSize: number, columns: number): Promise<void> {
    const grid = this.featureMap(layerName);
    await grid.scrollIntoViewIfNeeded();
    const box = await grid.boundingBox();
    if (!box) throw new Error(`${layerName}'s map is not on screen`);
    const canvasWidth = columns * (tileSize + 1) - 1;
    const scale = box.width / canvasWidth;
    await this.page.mouse.click(box.x + (col + 0.5) * scale, box.y + (row + 0.5) * scale);
  }

  /** A number grid of the cell view (Window, Kernel weights, Products) as numbers, padding as 0. */
  async grid(caption: RegExp): Promise<number[]> {
    const table = this.cellView.getByRole('table', { name: caption });
    const cells = await table.locator('td').allTextContents();
    return cells.map((text) => (text.startsWith('pad') ? 0 : Number(text.replace('−', '-'))));
  }

  /** The explained sum, bias and value, and the model's own value, as the cell view holds them. */
  async sums(): Promise<{ sum: number; bias: number; value: number; modelValue: number }> {
    const sum = this.cellView.locator('.cell-sum');
    const check = this.cellView.locator('.cell-check');
    await expect(check).toBeVisible({ timeout: 30_000 });
    const number = async (locator: Locator, name: string) => Number(await locator.getAttribute(name));
    return { sum: await number(sum, 'data-sum'), bias: await number(sum, 'data-bias'), value: await number(sum, 'data-value'), modelValue: await number(check, 'data-model-value') };
  }
}
